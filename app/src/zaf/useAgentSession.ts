// Reads who is looking at which ticket and where the backend lives: the settings from metadata,
// the agent and ticket from client.get. The shared secret is never among them — Zendesk's proxy
// signs each backend request with it (see api/backend.ts).
import { useCallback, useEffect, useState } from 'react';
import { useClient } from './useClient.js';

export interface AgentSession {
  backendUrl: string;
  installationId: string;
  ticketId: string;
  agentId: string;
  locale: string;
}

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'ready'; session: AgentSession }
  | { kind: 'failed'; reason: 'not_configured' | 'no_ticket' | 'host_error'; message: string; locale: string };

export function useAgentSession(): { state: SessionState; reload(): void } {
  const client = useClient();
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    const load = async (): Promise<SessionState> => {
      let locale = 'en';
      try {
        const [metadata, got] = await Promise.all([client.metadata(), client.get(['ticket.id', 'currentUser.id', 'currentUser.locale'])]);
        locale = typeof got['currentUser.locale'] === 'string' ? got['currentUser.locale'] : 'en';
        const backendUrl = typeof metadata.settings.backend_url === 'string' ? metadata.settings.backend_url.trim().replace(/\/+$/, '') : '';
        if (!backendUrl) return { kind: 'failed', reason: 'not_configured', message: 'backend_url is not set', locale };
        const ticketId = got['ticket.id'];
        if (ticketId === undefined || ticketId === null || ticketId === '') return { kind: 'failed', reason: 'no_ticket', message: 'no ticket in this location', locale };
        return {
          kind: 'ready',
          session: { backendUrl, installationId: String(metadata.installationId), ticketId: String(ticketId), agentId: String(got['currentUser.id']), locale },
        };
      } catch (e) {
        return { kind: 'failed', reason: 'host_error', message: e instanceof Error ? e.message : String(e), locale };
      }
    };
    void load().then((next) => {
      if (live) setState(next);
    });
    return () => {
      live = false;
    };
  }, [client, attempt]);
  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return { state, reload };
}
