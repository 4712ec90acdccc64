// What the language model made of the case, for the agent to read — never to act on by itself: its
// summary with the facts each sentence cites, its reply draft (one click appends it to the
// composer), the claims the citation check removed or flagged, and its recommendations judged
// against the plan (only the plan's proposals execute). Plus what the model cost on this case.
import { Anchor, Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { Tag } from '@zendeskgarden/react-tags';
import { Fragment } from 'react';
import styled from 'styled-components';
import type { CaseView } from '../api/backend.js';
import type { ModelReview as Review, ReviewedProposal, ReviewSentence } from '../../../functions/src/domain/caseRecord.js';
import type { Fact } from '../../../functions/src/domain/evidence.js';
import { isMoney } from '../i18n/format.js';
import { useT, type Translator } from '../i18n/useT.js';
import { useComposer } from '../zaf/useComposer.js';
import { Muted, PlainList, Row, SectionHeading, Stack } from './layout.js';

const SubHeading = styled.h4`
  margin: 0 0 4px;
  font-size: 13px;
  font-weight: 600;
  line-height: 18px;
`;

const Draft = styled.blockquote`
  margin: 0;
  padding: 6px 10px;
  border-left: 3px solid #d8dcde;
  font-size: 13px;
  line-height: 18px;
  white-space: pre-wrap;
`;

const Card = styled.article`
  border: 1px dashed #d8dcde;
  border-radius: 4px;
  padding: 8px 10px;
`;

const Title = styled.h5`
  margin: 0;
  font-size: 13px;
  line-height: 18px;
  font-weight: 600;
`;

/** Garden tags are one line high; the verdict's words may need two in a narrow sidebar. */
const WRAPPING_TAG = { whiteSpace: 'normal', height: 'auto', minHeight: 20, lineHeight: '16px', paddingTop: 2, paddingBottom: 2 } as const;

const REJECTION_HUE = { not_in_playbook: 'red', amount_above_plan: 'red', params_differ: 'orange', uncited: 'orange' } as const;

type Agent = NonNullable<CaseView['agent']>;

function costLine(t: Translator, agent: Agent): string {
  const tokens = t.value(agent.inputTokens + agent.outputTokens);
  const usd = t.usd(agent.usd);
  return agent.calls === 1 ? t('review.costOne', { tokens, usd }) : t('review.cost', { calls: t.value(agent.calls), tokens, usd });
}

/** "Model: 2 calls · 2,734 tokens · $0.0041" — shown in the section, or under the header when there is no review. */
export function ModelCost({ agent }: { agent: Agent }) {
  const t = useT();
  return <Muted data-testid="model-cost" style={{ display: 'block' }}>{costLine(t, agent)}</Muted>;
}

/** Which facts a sentence rests on: the fact's label and a link to each record it was read from. */
function Sources({ keys, facts }: { keys: string[]; facts: Map<string, Fact> }) {
  const t = useT();
  if (keys.length === 0) return null;
  return (
    <Muted as="div" data-testid="review-sources">
      {t('review.sources')}:{' '}
      {keys.map((key, i) => {
        const fact = facts.get(key);
        return (
          <Fragment key={key}>
            {i > 0 && '; '}
            <span data-testid="review-source" data-key={key} data-known={fact ? 'true' : 'false'}>
              {!fact ? <code>{key}</code> : (
                <>
                  {t.lookup(`fact.${key}`) ?? key}
                  {fact.citations.length > 0 && ' ('}
                  {fact.citations.map((c, j) => {
                    const record = `${c.recordType} ${c.recordId}`;
                    return (
                      <Fragment key={j}>
                        {j > 0 && ', '}
                        {t.lookup(`system.${c.system}`) ?? c.system}{' · '}
                        {c.link ? (
                          <Anchor href={c.link} isExternal externalIconLabel={t('link.newTab')} aria-label={t('citation.open', { recordType: c.recordType, id: c.recordId })}>
                            {record}
                          </Anchor>
                        ) : record}
                      </Fragment>
                    );
                  })}
                  {fact.citations.length > 0 && ')'}
                </>
              )}
            </span>
          </Fragment>
        );
      })}
    </Muted>
  );
}

function Summary({ sentences, facts }: { sentences: ReviewSentence[]; facts: Map<string, Fact> }) {
  const t = useT();
  return (
    <div>
      <SubHeading>{t('review.summary')}</SubHeading>
      {sentences.length === 0 ? <Muted>{t('review.noSummary')}</Muted> : (
        <PlainList>
          {sentences.map((s, i) => (
            <li key={i} data-testid="review-sentence">
              <div style={{ fontSize: 13, lineHeight: '18px' }}>{s.text}</div>
              <Sources keys={s.factKeys} facts={facts} />
            </li>
          ))}
        </PlainList>
      )}
    </div>
  );
}

function ReplyDraftOfModel({ reply, onInserted }: { reply: Review['reply']; onInserted(): void }) {
  const t = useT();
  const { appendText } = useComposer();
  const text = (reply?.sentences ?? []).map((s) => s.text).join(' ');
  return (
    <div data-testid="review-reply">
      <SubHeading>{t('review.reply')}</SubHeading>
      {!reply || reply.sentences.length === 0 ? <Muted>{t('review.replyNone')}</Muted> : (
        <Stack $gap={6}>
          <Draft lang={reply.locale} data-testid="review-reply-text">{text}</Draft>
          <Row>
            <Button size="small" onClick={() => void appendText(text).then(onInserted)}>{t('review.useDraft')}</Button>
          </Row>
        </Stack>
      )}
    </div>
  );
}

function Flagged({ flagged }: { flagged: Review['flagged'] }) {
  const t = useT();
  if (flagged.length === 0) return null;
  return (
    <Alert type="warning" role="region" aria-label={t('review.flagged.title')} data-testid="review-flagged">
      <Alert.Title>{t('review.flagged.title')}</Alert.Title>
      <PlainList>
        {flagged.map((f, i) => (
          <li key={i} data-testid="review-flag" data-reason={f.reason} data-removed={String(f.removed)}>
            <Alert.Paragraph style={f.removed ? { textDecoration: 'line-through' } : undefined}>“{f.text}”</Alert.Paragraph>
            <Muted title={f.detail}>
              <strong>{f.removed ? t('review.flagged.removed') : t('review.flagged.kept')}</strong>
              {' · '}{t(`review.flagged.section.${f.section}`)}
              {' · '}{t.lookup(`review.flagged.reason.${f.reason}`) ?? f.detail}
            </Muted>
          </li>
        ))}
      </PlainList>
    </Alert>
  );
}

function Recommendation({ proposal: p, facts }: { proposal: ReviewedProposal; facts: Map<string, Fact> }) {
  const t = useT();
  const v = p.verdict;
  const verdict = v.kind === 'matches'
    ? t('review.verdict.matches')
    : t('review.verdict.rejected', { reason: t.lookup(`review.rejection.${v.reason}`) ?? v.reason });
  const decisionReasons = p.decision.reasons.map((r) => (t.table !== 'en' && t.lookup(`reason.${r.code}`)) || r.detail);
  return (
    <Card data-testid="review-proposal" data-proposal-id={p.id} data-verdict={v.kind} data-reason={v.kind === 'rejected' ? v.reason : undefined}>
      <Stack $gap={4}>
        <Row style={{ justifyContent: 'space-between' }}>
          <Title>{t.lookup(`actionType.${p.action.type}`) ?? p.action.type}</Title>
          <Tag size="medium" hue={v.kind === 'matches' ? 'green' : REJECTION_HUE[v.reason]} data-testid="review-verdict" style={WRAPPING_TAG}>
            {verdict}
          </Tag>
        </Row>
        {p.action.amount && isMoney(p.action.amount) && (
          <Muted data-testid="review-proposal-amount">{t('proposal.amount')}: {t.money(p.action.amount)}</Muted>
        )}
        {v.kind === 'rejected' && t.table === 'en' && v.detail && <Muted>{v.detail}</Muted>}
        <Muted data-testid="review-proposal-decision" data-decision={p.decision.kind} title={decisionReasons.join('\n') || undefined}>
          {t('review.guardrails', { decision: t(`decision.${p.decision.kind}`) })}
        </Muted>
        <Sources keys={p.factKeys} facts={facts} />
      </Stack>
    </Card>
  );
}

function Recommendations({ proposals, facts }: { proposals: ReviewedProposal[]; facts: Map<string, Fact> }) {
  const t = useT();
  return (
    <div data-testid="review-proposals">
      <SubHeading>{t('review.proposals.heading')}</SubHeading>
      <Muted as="p" style={{ margin: '0 0 6px', display: 'block' }}>{t('review.proposals.note')}</Muted>
      {proposals.length === 0 ? <Muted>{t('review.proposals.empty')}</Muted> : (
        <Stack $gap={6}>
          {proposals.map((p) => <Recommendation key={p.id} proposal={p} facts={facts} />)}
        </Stack>
      )}
    </div>
  );
}

export interface ModelReviewProps {
  review: Review | null;
  agent: CaseView['agent'];
  facts: Fact[];
  /** After "Use this draft" appended the model's draft to the composer. */
  onInserted(): void;
}

export function ModelReview({ review, agent, facts, onInserted }: ModelReviewProps) {
  const t = useT();
  if (!review) return null;
  const byKey = new Map(facts.map((f) => [f.key, f]));
  return (
    <section aria-labelledby="cc-model-review" data-testid="model-review" data-status={review.status}>
      <SectionHeading id="cc-model-review">{t('review.heading')}</SectionHeading>
      <Stack $gap={10}>
        {review.status !== 'reviewed' ? (
          <Muted data-testid="review-unavailable">
            {review.reason ? t('review.unavailable', { reason: review.reason }) : t('review.unavailableNoReason')}
          </Muted>
        ) : (
          <>
            <Summary sentences={review.summary} facts={byKey} />
            <ReplyDraftOfModel reply={review.reply} onInserted={onInserted} />
            <Flagged flagged={review.flagged} />
            <Recommendations proposals={review.proposals} facts={byKey} />
          </>
        )}
        {agent && <ModelCost agent={agent} />}
      </Stack>
    </section>
  );
}
