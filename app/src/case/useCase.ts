// The sidebar's state for one ticket's case: load, poll while it moves, and the agent's actions
// (investigate, approve, deny, escalate). Answers older than what is shown are dropped by version.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DenyReason, Proposal } from '../../../functions/src/domain/proposal.js';
import { BackendError, type AuditTrail, type Backend, type CaseView } from '../api/backend.js';
import { nextPollDelay } from './nextPollDelay.js';

export type CasePhase =
  | { kind: 'loading' }
  | { kind: 'empty' }
  | { kind: 'ready'; view: CaseView }
  | { kind: 'failed'; error: BackendError };

export type NoticeKey = 'stale' | 'alreadyDecided' | 'approved' | 'denied' | 'escalated' | 'investigating' | 'stillWorking' | 'inserted';

/** Notices about work in progress, cleared once the case rests. */
const PROGRESS_NOTICES: ReadonlySet<NoticeKey> = new Set(['approved', 'investigating']);

export interface CaseController {
  phase: CasePhase;
  notice: NoticeKey | null;
  /** A poll or refresh failed while a case is on screen: the case stays, this explains. */
  refreshError: BackendError | null;
  /** The last action failed for a reason other than a stale proposal. */
  actionError: BackendError | null;
  /** Which action is in flight, e.g. "approve:prop_1". */
  busy: string | null;
  retry(): void;
  investigate(): Promise<void>;
  approve(p: Proposal): Promise<void>;
  deny(p: Proposal, reason: DenyReason, note: string | null): Promise<void>;
  escalate(): Promise<void>;
  loadAudit(): Promise<AuditTrail>;
  /** Shows a notice about something done outside the backend (the reply inserted). */
  announce(notice: NoticeKey): void;
}

/** Polls of an unchanged moving case before the sidebar stops and says so. */
export const MAX_UNCHANGED_POLLS = 120;

function asBackendError(e: unknown): BackendError {
  return e instanceof BackendError ? e : new BackendError(0, 'unreachable', e instanceof Error ? e.message : String(e));
}

export function useCase(backend: Backend, ticketId: string, pollMs: number): CaseController {
  const [phase, setPhase] = useState<CasePhase>({ kind: 'loading' });
  const [notice, setNotice] = useState<NoticeKey | null>(null);
  const [refreshError, setRefreshError] = useState<BackendError | null>(null);
  const [actionError, setActionError] = useState<BackendError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [stalled, setStalled] = useState(false);
  const viewRef = useRef<CaseView | null>(null);
  const unchanged = useRef(0);

  const accept = useCallback((view: CaseView | null, fromPoll = false) => {
    const current = viewRef.current;
    if (view === null) {
      viewRef.current = null;
      setPhase({ kind: 'empty' });
      return;
    }
    if (current && current.id === view.id && view.version < current.version) return;
    const same = !!current && current.id === view.id && current.version === view.version;
    unchanged.current = fromPoll && same ? unchanged.current + 1 : 0;
    if (unchanged.current >= MAX_UNCHANGED_POLLS) {
      setStalled(true);
      setNotice('stillWorking');
    } else if (!same) setStalled(false);
    viewRef.current = view;
    setPhase({ kind: 'ready', view });
    if (nextPollDelay(view, 1) === null) setNotice((n) => (n && PROGRESS_NOTICES.has(n) ? null : n));
  }, []);

  const fetchCase = useCallback(async (fromPoll: boolean) => {
    try {
      accept(await backend.getCase(ticketId), fromPoll);
      setRefreshError(null);
    } catch (e) {
      const error = asBackendError(e);
      if (viewRef.current) setRefreshError(error);
      else setPhase({ kind: 'failed', error });
    } finally {
      setTick((n) => n + 1);
    }
  }, [accept, backend, ticketId]);

  useEffect(() => {
    void fetchCase(false);
  }, [fetchCase]);

  useEffect(() => {
    if (phase.kind !== 'ready' || refreshError || stalled) return;
    const delay = nextPollDelay(phase.view, pollMs);
    if (delay === null) return;
    const timer = setTimeout(() => void fetchCase(true), delay);
    return () => clearTimeout(timer);
  }, [phase, tick, pollMs, refreshError, stalled, fetchCase]);

  const retry = useCallback(() => {
    setRefreshError(null);
    setStalled(false);
    unchanged.current = 0;
    setNotice((n) => (n === 'stillWorking' ? null : n));
    if (!viewRef.current) setPhase({ kind: 'loading' });
    void fetchCase(false);
  }, [fetchCase]);

  const run = useCallback(async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    setActionError(null);
    try {
      await action();
    } catch (e) {
      const error = asBackendError(e);
      if (error.status === 409 && (error.code === 'stale_proposal' || error.code === 'not_approvable')) {
        setNotice(error.code === 'stale_proposal' ? 'stale' : 'alreadyDecided');
        await fetchCase(false);
      } else if (!viewRef.current) {
        setPhase({ kind: 'failed', error });
      } else {
        setActionError(error);
      }
    } finally {
      setBusy(null);
    }
  }, [fetchCase]);

  const caseId = () => {
    const id = viewRef.current?.id;
    if (!id) throw new BackendError(0, 'no_case', 'there is no case to act on');
    return id;
  };

  return {
    phase, notice, refreshError, actionError, busy, retry,
    investigate: () => run('investigate', async () => {
      setNotice('investigating');
      accept(await backend.investigate(ticketId));
    }),
    approve: (p) => run(`approve:${p.id}`, async () => {
      const r = await backend.approve(caseId(), p.id, p.contentHash);
      accept(r.case);
      setNotice(r.alreadyDecided ? 'alreadyDecided' : 'approved');
    }),
    deny: (p, reason, note) => run(`deny:${p.id}`, async () => {
      const r = await backend.deny(caseId(), p.id, p.contentHash, reason, note);
      accept(r.case);
      setNotice(r.alreadyDecided ? 'alreadyDecided' : 'denied');
    }),
    escalate: () => run('escalate', async () => {
      accept(await backend.escalate(caseId(), null));
      setNotice('escalated');
    }),
    loadAudit: () => backend.audit(caseId()),
    announce: setNotice,
  };
}
