// The investigation job: gather evidence, choose the playbook, plan, and record the result as the
// case's next state (asking, refusing, escalating or proposing).
import { isAcknowledgement } from '../domain/acknowledgement.js';
import type { CaseData, CaseRecord, RequestRecord, Triage } from '../domain/caseRecord.js';
import type { ConnectorError } from '../domain/connectorError.js';
import type { Conflict, Fact } from '../domain/evidence.js';
import { keyFactsOf, type Playbook } from '../domain/playbook.js';
import { formatPolicyRef, policyRef } from '../domain/policy.js';
import type { Proposal } from '../domain/proposal.js';
import type { CaseRequest } from '../domain/requests.js';
import { PROACTIVE_TAG } from '../domain/shippingDelay.js';
import { renderMessage } from '../playbooks/catalog.js';
import { escalate, event, localeOf, policyFor, writeTicket, type CaseContext } from './caseOps.js';
import { gatherEvidence } from './evidenceSources.js';
import { advanceCase } from './execution.js';
import { readTicket, tracedComments, tracedTicket, type TicketReading } from './investigate.js';
import { mutateCase } from './mutateCase.js';
import { factMap, investigationNote, joinReplies, templateVars } from './notes.js';
import { backoffMs, DONE, MAX_ATTEMPTS, type JobOutcome } from './outcomes.js';
import { combinePlans, planCase, type Plan } from './plan.js';
import { addUsage, sumUse, type ModelUse } from './modelUse.js';
import { reviewCase } from './reviewCase.js';
import { ToolTrace } from './traced.js';
import { understandCase } from './understandCase.js';

const IN_FLIGHT = new Set(['approved', 'executed']);

function startOfUtcDay(d: Date): string {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
}

function caseSpend(record: CaseRecord): number {
  return record.data.proposals.filter((p) => p.status === 'verified' || p.status === 'executed').reduce((s, p) => s + (p.action.amount?.amount ?? 0), 0);
}

/** Who asked for the investigation: the customer (a Zendesk webhook) or an agent (the sidebar). */
export type InvestigationTrigger = 'customer' | 'agent';

