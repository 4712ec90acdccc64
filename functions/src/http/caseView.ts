// The case as the sidebar sees it. The app imports these types (type-only) so both sides agree.
import type { AuditEvent } from '../domain/audit.js';
import type { CaseData, CaseRecord } from '../domain/caseRecord.js';
import type { CaseState } from '../domain/caseState.js';

export interface TimelineEntry {
  state: CaseState;
  at: string;
}

export interface ActionLogEntry {
  at: string;
  type: 'executed' | 'verified' | 'failed' | 'pending_verification' | 'verification_failed';
  proposalId: string;
  detail: string;
}

export interface CaseView {
  id: string;
  ticketId: string;
  state: CaseState;
  caseType: string | null;
  intent: string | null;
  /** The ticket's requests and what each one's playbook decided; which reader understood the ticket. */
  requests: NonNullable<CaseData['requests']>;
  understoodBy: CaseData['understoodBy'] | null;
  agent: NonNullable<CaseData['agent']> | null;
  /** The model's cited summary, reply draft and judged recommendations (null without a model). */
  review: NonNullable<CaseData['review']> | null;
  locale: string;
  policy: CaseData['policy'];
  facts: CaseData['facts'];
  keyFacts: string[];
  conflicts: CaseData['conflicts'];
  missing: string[];
  proposals: CaseData['proposals'];
  reply: CaseData['reply'];
  escalation: CaseData['escalation'];
  waiting: CaseData['waiting'];
  timeline: TimelineEntry[];
  actions: ActionLogEntry[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

const ACTION_EVENTS: Record<string, ActionLogEntry['type']> = {
  'action.executed': 'executed',
  'action.verified': 'verified',
  'action.failed': 'failed',
  'action.verification_pending': 'pending_verification',
  'action.verification_failed': 'verification_failed',
};

export function toCaseView(record: CaseRecord, events: AuditEvent[]): CaseView {
  const timeline: TimelineEntry[] = [{ state: 'intake', at: record.createdAt }];
  const actions: ActionLogEntry[] = [];
  for (const e of events) {
    if (e.type === 'case.state_changed') timeline.push({ state: e.data['to'] as CaseState, at: e.at });
    const kind = ACTION_EVENTS[e.type];
    if (kind) {
      const detail = (e.data['detail'] as string | undefined) ?? (e.data['externalId'] as string | undefined) ?? JSON.stringify(e.data['error'] ?? '');
      actions.push({ at: e.at, type: kind, proposalId: String(e.data['proposalId']), detail });
    }
  }
  const d = record.data;
  return {
    id: record.id, ticketId: record.ticketId, state: record.state, caseType: record.caseType, intent: d.intent, requests: d.requests ?? [], understoodBy: d.understoodBy ?? null, agent: d.agent ?? null, review: d.review ?? null, locale: d.locale, policy: d.policy,
    facts: d.facts, keyFacts: d.keyFacts ?? [], conflicts: d.conflicts, missing: d.missing, proposals: d.proposals, reply: d.reply, escalation: d.escalation, waiting: d.waiting,
    timeline, actions, createdAt: record.createdAt, updatedAt: record.updatedAt, version: record.version,
  };
}
