// The model's review of an investigated and planned case (issue F2/F11): one call that sees the facts
// and the plan as data and returns a cited summary for the agent, a cited reply draft and the
// actions it recommends. Every recommendation is judged against the playbook's proposals and run
// through the same guardrail engine; none of them executes — the playbook's proposals, already
// decided, are what the case carries out. Sentences without a fact behind them are removed and
// listed. Without a model nothing happens; a failed call leaves an honest `failed` review.
import type { AuditEventDraft } from '../domain/audit.js';
import type { ModelReview, ReviewFlag } from '../domain/caseRecord.js';
import type { Fact, FactMap } from '../domain/evidence.js';
import { keyFactsOf, type Playbook } from '../domain/playbook.js';
import type { Proposal } from '../domain/proposal.js';
import { reviewWithModel, type CheckedSection } from './agent/review.js';
import { describeFailure } from './agent/understand.js';
import { event, policyFor, type CaseContext } from './caseOps.js';
import type { TicketReading } from './investigate.js';
import { modelUse, type ModelUse } from './modelUse.js';
import { guardModelAction, type Plan } from './plan.js';

export interface ReviewPart {
  playbook: Playbook;
  plan: Plan;
  facts: FactMap;
}

export interface CaseReviewed {
  review: ModelReview;
  usage: ModelUse | null;
  events: AuditEventDraft[];
}

/** One line per request on a plan the model should know about besides its actions. */
export function planLine(parts: readonly Pick<ReviewPart, 'plan'>[]): string | undefined {
  const lines = parts.flatMap(({ plan }) =>
    plan.kind === 'refuse' ? [`refused: ${plan.reason}`]
    : plan.kind === 'inform' ? [`answered, nothing changed: ${plan.template}`]
    : plan.kind === 'escalate' ? [`handed to a person: ${plan.reason}`]
    : plan.kind === 'ask' ? [`asking the customer for: ${plan.missing.join(', ')}`] : []);
  return lines.length ? lines.join('; ') : undefined;
}

/** Besides the key facts, this many short ones (a carrier, a tracking number, a date) for the reply to cite. */
export const EXTRA_FACTS = 12;
const SHORT = 60;

/**
 * What the model is shown: the facts the applied playbooks decide on (their key facts) and what
 * the model looked up itself, then up to EXTRA_FACTS other short facts a reply may want to state;
 * everything when a playbook names none. Fewer facts, fewer tokens, and the ones a reviewer should
 * cite. The key facts keep their order and come first, so their ids do not depend on the rest.
 */
export function factsToReview(facts: readonly Fact[], parts: readonly Pick<ReviewPart, 'playbook'>[]): Fact[] {
  const keys = new Set(parts.flatMap((p) => keyFactsOf(p.playbook)));
  if (keys.size === 0) return [...facts];
  const chosen = facts.filter((f) => keys.has(f.key) || f.key.startsWith('agent.'));
  const short = (f: Fact) => f.value !== null && JSON.stringify(f.value).length <= SHORT;
  const extra = facts.filter((f) => !chosen.includes(f) && short(f)).slice(0, EXTRA_FACTS);
  return [...chosen, ...extra];
}

function sentences(section: CheckedSection) {
  return section.sentences.map((s) => ({ text: s.text, factKeys: s.factKeys }));
}

function flags(name: ReviewFlag['section'], section: CheckedSection): ReviewFlag[] {
  return section.flagged.map((f) => ({ section: name, text: f.text, reason: f.reason, detail: f.detail, removed: f.removed }));
}

export async function reviewCase(
  ctx: CaseContext,
  input: {
    reading: Pick<TicketReading, 'requester' | 'customerText'>;
    facts: readonly Fact[];
    parts: readonly ReviewPart[];
    /** The playbooks' proposals with their guardrail decisions (what executes). */
    proposals: readonly Proposal[];
    customerTags: string[];
    spend: { case: number; today: number };
    /** Set when the review must not call the model (the first call already failed). */
    skip: string | null;
  },
): Promise<CaseReviewed | null> {
  const model = ctx.deps.model;
  if (!model) return null;
  const at = ctx.deps.clock.now().toISOString();
  const empty = { summary: [], reply: null, flagged: [], proposals: [] };
  if (input.skip !== null) {
    const review: ModelReview = { at, status: 'skipped', reason: input.skip, ...empty };
    return { review, usage: null, events: [event(ctx, 'model.review_skipped', { reason: input.skip })] };
  }
  const locale = input.reading.requester.locale;
  const line = planLine(input.parts);
  const r = await reviewWithModel({
    model,
    facts: factsToReview(input.facts, input.parts),
    proposals: input.proposals,
    reading: { requester: input.reading.requester, customerText: input.reading.customerText },
    ...(line ? { plan: line } : {}),
  });
  const usage = modelUse(ctx, r.calls, r.usage);
  if (r.kind === 'failed') {
    const f = r.failure;
    const reason = describeFailure(f);
    return { review: { at, status: 'failed', reason, ...empty }, usage, events: [event(ctx, 'model.review_failed', { reason, calls: r.calls })] };
  }

  const policy = policyFor(ctx);
  const lead = input.parts[0]!;
  const proposals = r.proposals.map((m) => {
    const action = { type: m.proposal.type, params: m.proposal.params, amount: m.proposal.amount };
    // Judged in the context of the request whose plan holds the matched proposal, else the first whose playbook has such a step.
    const matched = m.verdict.kind === 'matches' ? input.proposals.find((p) => p.id === (m.verdict as { proposalId: string }).proposalId) : undefined;
    const part = (matched && input.parts.find((p) => p.plan.kind === 'propose' && p.plan.proposals.some((q) => q.id === matched.id)))
      ?? input.parts.find((p) => p.playbook.actions.some((s) => s.type === action.type)) ?? lead;
    const decision = guardModelAction({ action, playbook: part.playbook, policy, facts: part.facts, settings: ctx.installation.settings, customerTags: input.customerTags, spend: input.spend });
    return { id: m.id, action, factKeys: m.factKeys, verdict: m.verdict, decision };
  });
  const review: ModelReview = {
    at,
    status: 'reviewed',
    reason: null,
    summary: sentences(r.summary),
    reply: { locale, sentences: sentences(r.reply) },
    flagged: [...flags('summary', r.summary), ...flags('reply', r.reply)],
    proposals,
  };
  const reviewed = event(ctx, 'model.reviewed', {
    calls: r.calls,
    recommendations: proposals.map((p) => ({
      id: p.id, type: p.action.type, amount: p.action.amount, verdict: p.verdict.kind,
      ...(p.verdict.kind === 'rejected' ? { reason: p.verdict.reason, detail: p.verdict.detail } : { proposalId: p.verdict.proposalId }),
      guardrail: p.decision.kind, guardrailReasons: p.decision.reasons.map((x) => x.code),
    })),
    flagged: review.flagged.map((f) => ({ section: f.section, reason: f.reason, removed: f.removed, text: f.text })),
    policy: { id: policy.id, version: policy.version },
  });
  return { review, usage, events: [reviewed] };
}
