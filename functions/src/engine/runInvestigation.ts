// The investigation job: gather evidence, choose the playbook, plan, and record the result as the
// case's next state (asking, refusing, escalating or proposing).
import type { CaseRecord } from '../domain/caseRecord.js';
import type { ConnectorError } from '../domain/connectorError.js';
import type { Conflict, Fact } from '../domain/evidence.js';
import { formatPolicyRef, policyRef } from '../domain/policy.js';
import { keyFactsOf, type Playbook } from '../domain/playbook.js';
import type { Proposal } from '../domain/proposal.js';
import { renderMessage } from '../playbooks/catalog.js';
import { escalate, event, localeOf, policyFor, writeTicket, type CaseContext } from './caseOps.js';
import { advanceCase } from './execution.js';
import { readTicket } from './investigate.js';
import { gatherEvidence } from './evidenceSources.js';
import { ToolTrace } from './traced.js';
import { mutateCase } from './mutateCase.js';
import { factMap, investigationNote, templateVars } from './notes.js';
import { backoffMs, DONE, MAX_ATTEMPTS, type JobOutcome } from './outcomes.js';
import { planCase } from './plan.js';

const IN_FLIGHT = new Set(['approved', 'executed']);

function startOfUtcDay(d: Date): string {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
}

function caseSpend(record: CaseRecord): number {
  return record.data.proposals.filter((p) => p.status === 'verified' || p.status === 'executed').reduce((s, p) => s + (p.action.amount?.amount ?? 0), 0);
}

