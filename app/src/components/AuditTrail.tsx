// The case's audit trail, loaded when the agent opens it: each event's type, actor and time, and
// whether the hash chain over them verifies.
import { Accordion } from '@zendeskgarden/react-accordions';
import { Button } from '@zendeskgarden/react-buttons';
import { Dots } from '@zendeskgarden/react-loaders';
import { useCallback, useState } from 'react';
import styled from 'styled-components';
import type { AuditTrail as Trail, BackendError } from '../api/backend.js';
import { useT } from '../i18n/useT.js';
import { Muted } from './layout.js';

const Table = styled.table`
  width: 100%;
  border-collapse: collapse;
  font-size: 12px;
  th, td { text-align: left; padding: 2px 4px; vertical-align: top; }
  th { color: #68737d; font-weight: 600; }
  td:first-child { word-break: break-word; }
`;

type Load = { kind: 'idle' } | { kind: 'loading' } | { kind: 'loaded'; trail: Trail } | { kind: 'failed'; error: BackendError };

export function AuditTrail({ load }: { load(): Promise<Trail> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<Load>({ kind: 'idle' });
  const fetchTrail = useCallback(() => {
    setState({ kind: 'loading' });
    load().then(
      (trail) => setState({ kind: 'loaded', trail }),
      (error: BackendError) => setState({ kind: 'failed', error }),
    );
  }, [load]);
  const toggle = () => {
    const next = !open;
    setOpen(next);
    // Loaded on every opening, so a reopened trail includes what happened since.
    if (next) fetchTrail();
  };
  return (
    <Accordion level={3} isCompact isBare expandedSections={open ? [0] : []} onChange={toggle} data-testid="audit">
      <Accordion.Section>
        <Accordion.Header>
          <Accordion.Label>{t('audit.heading')}</Accordion.Label>
        </Accordion.Header>
        <Accordion.Panel>
          {state.kind === 'loading' && (
            <div role="status"><Dots size={20} delayMS={0} aria-hidden="true" /> <Muted>{t('audit.loading')}</Muted></div>
          )}
          {state.kind === 'failed' && (
            <div role="alert">
              <Muted>{state.error.unreachable ? t('unreachable.title') : state.error.message}</Muted>{' '}
              <Button size="small" isLink onClick={fetchTrail}>{t('action.retry')}</Button>
            </div>
          )}
          {state.kind === 'loaded' && (
            <>
              <p data-testid="audit-chain" data-ok={String(state.trail.chain.ok)} style={{ margin: '0 0 6px' }}>
                {state.trail.chain.ok
                  ? t('audit.verified', { count: state.trail.chain.count })
                  : t('audit.broken', { seq: state.trail.chain.seq, reason: state.trail.chain.reason })}
              </p>
              <Table>
                <thead>
                  <tr><th scope="col">{t('audit.event')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.time')}</th></tr>
                </thead>
                <tbody>
                  {state.trail.events.map((e) => (
                    <tr key={e.seq} data-testid="audit-event" data-type={e.type}>
                      <td><code>{e.type}</code></td>
                      <td>{t.lookup(`actor.${e.actor.kind}`, { id: e.actor.id ?? '?' }) ?? e.actor.kind}</td>
                      <td>{t.dateTime(e.at)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </>
          )}
        </Accordion.Panel>
      </Accordion.Section>
    </Accordion>
  );
}
