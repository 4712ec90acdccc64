// A proposed action, the guardrail decision on it, and what happened when it ran.
import type { Actor } from './audit.js';
import type { Money } from './money.js';
import type { Mode, RiskTier } from './settings.js';

export interface PolicyRef {
  id: string;
  version: number;
}

export interface ProposedAction {
  /** Connector operation, e.g. "billing.refund", "orders.cancel". */
  type: string;
  params: Record<string, unknown>;
  /** Money moved by the action, when it moves money. */
  amount: Money | null;
}

export interface Reason {
  code: string;
  detail: string;
}

export type DecisionKind = 'forbidden' | 'needs_approval' | 'auto';

export interface GuardrailDecision {
  kind: DecisionKind;
  mode: Mode;
  reasons: Reason[];
  policy: PolicyRef;
}

export const DENY_REASONS = ['wrong_policy', 'missing_context', 'bad_action_suggestion', 'other'] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

export type ProposalStatus =
  | 'pending' // waiting for a human
  | 'drafted' // assist mode: shown, never executed by us
  | 'forbidden'
  | 'approved' // queued for execution
  | 'denied'
  | 'executed' // system of record said yes; verification pending
  | 'verified'
  | 'failed'
  | 'superseded';

export interface ExecutionRecord {
  idempotencyKey: string;
  attempts: number;
  externalId: string | null;
  verified: boolean;
  verifiedAt: string | null;
  lastError: { code: string; message: string; retryable: boolean } | null;
  /** What the system of record answered when the action ran (an RMA number, a label link). */
  output?: Record<string, unknown>;
}

export interface Proposal {
  id: string;
  /** Playbook step name; with the case id it derives the idempotency key. */
  step: string;
  playbookId: string;
  /** In a ticket with several requests: the request (0-based) this step serves. */
  request?: number;
  title: string;
  action: ProposedAction;
  riskTier: RiskTier;
  decision: GuardrailDecision;
  contentHash: string;
  status: ProposalStatus;
  /** Steps that must be verified before this one may run (cancel before refund). */
  after: string[];
  approval: { by: Actor; at: string } | null;
  denial: { by: Actor; at: string; reason: DenyReason; note: string | null } | null;
  execution: ExecutionRecord | null;
}

/** The idempotency key every connector write carries: stable across retries, crashes and double clicks. */
export function idempotencyKey(caseId: string, step: string): string {
  return `cc:${caseId}:${step}`;
}
