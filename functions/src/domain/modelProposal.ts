// What the model recommends doing, checked against what the playbook proposed. The model never
// adds an action: a recommendation either matches a playbook proposal (same action type, the same
// value for every param the playbook set, an amount no higher than the playbook's) and points at
// it, or it is rejected with the reason. The playbook's proposals, with their guardrail decisions,
// stay what executes. Pure.
import { canonicalJson } from './canonical.js';
import type { Money } from './money.js';
import type { Proposal } from './proposal.js';

export interface ModelProposal {
  type: string;
  params: Record<string, unknown>;
  amount: Money | null;
  /** Fact ids (F1…) the model cites for it. */
  citations: string[];
}

export type ModelProposalRejection = 'not_in_playbook' | 'params_differ' | 'amount_above_plan' | 'uncited';

export type ModelProposalVerdict =
  | { kind: 'matches'; proposalId: string }
  | { kind: 'rejected'; reason: ModelProposalRejection; detail: string };

type Planned = Pick<Proposal, 'id' | 'action'>;

function paramsDiffer(model: Record<string, unknown>, planned: Record<string, unknown>): string[] {
  return Object.keys(planned).filter((k) => planned[k] !== undefined && canonicalJson(model[k] ?? null) !== canonicalJson(planned[k]));
}

/** Why `p` does not match `planned` (same type assumed), or null when it does. */
function mismatch(p: ModelProposal, planned: Planned): { reason: 'params_differ' | 'amount_above_plan'; detail: string } | null {
  const differ = paramsDiffer(p.params, planned.action.params);
  if (differ.length) return { reason: 'params_differ', detail: `${differ.join(', ')} differ from the playbook's` };
  const plan = planned.action.amount;
  if (p.amount === null) return null;
  if (plan === null) return { reason: 'amount_above_plan', detail: `the playbook moves no money, the model proposes ${p.amount.amount} ${p.amount.currency}` };
  if (p.amount.currency.toLowerCase() !== plan.currency.toLowerCase()) return { reason: 'params_differ', detail: `currency ${p.amount.currency} is not the playbook's ${plan.currency}` };
  if (p.amount.amount > plan.amount) return { reason: 'amount_above_plan', detail: `${p.amount.amount} ${p.amount.currency} is above the playbook's ${plan.amount} ${plan.currency}` };
  return null;
}

export function judgeModelProposal(p: ModelProposal, planned: readonly Planned[], knownFactIds: ReadonlySet<string>): ModelProposalVerdict {
  const unknown = p.citations.filter((c) => !knownFactIds.has(c));
  if (p.citations.length === 0 || unknown.length > 0) {
    return { kind: 'rejected', reason: 'uncited', detail: p.citations.length === 0 ? 'no fact cited' : `unknown facts cited: ${unknown.join(', ')}` };
  }
  const sameType = planned.filter((q) => q.action.type === p.type);
  if (sameType.length === 0) return { kind: 'rejected', reason: 'not_in_playbook', detail: `the playbook proposes no ${p.type}` };
  const misses = sameType.map((q) => ({ q, miss: mismatch(p, q) }));
  const hit = misses.find((m) => m.miss === null);
  if (hit) return { kind: 'matches', proposalId: hit.q.id };
  // The closest miss: a proposal whose params agree (only the amount is too high) over one whose params differ.
  const closest = misses.find((m) => m.miss!.reason === 'amount_above_plan') ?? misses[0]!;
  return { kind: 'rejected', reason: closest.miss!.reason, detail: closest.miss!.detail };
}