export async function runInvestigation(ctx: CaseContext, caseId: string, attempt: number, trigger: InvestigationTrigger = 'agent'): Promise<JobOutcome> {
  const { deps, installation } = ctx;
  const before = await deps.cases.getCase(installation.id, caseId);
  if (!before) return { kind: 'failed', error: `case ${caseId} not found` };
  if (before.data.proposals.some((p) => IN_FLIGHT.has(p.status))) {
    // Actions are executing; a new look now could propose them again. Execution settles first.
    await mutateCase(deps, installation.id, caseId, () => ({ events: [event(ctx, 'investigation.deferred', { reason: 'actions in flight' })] }));
    return advanceCase(ctx, caseId, attempt);
  }
  if (before.state === 'closed' && trigger === 'customer') {
    const thanked = await acknowledgeThanks(ctx, before);
    if (thanked) return thanked;
  }
  await mutateCase(deps, installation.id, caseId, () => ({ state: 'investigation', events: [event(ctx, 'investigation.started', { attempt })] }));

  const trace = new ToolTrace(deps.clock);
  // Model calls made by this investigation (recorded on the case whichever way it ends).
  let modelUse: ModelUse | null = null;
  let triage: Triage | null = null;
  const withUsage = (data: CaseData): CaseData => ({
    ...data,
    ...(modelUse ? { agent: addUsage(data.agent, modelUse) } : {}),
    ...(triage ? { triage } : {}),
  });
  const waitOnSystem = async (error: ConnectorError): Promise<JobOutcome> => {
    const giveUp = attempt + 1 >= MAX_ATTEMPTS;
    const retryAt = new Date(deps.clock.now().getTime() + backoffMs(attempt));
    await mutateCase(deps, installation.id, caseId, (rec) => ({
      state: 'waiting_on_system',
      data: withUsage({ ...rec.data, waiting: { reason: error.message, system: error.system, since: rec.data.waiting?.since ?? deps.clock.now().toISOString(), retryAt: retryAt.toISOString() } }),
      events: [...trace.events, event(ctx, 'system.unavailable', { error, retryAt: retryAt.toISOString() })],
    }));
    if (giveUp) {
      await escalate(ctx, caseId, 'system_unavailable', `${error.system}: ${error.message}`, { kind: 'system', id: null });
      return { kind: 'failed', error: error.message };
    }
    return { kind: 'retry', at: retryAt, error: error.message };
  };
  const notFound = async (what: string, id: string, facts: Fact[], locale: string | null): Promise<JobOutcome> => {
    await mutateCase(deps, installation.id, caseId, (rec) => ({
      data: withUsage({ ...rec.data, facts, locale: locale ?? rec.data.locale, investigatedAt: deps.clock.now().toISOString(), waiting: null }),
      events: trace.events.length ? trace.events : [event(ctx, 'investigation.failed', { what, id })],
    }));
    await escalate(ctx, caseId, `${what}_not_found`, `${what} ${id} does not exist in the system of record`, { kind: 'system', id: null });
    return DONE;
  };

  const reading = await readTicket(ctx.connectors, deps.clock, before.ticketId, trace);
  if (reading.kind === 'system_error') return waitOnSystem(reading.error);
  if (reading.kind === 'not_found') return notFound(reading.what, reading.id, [], null);
  const { requester } = reading.value;
  const read = await understandCase(ctx, reading.value, trace, before.data.triage ?? null);
  const understanding = read.understanding;
  triage = read.triage;
  const reused = read.reused ? [event(ctx, 'model.triage_reused', { at: read.triage!.at, requests: read.understanding.requests.length })] : [];
  trace.events.push(...reused);
  // What the ticket and the model's own look-ups established (the latter only with a model).
  const readFacts = [...reading.value.facts, ...read.facts];
  modelUse = read.usage;
  const base = (rec: CaseRecord, facts: Fact[], conflicts: Conflict[]) => withUsage({
    ...rec.data,
    intent: understanding.requests[0]?.intent ?? null,
    locale: requester.locale,
    facts,
    conflicts,
    investigatedAt: deps.clock.now().toISOString(),
    waiting: null,
    understoodBy: { path: understanding.path, source: understanding.source, fallbackReason: read.fallbackReason },
    proposals: rec.data.proposals.map((p): Proposal => (p.status === 'pending' || p.status === 'drafted' ? { ...p, status: 'superseded' } : p)),
  });
  const name = requester.name.split(' ')[0] || 'there';
  const policy = policyFor(ctx);

  const chosen = understanding.requests.map((request) => ({ request, playbook: choosePlaybook(deps.catalog.playbooks, request.intent, installation.policyId) }));
  if (chosen.length === 0 || chosen.some((c) => !c.playbook)) {
    if (understanding.requests.length === 0 && understanding.candidates.length > 1) {
      const record = await mutateCase(deps, installation.id, caseId, (rec) => {
        const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
        const options = understanding.candidates.map((c) => renderMessage(deps.catalog, locale, `intent.${c}`, {})).join(' / ');
        const body = renderMessage(deps.catalog, locale, 'common.clarify', { name, options });
        return {
          state: 'waiting_on_customer',
          data: { ...base(rec, readFacts, []), reply: { locale, templateId: 'common.clarify', body, postedAt: null } },
          events: [...trace.events, event(ctx, 'intent.ambiguous', { candidates: understanding.candidates })],
        };
      });
      await askCustomer(ctx, record);
      return DONE;
    }
    // No playbook, but the orders the customer names still make the hand-over useful.
    const named = reading.value.intent.orderIds;
    const orders = named.length ? await gatherEvidence(['order'], ctx.connectors, deps.clock, reading.value, trace) : null;
    if (orders?.kind === 'system_error') return waitOnSystem(orders.error);
    if (orders?.kind === 'not_found') return notFound(orders.what, orders.id, readFacts, requester.locale);
    const facts = [...readFacts, ...(orders?.kind === 'ok' ? orders.value.facts : [])];
    const conflicts = orders?.kind === 'ok' ? orders.value.conflicts : [];
    const unmatched = chosen.filter((c) => !c.playbook).map((c) => c.request.intent);
    await mutateCase(deps, installation.id, caseId, (rec) => ({ data: base(rec, facts, conflicts), events: [...trace.events, event(ctx, 'intent.unknown', { source: understanding.source, ...(unmatched.length ? { intents: unmatched } : {}) })] }));
    await escalate(ctx, caseId, 'unknown_intent', unmatched.length ? `No playbook for ${unmatched.join(', ')} under policy ${installation.policyId}.` : 'No playbook matches what the customer asked for.', { kind: 'system', id: null });
    return DONE;
  }

  // Each request gathers its own evidence (in parallel) and is planned on its own facts.
  const several = chosen.length > 1;
  const gathered = await Promise.all(chosen.map(({ request, playbook }) => gatherEvidence(playbook!.evidence, ctx.connectors, deps.clock, readingFor(reading.value, request, several), trace, policy.values)));
  for (const g of gathered) if (g.kind === 'system_error') return waitOnSystem(g.error);
  for (const g of gathered) if (g.kind === 'not_found') return notFound(g.what, g.id, readFacts, requester.locale);
  const evidence = gathered.map((g) => (g.kind === 'ok' ? g.value : { facts: [], conflicts: [] }));
  const allFacts = [...readFacts, ...evidence.flatMap((e, i) => (several ? e.facts.map((f) => ({ ...f, request: i })) : e.facts))];
  const conflicts = evidence.flatMap((e) => e.conflicts);
  const factsOf = (i: number) => factMap([...reading.value.facts, ...evidence[i]!.facts]);

  const today = await deps.cases.spendSince(installation.id, startOfUtcDay(deps.clock.now()), installation.settings.limits.currency);
  const round = before.data.proposals.reduce((m, p) => Math.max(m, Number(p.step.split('.')[0]!.slice(1)) || 0), 0) + 1;
  let spent = caseSpend(before);
  const parts: Part[] = [];
  const outcomes: RequestRecord['outcome'][] = chosen.map(() => 'not_needed');
  for (const [i, { request, playbook }] of chosen.entries()) {
    // A fallback ("if you can't, …") runs only when the request it stands in for was refused.
    if (request.fallbackFor !== null) {
      const primary = parts.find((p) => p.index === request.fallbackFor);
      if (!primary || primary.plan.kind !== 'refuse') continue;
      outcomes[primary.index] = 'replaced';
      parts.splice(parts.indexOf(primary), 1);
    }
    const plan = await planCase({
      playbook: playbook!, policy, facts: factsOf(i), settings: installation.settings, customerTags: reading.value.customerTags,
      spend: { case: spent, today }, round, newId: () => deps.ids.newId('prop'), ...(several ? { request: i } : {}),
    });
    if (plan.kind === 'propose') spent += plan.proposals.reduce((s, p) => s + (p.action.amount?.amount ?? 0), 0);
    outcomes[i] = plan.kind;
    parts.push({ index: i, playbook: playbook!, plan });
  }
  const requests: RequestRecord[] = chosen.map(({ request, playbook }, i) => {
    const plan = parts.find((p) => p.index === i)?.plan;
    return {
      intent: request.intent, playbookId: playbook!.id, playbookVersion: playbook!.version, orderIds: request.orderIds, fallbackFor: request.fallbackFor, outcome: outcomes[i]!,
      reason: plan && (plan.kind === 'refuse' || plan.kind === 'escalate') ? plan.reason : null,
      templateId: plan ? templateOf(plan, playbook!) : null,
      entities: request.entities,
    };
  });
  const lead = parts[0]!;
  const outcome = combinePlans(parts);
  const planned = outcome.kind === 'propose' ? outcome.proposals : [];
  // The model reviews what was decided (not a question still open): cited summary, draft, recommendations.
  const reviewed = outcome.kind === 'ask' ? null : await reviewCase(ctx, {
    reading: reading.value, facts: allFacts, parts: parts.map((p) => ({ playbook: p.playbook, plan: p.plan, facts: factsOf(p.index) })),
    proposals: planned, customerTags: reading.value.customerTags, spend: { case: caseSpend(before), today }, skip: read.failed,
  });
  if (reviewed?.usage) modelUse = modelUse ? sumUse(modelUse, reviewed.usage) : reviewed.usage;
  const reviewEvents = reviewed?.events ?? [];
  const policyLabel = formatPolicyRef(policyRef(policy));
  const decided = parts.map((p) => event(ctx, 'playbook.applied', {
    playbookId: p.playbook.id, playbookVersion: p.playbook.version, policy: policyLabel, outcome: p.plan.kind, intentSource: understanding.source,
    ...(several ? { request: p.index, orderIds: chosen[p.index]!.request.orderIds } : {}),
  }));
  const common = (rec: CaseRecord) => ({
    ...base(rec, allFacts, conflicts), playbookId: lead.playbook.id, policy: policyRef(policy), requests,
    ...(reviewed ? { review: reviewed.review } : {}),
    keyFacts: [...new Set(parts.flatMap((p) => keyFactsOf(p.playbook)))],
  });
  const replyFor = (rec: CaseRecord, proposalsByPart: (p: Part) => Proposal[]) => {
    const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
    const bodies = parts.map((p) => renderMessage(deps.catalog, locale, templateOf(p.plan, p.playbook)!, templateVars(factsOf(p.index), proposalsByPart(p), policy.values, locale)));
    return { locale, body: joinReplies(bodies, name), templateId: templateOf(lead.plan, lead.playbook)! };
  };

  if (outcome.kind === 'escalate') {
    await mutateCase(deps, installation.id, caseId, (rec) => ({ caseType: lead.playbook.caseType, data: common(rec), events: [...trace.events, ...decided, ...reviewEvents] }));
    await escalate(ctx, caseId, outcome.reason, outcome.detail, { kind: 'system', id: null });
    return DONE;
  }
  if (outcome.kind === 'ask') {
    const record = await mutateCase(deps, installation.id, caseId, (rec) => {
      const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
      const body = renderMessage(deps.catalog, locale, outcome.template, templateVars(factsOf(outcome.index), [], policy.values, locale));
      return {
        state: 'waiting_on_customer',
        caseType: lead.playbook.caseType,
        data: { ...common(rec), missing: outcome.missing, reply: { locale, templateId: outcome.template, body, postedAt: null } },
        events: [...trace.events, ...decided, event(ctx, 'facts.missing', { missing: outcome.missing, ...(several ? { request: outcome.index } : {}) })],
      };
    });
    await askCustomer(ctx, record);
    return DONE;
  }

  const autopilot = { kind: 'autopilot' as const, id: null };
  const proposals = planned.map((p) => (p.status === 'approved' ? { ...p, approval: { by: autopilot, at: deps.clock.now().toISOString() } } : p));
  const judged = parts.flatMap((p) => p.plan.kind === 'refuse'
    ? [event(ctx, 'policy.refused', { checkId: p.plan.checkId, reason: p.plan.reason, policy: policyLabel, ...(several ? { request: p.index } : {}) })]
    : p.plan.kind === 'inform' ? [event(ctx, 'case.informed', { templateId: p.plan.template, state: p.plan.state, policy: policyLabel, ...(several ? { request: p.index } : {}) })] : []);
  const caseTags = [...new Set(parts.map((p) => `cc_case_${p.playbook.caseType}`))];
  const refusalTags = parts.flatMap((p) => (p.plan.kind === 'refuse' ? [`cc_reason_${p.plan.reason}`] : []));

  if (outcome.kind === 'answer') {
    // Refusals and answers only: nothing is written to any system; the reply waits for the agent.
    // On a ticket we opened that the customer has not answered, our outreach already said it all.
    const outreachOnly = reading.value.ticket.tags.includes(PROACTIVE_TAG) && reading.value.customerText.trim() === '';
    const record = await mutateCase(deps, installation.id, caseId, (rec) => {
      const reply = replyFor(rec, () => []);
      return {
        state: outcome.state,
        caseType: lead.playbook.caseType,
        data: { ...common(rec), missing: [], reply: outreachOnly ? null : { ...reply, postedAt: null } },
        events: [...trace.events, ...decided, ...judged, ...reviewEvents],
      };
    });
    const headline = parts.map((p) => p.plan.kind === 'refuse'
      ? `Not eligible under policy ${policyLabel}: ${p.plan.reason}.`
      : `Informational answer under ${p.playbook.id}@${p.playbook.version} (${(p.plan as Extract<Plan, { kind: 'inform' }>).template}); nothing was changed.`).join(' ');
    const next = outreachOnly ? 'The outreach asked the customer; their answer reopens the case.' : 'A reply is drafted in the app.';
    await writeTicket(ctx, record, { addTags: [...caseTags, ...refusalTags], comment: { body: investigationNote(record.data, `${headline} ${next}`), public: false } }, refusalTags.length ? 'refusal_note' : 'investigation_note');
    return DONE;
  }

  const record = await mutateCase(deps, installation.id, caseId, (rec) => {
    const reply = replyFor(rec, (p) => proposals.filter((q) => parts.length === 1 || q.request === p.index));
    return {
      state: 'proposal',
      caseType: lead.playbook.caseType,
      data: { ...common(rec), missing: [], proposals: [...base(rec, allFacts, conflicts).proposals, ...proposals], reply: { ...reply, postedAt: null } },
      events: [
        ...trace.events,
        ...decided,
        ...judged,
        ...proposals.map((p) => event(ctx, 'proposal.created', { proposalId: p.id, step: p.step, type: p.action.type, params: p.action.params, amount: p.action.amount, riskTier: p.riskTier, decision: p.decision, contentHash: p.contentHash, status: p.status })),
        ...proposals.filter((p) => p.status === 'approved').map((p) => event(ctx, 'proposal.approved', { proposalId: p.id, contentHash: p.contentHash, policy: p.decision.policy }, autopilot)),
        ...reviewEvents,
      ],
    };
  });
  const { next } = outcome;
  if (next !== 'proposal') await mutateCase(deps, installation.id, caseId, () => ({ state: next, events: [] }));
  const investigated = parts.map((p) => `${p.playbook.id}@${p.playbook.version}`).join(', ');
  await writeTicket(ctx, record, { addTags: [...caseTags, ...refusalTags], comment: { body: investigationNote(record.data, `Investigated under ${investigated}, policy ${policyLabel}.`), public: false } }, 'investigation_note');
  if (outcome.forbidden) {
    await escalate(ctx, caseId, 'guardrail_forbidden', proposals.flatMap((p) => p.decision.reasons.map((r) => r.detail)).join('; '), { kind: 'system', id: null });
    return DONE;
  }
  return next === 'execution' ? advanceCase(ctx, caseId, 0) : DONE;
}

