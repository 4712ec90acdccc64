// Applies a playbook to the facts: what is missing, which check fails, or which actions to
// propose, each with its guardrail decision. Pure apart from hashing the proposal content.
import { canonicalJson, sha256Hex } from '../domain/canonical.js';
import type { FactMap } from '../domain/evidence.js';
import { decide, riskTierFor } from '../domain/guardrails.js';
import type { Money } from '../domain/money.js';
import type { InformState, Playbook } from '../domain/playbook.js';
import { policyRef, type Policy } from '../domain/policy.js';
import type { GuardrailDecision, Proposal, ProposedAction } from '../domain/proposal.js';
import { evaluate, holds, isMoney } from '../domain/rules.js';
import type { Settings } from '../domain/settings.js';

export type Plan =
  | { kind: 'ask'; missing: string[]; template: string }
  | { kind: 'refuse'; checkId: string; reason: string; template: string }
  | { kind: 'escalate'; reason: string; detail: string }
  | { kind: 'propose'; proposals: Proposal[] }
  /** A playbook without actions: nothing is written, the reply informs and the case moves to `state`. */
  | { kind: 'inform'; template: string; state: InformState };

export interface PlanInput {
  playbook: Playbook;
  policy: Policy;
  facts: FactMap;
  settings: Settings;
  customerTags: string[];
  spend: { case: number; today: number };
  round: number;
  newId: () => string;
  /** In a ticket with several requests: the request this plan serves (steps become `r<round>.q<n>.<step>`). */
  request?: number;
}

export async function proposalHash(p: Pick<Proposal, 'step' | 'playbookId' | 'action' | 'decision'>): Promise<string> {
  return sha256Hex(canonicalJson({ step: p.step, playbookId: p.playbookId, action: p.action, policy: p.decision.policy }));
}

export async function planCase(input: PlanInput): Promise<Plan> {
  const { playbook, policy, facts } = input;
  const ctx = { facts, policy };

  const missing = playbook.requiredFacts.filter((f) => facts[f.fact] === undefined || facts[f.fact]?.value === null);
  if (missing.length > 0) return { kind: 'ask', missing: missing.map((m) => m.fact), template: missing[0]!.ask };

  for (const check of playbook.checks) {
    const r = holds(check.when, ctx);
    if (!r.ok) return { kind: 'escalate', reason: 'playbook_error', detail: `check ${check.id}: ${r.error}` };
    if (r.value) continue;
    return check.onFail.outcome === 'escalate'
      ? { kind: 'escalate', reason: check.onFail.reason, detail: check.description }
      : { kind: 'refuse', checkId: check.id, reason: check.onFail.reason, template: check.onFail.message ?? playbook.messages.refused };
  }

  if (playbook.inform) {
    for (const v of playbook.inform.variants ?? []) {
      const r = holds(v.when, ctx);
      if (!r.ok) return { kind: 'escalate', reason: 'playbook_error', detail: `inform variant ${v.message}: ${r.error}` };
      if (r.value) return { kind: 'inform', template: v.message, state: v.state ?? playbook.inform.state };
    }
    return { kind: 'inform', template: playbook.messages.success, state: playbook.inform.state };
  }

  const proposals: Proposal[] = [];
  let caseSpend = input.spend.case;
  for (const step of playbook.actions) {
    const params: Record<string, unknown> = {};
    for (const [name, expr] of Object.entries(step.params)) {
      const v = evaluate(expr, ctx);
      if (!v.ok) return { kind: 'escalate', reason: 'playbook_error', detail: `step ${step.step}.${name}: ${v.error}` };
      params[name] = v.value;
    }
    let amount: Money | null = null;
    if (step.amount) {
      const v = evaluate(step.amount, ctx);
      if (!v.ok || !isMoney(v.value)) return { kind: 'escalate', reason: 'playbook_error', detail: `step ${step.step}: amount is not money` };
      amount = v.value;
      if (step.amountOptional && amount.amount === 0) amount = null;
    }
    const action: ProposedAction = { type: step.type, params, amount };
    const riskTier = riskTierFor(amount?.amount ?? null, policy, step.riskFloor);
    const decision = decide({
      action,
      caseType: playbook.caseType,
      riskTier,
      settings: input.settings,
      policy: policyRef(policy),
      customerTags: input.customerTags,
      spend: { case: caseSpend, today: input.spend.today },
      requiresIdentity: step.requiresIdentity ?? false,
      identityVerified: facts[step.identityFact ?? 'requester.ownsOrder']?.value === true,
    });
    if (amount) caseSpend += amount.amount;
    // The first request keeps plain step names, so single-request keys stay what they always were.
    const prefix = input.request ? `r${input.round}.q${input.request + 1}.` : `r${input.round}.`;
    const stepName = `${prefix}${step.step}`;
    const after = (step.after ?? []).map((s) => `${prefix}${s}`);
    const base = { step: stepName, playbookId: playbook.id, action, decision };
    proposals.push({
      id: input.newId(),
      ...base,
      ...(input.request !== undefined ? { request: input.request } : {}),
      title: step.title,
      riskTier,
      contentHash: await proposalHash(base),
      status: decision.kind === 'forbidden' ? 'forbidden' : decision.kind === 'auto' ? 'approved' : decision.mode === 'assist' ? 'drafted' : 'pending',
      after,
      approval: null,
      denial: null,
      execution: null,
    });
  }
  // A step whose prerequisite cannot run cannot run either.
  for (const p of proposals) {
    if (p.status !== 'forbidden' && p.after.some((s) => proposals.find((q) => q.step === s)?.status === 'forbidden')) {
      p.status = 'forbidden';
      p.decision = { ...p.decision, kind: 'forbidden', reasons: [...p.decision.reasons, { code: 'prerequisite_forbidden', detail: `needs ${p.after.join(', ')}` }] };
    }
  }
  return { kind: 'propose', proposals };
}

