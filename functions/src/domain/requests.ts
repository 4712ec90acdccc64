// What a ticket asks for, as a list of requests: the unit the engine plans. One ticket can hold
// several ("cancel #W1 and return the lamp from #W2") or a conditional pair ("exchange it; if you
// can't, return it"). The deterministic reader (domain/intent.ts) and the model path
// (engine/agent/) both produce this shape; the playbooks and guardrails then decide the same way.

export interface Entities {
  /** Money the customer names, in minor units ("$45.50" → 4550 usd). */
  amounts: { amount: number; currency: string }[];
  /** Calendar dates the customer names, as YYYY-MM-DD. */
  dates: string[];
}

export interface CaseRequest {
  /** A playbook trigger intent (`cancel_order`, `return_order`, …). */
  intent: string;
  /** Order numbers named for this request (normalised, e.g. `#W1234567`, `ORD-1001`). */
  orderIds: string[];
  /** The customer's words for this request: what entity extraction for its playbook reads. */
  text: string;
  /** Index of the request this one replaces when that one is refused under policy ("if you can't…"). */
  fallbackFor: number | null;
  entities: Entities;
}

export interface Understanding {
  /** Which reader produced it; the case records it. */
  path: 'deterministic' | 'llm';
  requests: CaseRequest[];
  /** With no request: the intents that matched ambiguously (→ clarifying question) or none (→ escalation). */
  candidates: string[];
  source: 'field' | 'tag' | 'pattern' | 'model' | 'none';
}
