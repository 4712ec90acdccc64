// The ticket_sidebar location: reads the agent's session from ZAF, speaks the agent's language,
// keeps the iframe as tall as its content and shows the ticket's case.
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { useMemo, useRef } from 'react';
import styled from 'styled-components';
import { createBackend } from '../api/backend.js';
import { useCase } from '../case/useCase.js';
import { CasePanel } from '../components/CasePanel.js';
import { LoadingState } from '../components/LoadingState.js';
import { Stack } from '../components/layout.js';
import { I18nProvider } from '../i18n/I18nProvider.js';
import { useT } from '../i18n/useT.js';
import { useAgentSession, type AgentSession, type SessionState } from '../zaf/useAgentSession.js';
import { useAutoResize } from '../zaf/useAutoResize.js';
import { useClient } from '../zaf/useClient.js';

const Root = styled.main`
  padding: 2px 2px 12px;
`;

export interface LocationProps {
  /** How often a moving case is polled, in milliseconds. */
  pollMs: number;
}

function CaseScreen({ session, pollMs }: { session: AgentSession; pollMs: number }) {
  const client = useClient();
  const backend = useMemo(() => createBackend(client, session), [client, session]);
  const controller = useCase(backend, session.ticketId, pollMs);
  return <CasePanel controller={controller} />;
}

function SessionProblem({ state, onRetry }: { state: Extract<SessionState, { kind: 'failed' }>; onRetry(): void }) {
  const t = useT();
  if (state.reason === 'no_ticket') return <Alert type="info" role="note">{t('noTicket')}</Alert>;
  return (
    <Stack $gap={8} data-testid="session-problem" data-reason={state.reason}>
      <Alert type="warning">
        <Alert.Title>{state.reason === 'not_configured' ? t('notConfigured.title') : t('app.title')}</Alert.Title>
        <Alert.Paragraph>{state.reason === 'not_configured' ? t('notConfigured.body') : t('hostError', { message: state.message })}</Alert.Paragraph>
      </Alert>
      <div><Button size="small" onClick={onRetry}>{t('action.retry')}</Button></div>
    </Stack>
  );
}

export function TicketSidebar({ pollMs }: LocationProps) {
  const { state, reload } = useAgentSession();
  const root = useRef<HTMLElement>(null);
  useAutoResize(root);
  const locale = state.kind === 'ready' ? state.session.locale : state.kind === 'failed' ? state.locale : null;
  return (
    <I18nProvider locale={locale}>
      <Root ref={root}>
        {state.kind === 'loading' && <LoadingState />}
        {state.kind === 'failed' && <SessionProblem state={state} onRetry={reload} />}
        {state.kind === 'ready' && <CaseScreen session={state.session} pollMs={pollMs} />}
      </Root>
    </I18nProvider>
  );
}