/** The action as the model recommended it, in the planning context of the request it is for. */
export type ModelActionInput = Pick<PlanInput, 'playbook' | 'policy' | 'facts' | 'settings' | 'customerTags' | 'spend'> & { action: ProposedAction };

/**
 * The guardrail decision on an action exactly as the model recommended it, in the context the
 * playbook's own step of that type gets (its risk floor, its identity check). A type the playbook
 * has no step for is judged as needing identity. Nothing runs on this decision: the model's
 * recommendations are recorded, and only the playbook's proposals execute.
 */
export function guardModelAction(input: ModelActionInput): GuardrailDecision {
  const step = input.playbook.actions.find((s) => s.type === input.action.type);
  return decide({
    action: input.action,
    caseType: input.playbook.caseType,
    riskTier: riskTierFor(input.action.amount?.amount ?? null, input.policy, step?.riskFloor),
    settings: input.settings,
    policy: policyRef(input.policy),
    customerTags: input.customerTags,
    spend: input.spend,
    requiresIdentity: step ? step.requiresIdentity ?? false : true,
    identityVerified: input.facts[step?.identityFact ?? 'requester.ownsOrder']?.value === true,
  });
}

/** What one investigation does with the plans of a ticket's requests, taken together. */
export type CaseOutcome =
  /** Any request needs a person: the case escalates (the first reason; every detail). */
  | { kind: 'escalate'; reason: string; detail: string }
  /** Otherwise a missing fact: one question at a time, the first; the others are planned again on the answer. */
  | { kind: 'ask'; index: number; missing: string[]; template: string }
  /** Only refusals and answers: nothing is written to any system; the case moves to `state`. */
  | { kind: 'answer'; state: InformState | 'closed' }
  /** Actions: the case proposes them and moves on to `next`; `forbidden` when none of them may run. */
  | { kind: 'propose'; proposals: Proposal[]; next: 'execution' | 'awaiting_approval' | 'proposal'; forbidden: boolean };

/** Combines the requests' plans into the case's outcome. Pure. */
export function combinePlans(parts: readonly { index: number; plan: Plan }[]): CaseOutcome {
  const escalating = parts.flatMap((p) => (p.plan.kind === 'escalate' ? [p.plan] : []));
  if (escalating.length) return { kind: 'escalate', reason: escalating[0]!.reason, detail: escalating.map((e) => e.detail).join('; ') };
  const asking = parts.find((p) => p.plan.kind === 'ask');
  if (asking && asking.plan.kind === 'ask') return { kind: 'ask', index: asking.index, missing: asking.plan.missing, template: asking.plan.template };
  const proposals = parts.flatMap((p) => (p.plan.kind === 'propose' ? p.plan.proposals : []));
  if (proposals.length === 0) {
    // A question to the customer wins; an answer alone sets its state; with a refusal, the case is done.
    const informs = parts.flatMap((p) => (p.plan.kind === 'inform' ? [p.plan] : []));
    const refused = parts.some((p) => p.plan.kind === 'refuse');
    const state = informs.some((p) => p.state === 'waiting_on_customer') ? 'waiting_on_customer' : informs[0] && !refused ? informs[0].state : 'closed';
    return { kind: 'answer', state };
  }
  const forbidden = proposals.every((p) => p.status === 'forbidden');
  const next = forbidden ? 'proposal' : proposals.some((p) => p.status === 'approved') ? 'execution' : proposals.some((p) => p.status === 'pending') ? 'awaiting_approval' : 'proposal';
  return { kind: 'propose', proposals, next, forbidden };
}