/**
 * A customer's "thanks!" on a solved case: the case stays closed and the ticket, which Zendesk
 * reopened on the comment, is solved again. Anything else the customer writes is investigated.
 */
async function acknowledgeThanks(ctx: CaseContext, record: CaseRecord): Promise<JobOutcome | null> {
  const { deps, connectors, installation } = ctx;
  const trace = new ToolTrace(deps.clock);
  const ticket = await tracedTicket(connectors.helpDesk, trace, record.ticketId);
  if (!ticket.ok) return null;
  const comments = await tracedComments(connectors.helpDesk, trace, record.ticketId);
  if (!comments.ok) return null;
  const last = comments.value.filter((c) => c.public && c.authorId === ticket.value.requesterId).at(-1);
  const name = record.data.facts.find((f) => f.key === 'requester.name')?.value;
  if (!last || !isAcknowledgement(last.body, typeof name === 'string' ? name : '')) return null;
  const after = await mutateCase(deps, installation.id, record.id, () => ({
    events: [...trace.events, event(ctx, 'followup.acknowledged', { commentId: last.id, text: last.body }, { kind: 'customer', id: ticket.value.requesterId })],
  }));
  if (ticket.value.status !== 'solved' && ticket.value.status !== 'closed') await writeTicket(ctx, after, { status: 'solved' }, 'acknowledged_thanks');
  return DONE;
}

