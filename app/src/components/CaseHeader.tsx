// The case at a glance: ticket, state (a stable hook for tests: data-testid="case-state" with
// data-state), case type, and the two actions that are always available — Refresh and Escalate.
import { Button } from '@zendeskgarden/react-buttons';
import { Tag } from '@zendeskgarden/react-tags';
import styled from 'styled-components';
import type { CaseView } from '../api/backend.js';
import { useT } from '../i18n/useT.js';
import { Muted, Row } from './layout.js';

const Heading = styled.h2`
  margin: 0;
  font-size: 15px;
  line-height: 20px;
  font-weight: 600;
`;

const STATE_HUE: Partial<Record<CaseView['state'], string>> = {
  closed: 'green',
  awaiting_approval: 'blue',
  escalated: 'red',
  waiting_on_system: 'yellow',
  waiting_on_customer: 'yellow',
};

export interface CaseHeaderProps {
  view: CaseView;
  busy: string | null;
  onRefresh(): void;
  onEscalate(): void;
}

export function CaseHeader({ view, busy, onRefresh, onEscalate }: CaseHeaderProps) {
  const t = useT();
  const canEscalate = view.state !== 'escalated' && view.state !== 'closed';
  return (
    <header>
      <Row style={{ justifyContent: 'space-between' }}>
        <Heading>{t('case.heading', { id: view.ticketId })}</Heading>
        <Tag hue={STATE_HUE[view.state] ?? 'grey'} data-testid="case-state" data-state={view.state} aria-label={`${t('case.stateLabel')}: ${t(`state.${view.state}`)}`}>
          {t(`state.${view.state}`)}
        </Tag>
      </Row>
      <Muted>{t('case.type')}: {view.caseType ?? t('case.typeNone')}</Muted>
      <Row style={{ marginTop: 8 }}>
        <Button size="small" isBasic onClick={onRefresh}>{t('action.refresh')}</Button>
        {canEscalate && (
          <Button size="small" isDanger isBasic disabled={busy === 'escalate'} aria-busy={busy === 'escalate'} onClick={onEscalate}>
            {t('action.escalate')}
          </Button>
        )}
      </Row>
    </header>
  );
}
