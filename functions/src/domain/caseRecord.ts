// The persisted shape of a case. `schemaVersion` lets stored cases be migrated forward.
import type { CaseState } from './caseState.js';
import type { Conflict, Fact } from './evidence.js';
import type { Proposal, PolicyRef } from './proposal.js';
import type { Entities } from './requests.js';

export const CASE_SCHEMA_VERSION = 1;

export interface Reply {
  locale: string;
  templateId: string;
  body: string;
  postedAt: string | null;
}

export interface Escalation {
  reason: string;
  detail: string;
  groupId: string | null;
  at: string;
}

export interface Waiting {
  reason: string;
  system: string | null;
  since: string;
  retryAt: string | null;
}

/** One request of the ticket and what its playbook decided. */
export interface RequestRecord {
  intent: string;
  playbookId: string | null;
  playbookVersion: number | null;
  orderIds: string[];
  fallbackFor: number | null;
  outcome: 'propose' | 'refuse' | 'inform' | 'ask' | 'escalate' | 'replaced' | 'not_needed';
  reason: string | null;
  templateId: string | null;
  /** Amounts and dates the customer stated for this request (data for the agent; never acted on). */
  entities?: Entities;
}

export interface CaseData {
  schemaVersion: number;
  intent: string | null;
  playbookId: string | null;
  policy: PolicyRef | null;
  locale: string;
  facts: Fact[];
  /** Facts the applied playbook decided on; the sidebar shows them first. */
  keyFacts?: string[];
  conflicts: Conflict[];
  missing: string[];
  proposals: Proposal[];
  reply: Reply | null;
  escalation: Escalation | null;
  waiting: Waiting | null;
  investigatedAt: string | null;
  /** The requests the ticket holds (one for most tickets), in the customer's order. */
  requests?: RequestRecord[];
  /** Which reader understood the ticket: the deterministic patterns or the model, and why a fallback ran. */
  understoodBy?: { path: 'deterministic' | 'llm'; source: string; fallbackReason: string | null };
  /** Model use on this case so far: calls, tokens and their cost (prices from config). */
  agent?: { calls: number; inputTokens: number; outputTokens: number; usd: number };
}

export interface CaseSnapshot {
  state: CaseState;
  caseType: string | null;
  data: CaseData;
  updatedAt: string;
}

export interface CaseRecord extends CaseSnapshot {
  id: string;
  installationId: string;
  ticketId: string;
  version: number; // number of events in the log
  lastHash: string;
  createdAt: string;
}

export function emptyCaseData(locale = 'en'): CaseData {
  return {
    schemaVersion: CASE_SCHEMA_VERSION,
    intent: null,
    playbookId: null,
    policy: null,
    locale,
    facts: [],
    conflicts: [],
    missing: [],
    proposals: [],
    reply: null,
    escalation: null,
    waiting: null,
    investigatedAt: null,
  };
}