export async function runInvestigation(ctx: CaseContext, caseId: string, attempt: number): Promise<JobOutcome> {
  const { deps, installation } = ctx;
  const before = await deps.cases.getCase(installation.id, caseId);
  if (!before) return { kind: 'failed', error: `case ${caseId} not found` };
  if (before.data.proposals.some((p) => IN_FLIGHT.has(p.status))) {
    // Actions are executing; a new look now could propose them again. Execution settles first.
    await mutateCase(deps, installation.id, caseId, () => ({ events: [event(ctx, 'investigation.deferred', { reason: 'actions in flight' })] }));
    return advanceCase(ctx, caseId, attempt);
  }
  await mutateCase(deps, installation.id, caseId, () => ({ state: 'investigation', events: [event(ctx, 'investigation.started', { attempt })] }));

  const trace = new ToolTrace(deps.clock);
  const waitOnSystem = async (error: ConnectorError): Promise<JobOutcome> => {
    const giveUp = attempt + 1 >= MAX_ATTEMPTS;
    const retryAt = new Date(deps.clock.now().getTime() + backoffMs(attempt));
    await mutateCase(deps, installation.id, caseId, (rec) => ({
      state: 'waiting_on_system',
      data: { ...rec.data, waiting: { reason: error.message, system: error.system, since: rec.data.waiting?.since ?? deps.clock.now().toISOString(), retryAt: retryAt.toISOString() } },
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
      data: { ...rec.data, facts, locale: locale ?? rec.data.locale, investigatedAt: deps.clock.now().toISOString(), waiting: null },
      events: trace.events.length ? trace.events : [event(ctx, 'investigation.failed', { what, id })],
    }));
    await escalate(ctx, caseId, `${what}_not_found`, `${what} ${id} does not exist in the system of record`, { kind: 'system', id: null });
    return DONE;
  };

  const reading = await readTicket(ctx.connectors, deps.clock, before.ticketId, trace);
  if (reading.kind === 'system_error') return waitOnSystem(reading.error);
  if (reading.kind === 'not_found') return notFound(reading.what, reading.id, [], null);
  const { intent, requester } = reading.value;
  const base = (rec: CaseRecord, facts: Fact[], conflicts: Conflict[]) => ({
    ...rec.data,
    intent: intent.intent,
    locale: requester.locale,
    facts,
    conflicts,
    investigatedAt: deps.clock.now().toISOString(),
    waiting: null,
    proposals: rec.data.proposals.map((p): Proposal => (p.status === 'pending' || p.status === 'drafted' ? { ...p, status: 'superseded' } : p)),
  });
  const name = requester.name.split(' ')[0] || 'there';

  const playbook = intent.intent ? choosePlaybook(deps.catalog.playbooks, intent.intent, ctx.installation.policyId) : undefined;
  if (!playbook) {
    if (intent.candidates.length > 1) {
      const record = await mutateCase(deps, installation.id, caseId, (rec) => {
        const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
        const options = intent.candidates.map((c) => renderMessage(deps.catalog, locale, `intent.${c}`, {})).join(' / ');
        const body = renderMessage(deps.catalog, locale, 'common.clarify', { name, options });
        return {
          state: 'waiting_on_customer',
          data: { ...base(rec, reading.value.facts, []), reply: { locale, templateId: 'common.clarify', body, postedAt: null } },
          events: [...trace.events, event(ctx, 'intent.ambiguous', { candidates: intent.candidates })],
        };
      });
      await askCustomer(ctx, record);
      return DONE;
    }
    // No playbook, but the orders the customer names still make the hand-over useful.
    const orders = intent.orderIds.length ? await gatherEvidence(['order'], ctx.connectors, deps.clock, reading.value, trace) : null;
    if (orders?.kind === 'system_error') return waitOnSystem(orders.error);
    if (orders?.kind === 'not_found') return notFound(orders.what, orders.id, reading.value.facts, requester.locale);
    const facts = [...reading.value.facts, ...(orders?.kind === 'ok' ? orders.value.facts : [])];
    const conflicts = orders?.kind === 'ok' ? orders.value.conflicts : [];
    await mutateCase(deps, installation.id, caseId, (rec) => ({ data: base(rec, facts, conflicts), events: [...trace.events, event(ctx, 'intent.unknown', { source: intent.source })] }));
    await escalate(ctx, caseId, 'unknown_intent', 'No playbook matches what the customer asked for.', { kind: 'system', id: null });
    return DONE;
  }

  const gathered = await gatherEvidence(playbook.evidence, ctx.connectors, deps.clock, reading.value, trace, policyFor(ctx).values);
  if (gathered.kind === 'system_error') return waitOnSystem(gathered.error);
  if (gathered.kind === 'not_found') return notFound(gathered.what, gathered.id, reading.value.facts, requester.locale);
  const result = { facts: [...reading.value.facts, ...gathered.value.facts], conflicts: gathered.value.conflicts, customerTags: reading.value.customerTags };

  const policy = policyFor(ctx);
  const today = await deps.cases.spendSince(installation.id, startOfUtcDay(deps.clock.now()), installation.settings.limits.currency);
  const round = before.data.proposals.reduce((m, p) => Math.max(m, Number(p.step.split('.')[0]!.slice(1)) || 0), 0) + 1;
  const plan = await planCase({
    playbook, policy, facts: factMap(result.facts), settings: installation.settings, customerTags: result.customerTags,
    spend: { case: caseSpend(before), today }, round, newId: () => deps.ids.newId('prop'),
  });
  const decided = event(ctx, 'playbook.applied', { playbookId: playbook.id, playbookVersion: playbook.version, policy: formatPolicyRef(policyRef(policy)), outcome: plan.kind, intentSource: intent.source });
  const common = (rec: CaseRecord) => ({ ...base(rec, result.facts, result.conflicts), playbookId: playbook.id, policy: policyRef(policy), keyFacts: keyFactsOf(playbook) });

  if (plan.kind === 'escalate') {
    await mutateCase(deps, installation.id, caseId, (rec) => ({ caseType: playbook.caseType, data: common(rec), events: [...trace.events, decided] }));
    await escalate(ctx, caseId, plan.reason, plan.detail, { kind: 'system', id: null });
    return DONE;
  }
  if (plan.kind === 'ask' || plan.kind === 'refuse') {
    const record = await mutateCase(deps, installation.id, caseId, (rec) => {
      const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
      const body = renderMessage(deps.catalog, locale, plan.template, templateVars(factMap(result.facts), [], policy.values, locale));
      return {
        // A refusal is a decision under policy; the drafted answer waits for the agent to send it.
        state: plan.kind === 'ask' ? 'waiting_on_customer' : 'closed',
        caseType: playbook.caseType,
        data: { ...common(rec), missing: plan.kind === 'ask' ? plan.missing : [], reply: { locale, templateId: plan.template, body, postedAt: null } },
        events: [...trace.events, decided, plan.kind === 'ask'
          ? event(ctx, 'facts.missing', { missing: plan.missing })
          : event(ctx, 'policy.refused', { checkId: plan.checkId, reason: plan.reason, policy: formatPolicyRef(policyRef(policy)) })],
      };
    });
    if (plan.kind === 'ask') await askCustomer(ctx, record);
    else await writeTicket(ctx, record, { addTags: [`cc_case_${playbook.caseType}`, `cc_reason_${plan.reason}`], comment: { body: investigationNote(record.data, `Not eligible under policy ${formatPolicyRef(policyRef(policy))}: ${plan.reason}. A reply is drafted in the app.`), public: false } }, 'refusal_note');
    return DONE;
  }
  if (plan.kind === 'inform') {
    // Nothing to write anywhere: the answer is drafted from cited facts for the agent to send.
    const record = await mutateCase(deps, installation.id, caseId, (rec) => {
      const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
      const body = renderMessage(deps.catalog, locale, plan.template, templateVars(factMap(result.facts), [], policy.values, locale));
      return {
        state: plan.state,
        caseType: playbook.caseType,
        data: { ...common(rec), missing: [], reply: { locale, templateId: plan.template, body, postedAt: null } },
        events: [...trace.events, decided, event(ctx, 'case.informed', { templateId: plan.template, state: plan.state, policy: formatPolicyRef(policyRef(policy)) })],
      };
    });
    await writeTicket(ctx, record, { addTags: [`cc_case_${playbook.caseType}`], comment: { body: investigationNote(record.data, `Informational answer under ${playbook.id}@${playbook.version} (${plan.template}); nothing was changed. A reply is drafted in the app.`), public: false } }, 'investigation_note');
    return DONE;
  }

  const autopilot = { kind: 'autopilot' as const, id: null };
  const proposals = plan.proposals.map((p) => (p.status === 'approved' ? { ...p, approval: { by: autopilot, at: deps.clock.now().toISOString() } } : p));
  const allForbidden = proposals.every((p) => p.status === 'forbidden');
  const anyPending = proposals.some((p) => p.status === 'pending');
  const anyApproved = proposals.some((p) => p.status === 'approved');
  const record = await mutateCase(deps, installation.id, caseId, (rec) => {
    const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
    const body = renderMessage(deps.catalog, locale, playbook.messages.proposed, templateVars(factMap(result.facts), proposals, policy.values, locale));
    return {
      state: 'proposal',
      caseType: playbook.caseType,
      data: { ...common(rec), missing: [], proposals: [...base(rec, result.facts, result.conflicts).proposals, ...proposals], reply: { locale, templateId: playbook.messages.proposed, body, postedAt: null } },
      events: [
        ...trace.events,
        decided,
        ...proposals.map((p) => event(ctx, 'proposal.created', { proposalId: p.id, step: p.step, type: p.action.type, params: p.action.params, amount: p.action.amount, riskTier: p.riskTier, decision: p.decision, contentHash: p.contentHash, status: p.status })),
        ...proposals.filter((p) => p.status === 'approved').map((p) => event(ctx, 'proposal.approved', { proposalId: p.id, contentHash: p.contentHash, policy: p.decision.policy }, autopilot)),
      ],
    };
  });
  const next = allForbidden ? 'proposal' : anyApproved ? 'execution' : anyPending ? 'awaiting_approval' : 'proposal';
  if (next !== 'proposal') await mutateCase(deps, installation.id, caseId, () => ({ state: next, events: [] }));
  await writeTicket(ctx, record, { addTags: [`cc_case_${playbook.caseType}`], comment: { body: investigationNote(record.data, `Investigated under ${playbook.id}@${playbook.version}, policy ${formatPolicyRef(policyRef(policy))}.`), public: false } }, 'investigation_note');
  if (allForbidden) {
    await escalate(ctx, caseId, 'guardrail_forbidden', proposals.flatMap((p) => p.decision.reasons.map((r) => r.detail)).join('; '), { kind: 'system', id: null });
    return DONE;
  }
  return anyApproved ? advanceCase(ctx, caseId, 0) : DONE;
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
