// A playbook is procedure as data: when it applies, what it must know, what it checks, what it
// does and what it tells the customer. Numbers it depends on live in the policy, not here.
import type { Condition, Expr } from './rules.js';
import type { RiskTier } from './settings.js';

export const ACTION_TYPES = ['billing.refund', 'orders.cancel'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface PlaybookCheck {
  id: string;
  description: string;
  when: Condition;
  onFail: { outcome: 'refuse' | 'escalate'; reason: string; message?: string };
}

export interface PlaybookAction {
  step: string;
  type: ActionType;
  title: string;
  params: Record<string, Expr>;
  amount?: Expr;
  riskFloor?: RiskTier;
  after?: string[];
  requiresIdentity?: boolean;
}

export interface Playbook {
  id: string;
  version: number;
  caseType: string;
  title: string;
  trigger: { intents: string[]; tags: string[] };
  /** Facts without which nothing can be decided; `ask` is the message template for the customer. */
  requiredFacts: { fact: string; ask: string }[];
  checks: PlaybookCheck[];
  actions: PlaybookAction[];
  followUp?: { afterHours: number; reason: string };
  messages: { success: string; refused: string; ask: string; escalated: string; waiting: string };
}
