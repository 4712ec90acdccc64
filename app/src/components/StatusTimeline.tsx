// How the case got where it is: every state it passed through, then what was tried on the
// systems of record and whether it succeeded, failed or still awaits confirmation.
import { Timeline } from '@zendeskgarden/react-accordions';
import type { ActionLogEntry, TimelineEntry } from '../../../functions/src/http/caseView.js';
import { useT } from '../i18n/useT.js';
import { Muted, PlainList, SectionHeading } from './layout.js';

const ACTION_MARK: Record<ActionLogEntry['type'], string> = {
  executed: '→',
  verified: '✓',
  failed: '✗',
  pending_verification: '…',
  verification_failed: '✗',
};

export function StatusTimeline({ timeline, actions }: { timeline: TimelineEntry[]; actions: ActionLogEntry[] }) {
  const t = useT();
  return (
    <section aria-labelledby="cc-timeline" data-testid="timeline">
      <SectionHeading id="cc-timeline">{t('timeline.heading')}</SectionHeading>
      <Timeline>
        {timeline.map((entry, i) => (
          <Timeline.Item key={`${entry.state}-${i}`} data-state={entry.state}>
            <Timeline.Content>
              <div>{t(`state.${entry.state}`)}</div>
              <Muted>{t.dateTime(entry.at)}</Muted>
            </Timeline.Content>
          </Timeline.Item>
        ))}
      </Timeline>
      {actions.length > 0 && (
        <>
          <SectionHeading as="h4">{t('timeline.actions')}</SectionHeading>
          <PlainList data-testid="action-log">
            {actions.map((a, i) => (
              <li key={`${a.proposalId}-${a.type}-${i}`} data-type={a.type}>
                <span aria-hidden="true">{ACTION_MARK[a.type]} </span>
                <strong>{t(`actionLog.${a.type}`)}</strong>: {a.detail}
                <div><Muted>{t.dateTime(a.at)}</Muted></div>
              </li>
            ))}
          </PlainList>
        </>
      )}
    </section>
  );
}
