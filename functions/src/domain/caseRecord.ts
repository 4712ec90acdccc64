// The persisted shape of a case. `schemaVersion` lets stored cases be migrated forward.
import type { CaseState } from './caseState.js';
import type { Conflict, Fact } from './evidence.js';
import type { CitationFlagReason } from './citedText.js';
import type { ModelProposalVerdict } from './modelProposal.js';
import type { GuardrailDecision, Proposal, PolicyRef, ProposedAction } from './proposal.js';
import type { Entities, Understanding } from './requests.js';

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
  /** The model's cited summary, reply draft and recommendations, when a model is configured. */
  review?: ModelReview;
  /** The model's last reading of the ticket, reused while the customer's words (and the intents) are unchanged. */
  triage?: Triage;
}

export interface Triage {
  /** sha256 of the customer's words and the catalog's intents the model was given. */
  textHash: string;
  understanding: Understanding;
  /** The cited facts its look-ups established, as fetched then. */
  facts: Fact[];
  at: string;
}
/** A sentence the model wrote that survived the citation check, with the facts it cites (by key). */
export interface ReviewSentence {
  text: string;
  factKeys: string[];
}

/** A sentence the citation check flagged (removed, or kept with an unknown citation dropped). */
export interface ReviewFlag {
  section: 'summary' | 'reply';
  text: string;
  reason: CitationFlagReason;
  detail: string;
  removed: boolean;
}

/** What the model recommended, judged against the playbook and run through the guardrails. Never executed. */
export interface ReviewedProposal {
  /** M1…, in the order the model proposed. */
  id: string;
  action: ProposedAction;
  factKeys: string[];
  /** Whether it matches a playbook proposal (which is what executes) or why not. */
  verdict: ModelProposalVerdict;
  /** The guardrail engine's decision on the model's action exactly as proposed. */
  decision: GuardrailDecision;
}

/** The model's review of an investigated case (F2/F11): cited summary, cited reply draft, its recommendations. */
export interface ModelReview {
  at: string;
  status: 'reviewed' | 'failed' | 'skipped';
  /** Why there is no review (model error, refusal, limit, or skipped after the first call failed). */
  reason: string | null;
  summary: ReviewSentence[];
  reply: { locale: string; sentences: ReviewSentence[] } | null;
  flagged: ReviewFlag[];
  proposals: ReviewedProposal[];
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
