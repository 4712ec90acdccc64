// The whole sidebar for one ticket's case: the state at a glance, what needs the agent's decision,
// the drafted reply, the model's review (read, never executed), the evidence behind it all, how the
// case got here, and its audit trail.
import type { CaseController } from '../case/useCase.js';
import { useT } from '../i18n/useT.js';
import { AuditTrail } from './AuditTrail.js';
import { CaseHeader } from './CaseHeader.js';
import { CaseSituation } from './CaseSituation.js';
import { ConflictsAlert } from './ConflictsAlert.js';
import { EmptyState } from './EmptyState.js';
import { ErrorState } from './ErrorState.js';
import { FactsSummary } from './FactsSummary.js';
import { LoadingState } from './LoadingState.js';
import { ModelCost, ModelReview } from './ModelReview.js';
import { NoticeBar } from './NoticeBar.js';
import { ProposalCard } from './ProposalCard.js';
import { ReplyDraft } from './ReplyDraft.js';
import { StateAnnouncer } from './StateAnnouncer.js';
import { StatusTimeline } from './StatusTimeline.js';
import { Muted, SectionHeading, Stack } from './layout.js';

export function CasePanel({ controller: c }: { controller: CaseController }) {
  const t = useT();
  const { phase } = c;
  const notices = <NoticeBar notice={c.notice} refreshError={c.refreshError} actionError={c.actionError} onRetry={c.retry} />;
  if (phase.kind === 'loading') return <LoadingState />;
  if (phase.kind === 'failed') return <ErrorState error={phase.error} onRetry={c.retry} />;
  if (phase.kind === 'empty') {
    return (
      <Stack>
        {notices}
        <EmptyState busy={c.busy === 'investigate'} onInvestigate={() => void c.investigate()} />
      </Stack>
    );
  }
  const { view } = phase;
  const live = view.proposals.filter((p) => p.status !== 'superseded');
  return (
    <Stack>
      <StateAnnouncer state={view.state} />
      <CaseHeader view={view} busy={c.busy} onRefresh={c.retry} onEscalate={() => void c.escalate()} />
      {!view.review && view.agent && <ModelCost agent={view.agent} />}
      {notices}
      <CaseSituation view={view} />
      <ConflictsAlert conflicts={view.conflicts} />
      <section aria-labelledby="cc-proposals">
        <SectionHeading id="cc-proposals">{t('proposals.heading')}</SectionHeading>
        {live.length === 0 ? <Muted>{t('proposals.empty')}</Muted> : (
          <Stack $gap={8}>
            {live.map((p) => (
              <ProposalCard key={p.id} proposal={p} busy={c.busy} onApprove={(x) => void c.approve(x)} onDeny={(x, reason, note) => void c.deny(x, reason, note)} />
            ))}
          </Stack>
        )}
      </section>
      <ReplyDraft reply={view.reply} onInserted={() => c.announce('inserted')} />
      <ModelReview review={view.review} agent={view.agent} facts={view.facts} onInserted={() => c.announce('inserted')} />
      <FactsSummary facts={view.facts} keyFacts={view.keyFacts} />
      <StatusTimeline timeline={view.timeline} actions={view.actions} />
      <AuditTrail load={c.loadAudit} />
    </Stack>
  );
}
