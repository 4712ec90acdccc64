// One proposed action: what it does and to what, its risk tier, the guardrail decision with its
// reasons and policy id@version, its status, and — while it waits for a human — Approve / Deny.
import { Button } from '@zendeskgarden/react-buttons';
import { Tag } from '@zendeskgarden/react-tags';
import { useRef, useState } from 'react';
import styled from 'styled-components';
import type { Actor } from '../../../functions/src/domain/audit.js';
import type { DenyReason, Proposal } from '../../../functions/src/domain/proposal.js';
import { isMoney } from '../i18n/format.js';
import { useT, type Translator } from '../i18n/useT.js';
import { DenyForm } from './DenyForm.js';
import { Muted, Row, Stack } from './layout.js';

const Card = styled.article`
  border: 1px solid #d8dcde;
  border-radius: 4px;
  padding: 10px 12px;
`;

const Title = styled.h4`
  margin: 0;
  font-size: 14px;
  line-height: 20px;
`;

const Facts = styled.dl`
  display: grid;
  grid-template-columns: max-content 1fr;
  gap: 2px 8px;
  margin: 0;
  font-size: 13px;
  dt { color: #68737d; }
  dd { margin: 0; }
`;

const RISK_HUE = { low: 'green', medium: 'yellow', high: 'red' } as const;
const TARGET_PARAMS = ['orderId', 'chargeId', 'subscriptionId', 'accountId'] as const;

function actorName(t: Translator, actor: Actor): string {
  return t.lookup(`actor.${actor.kind}`, { id: actor.id ?? '?' }) ?? actor.kind;
}

function targetOf(t: Translator, p: Proposal): string {
  const parts = TARGET_PARAMS.filter((k) => typeof p.action.params[k] === 'string').map((k) => t(`target.${k}`, { id: String(p.action.params[k]) }));
  const type = t.lookup(`actionType.${p.action.type}`) ?? p.action.type;
  return parts.length ? `${type}: ${t.list(parts)}` : type;
}

export interface ProposalCardProps {
  proposal: Proposal;
  busy: string | null;
  onApprove(p: Proposal): void;
  onDeny(p: Proposal, reason: DenyReason, note: string | null): void;
}

export function ProposalCard({ proposal: p, busy, onApprove, onDeny }: ProposalCardProps) {
  const t = useT();
  const [denying, setDenying] = useState(false);
  const denyButton = useRef<HTMLButtonElement>(null);
  const decidable = p.status === 'pending' && p.decision.kind === 'needs_approval';
  const inFlight = busy === `approve:${p.id}` || busy === `deny:${p.id}`;
  const headingId = `cc-proposal-${p.id}`;
  const denial = p.denial ? t.lookup(`deny.reason.${p.denial.reason}`) ?? p.denial.reason : '';
  return (
    <Card data-testid="proposal" data-status={p.status} data-proposal-id={p.id} aria-labelledby={headingId} aria-busy={inFlight}>
      <Stack $gap={8}>
        <Row>
          <Title id={headingId}>{(t.table !== 'en' && t.lookup(`actionType.${p.action.type}`)) || p.title}</Title>
          <Tag size="small" hue={RISK_HUE[p.riskTier]}>{t(`risk.${p.riskTier}`)}</Tag>
        </Row>
        <Facts>
          {p.action.amount && isMoney(p.action.amount) && (<><dt>{t('proposal.amount')}</dt><dd data-testid="proposal-amount">{t.money(p.action.amount)}</dd></>)}
          <dt>{t('proposal.target')}</dt><dd>{targetOf(t, p)}</dd>
          <dt>{t('proposal.decision')}</dt>
          <dd data-testid="proposal-decision" data-decision={p.decision.kind}>
            {t(`decision.${p.decision.kind}`)}
            {p.decision.reasons.length > 0 && (
              <ul style={{ margin: '2px 0 0', paddingLeft: 16 }}>
                {p.decision.reasons.map((r) => <li key={r.code} data-code={r.code} title={r.detail}>{(t.table !== 'en' && t.lookup(`reason.${r.code}`)) || r.detail}</li>)}
              </ul>
            )}
          </dd>
          <dt>{t('proposal.policy')}</dt><dd><code>{`${p.decision.policy.id}@${p.decision.policy.version}`}</code></dd>
          <dt>{t('proposal.status')}</dt><dd data-testid="proposal-status">{t(`status.${p.status}`)}</dd>
        </Facts>
        {p.execution?.externalId && <Muted>{t('proposal.reference', { id: p.execution.externalId })}</Muted>}
        {p.execution?.lastError && <Muted role="note">{t('proposal.lastError', { message: p.execution.lastError.message })}</Muted>}
        {p.approval && <Muted>{t('proposal.approvedBy', { actor: actorName(t, p.approval.by), time: t.dateTime(p.approval.at) })}</Muted>}
        {p.denial && <Muted>{t('proposal.deniedBy', { actor: actorName(t, p.denial.by), time: t.dateTime(p.denial.at), reason: denial })}</Muted>}
        {decidable && !denying && (
          <Row>
            <Button isPrimary size="small" disabled={inFlight} aria-busy={busy === `approve:${p.id}`} onClick={() => onApprove(p)}>{t('action.approve')}</Button>
            <Button ref={denyButton} size="small" disabled={inFlight} onClick={() => setDenying(true)}>{t('action.deny')}</Button>
          </Row>
        )}
        {decidable && denying && (
          <DenyForm
            proposalId={p.id}
            busy={inFlight}
            onSubmit={(reason, note) => onDeny(p, reason, note)}
            onCancel={() => {
              setDenying(false);
              requestAnimationFrame(() => denyButton.current?.focus());
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
