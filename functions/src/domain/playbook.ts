// A playbook is procedure as data: when it applies, what it must know, what it checks, what it
// does and what it tells the customer. Numbers it depends on live in the policy, not here.
import { factsReferenced, type Condition, type Expr } from './rules.js';
import type { RiskTier } from './settings.js';

export const ACTION_TYPES = ['billing.refund', 'orders.cancel', 'entitlements.unlock', 'orders.create_return', 'orders.update_address', 'billing.cancel_subscription', 'billing.change_plan', 'orders.return_items', 'orders.modify_payment', 'orders.modify_items', 'orders.exchange_items', 'customers.update_default_address'] as const;

/** Systems a playbook can need evidence from, beyond the ticket itself. */
export const EVIDENCE_SOURCES = ['order', 'entitlement', 'subscription', 'customer'] as const;
export type EvidenceSourceName = (typeof EVIDENCE_SOURCES)[number];
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
  /** The step moves money only sometimes (a proration credit): a zero amount means it carries none. */
  amountOptional?: boolean;
  riskFloor?: RiskTier;
  after?: string[];
  requiresIdentity?: boolean;
  /** The fact that proves the requester may act on the record (default: requester.ownsOrder). */
  identityFact?: string;
}

export interface Playbook {
  id: string;
  version: number;
  caseType: string;
  title: string;
  trigger: { intents: string[]; tags: string[] };
  /** Only under these policies (ids), where it is preferred to playbooks without this list. */
  policies?: string[];
  /** Where evidence comes from; the ticket itself is always read. */
  evidence: EvidenceSourceName[];
  /** Facts without which nothing can be decided; `ask` is the message template for the customer. */
  requiredFacts: { fact: string; ask: string }[];
  checks: PlaybookCheck[];
  actions: PlaybookAction[];
  followUp?: { afterHours: number; reason: string };
  /**
   * A playbook without actions informs: when every check holds, the reply is drafted from the first
   * variant whose condition holds (else `messages.success`) and the case moves to `state`.
   */
  inform?: PlaybookInform;
  messages: { proposed: string; success: string; refused: string; ask: string; escalated: string; waiting: string };
}

export interface PlaybookInform {
  state: InformState;
  variants?: { when: Condition; message: string; state?: InformState; recheck?: DeliveryRecheck }[];
}
export type InformState = 'closed' | 'waiting_on_customer';

/**
 * After informing with this variant, re-read the order at the time in fact `atFact` plus
 * `graceHours`: the shipment (id in fact `shipmentFact`) delivered, the case stays closed; not
 * delivered, it goes to a person (engine/deliveryRecheck.ts).
 */
export interface DeliveryRecheck {
  atFact: string;
  graceHours: number;
  shipmentFact: string;
}

/** Facts the playbook's checks and actions read, in the order they are first used. */
export function keyFactsOf(playbook: Playbook): string[] {
  const keys = [
    ...playbook.requiredFacts.map((f) => f.fact),
    ...playbook.checks.flatMap((c) => factsReferenced(c.when)),
    ...(playbook.inform?.variants ?? []).flatMap((v) => factsReferenced(v.when)),
    ...playbook.actions.flatMap((a) => [...Object.values(a.params), ...(a.amount ? [a.amount] : [])].flatMap(factsReferenced)),
  ];
  return [...new Set(keys)];
}