interface Part {
  index: number;
  playbook: Playbook;
  plan: Plan;
}

/** The customer message a plan answers with. */
function templateOf(plan: Plan, playbook: Playbook): string | null {
  switch (plan.kind) {
    case 'ask':
    case 'refuse':
    case 'inform':
      return plan.template;
    case 'propose':
      return playbook.messages.proposed;
    case 'escalate':
      return null;
  }
}

/** What one request's evidence sources read: its intent and orders, and (with several) its own words. */
function readingFor(reading: TicketReading, request: CaseRequest, several: boolean): TicketReading {
  return {
    ...reading,
    intent: { ...reading.intent, intent: request.intent, candidates: [request.intent], orderIds: request.orderIds },
    ...(several ? { customerText: request.text } : {}),
  };
}

async function askCustomer(ctx: CaseContext, record: CaseRecord): Promise<void> {
  const reply = record.data.reply;
  if (!reply) return;
  const r = await writeTicket(ctx, record, { comment: { body: reply.body, public: true }, status: 'pending' }, 'clarifying_question');
  if (r.ok) {
    await mutateCase(ctx.deps, ctx.installation.id, record.id, (rec) => ({
      data: { ...rec.data, reply: rec.data.reply && { ...rec.data.reply, postedAt: ctx.deps.clock.now().toISOString() } },
      events: [event(ctx, 'reply.posted', { templateId: reply.templateId, locale: reply.locale, body: reply.body })],
    }));
  }
}

/** The playbook for an intent: one written for the installation's policy first, else a general one. */
export function choosePlaybook(playbooks: readonly Playbook[], intent: string, policyId: string): Playbook | undefined {
  const fit = playbooks.filter((pb) => pb.trigger.intents.includes(intent) && (!pb.policies || pb.policies.includes(policyId)));
  return fit.find((pb) => pb.policies) ?? fit[0];
}
