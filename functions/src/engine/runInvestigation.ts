// The investigation job: gather evidence, choose the playbook, plan, and record the result as the
// case's next state (asking, refusing, escalating or proposing).
import type { CaseRecord } from '../domain/caseRecord.js';
import { formatPolicyRef, policyRef } from '../domain/policy.js';
import type { Proposal } from '../domain/proposal.js';
import { renderMessage } from '../playbooks/catalog.js';
import { escalate, event, localeOf, policyFor, writeTicket, type CaseContext } from './caseOps.js';
import { advanceCase } from './execution.js';
import { investigate } from './investigate.js';
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

  const { result, trace } = await investigate(ctx.connectors, deps.clock, before.ticketId);
  if (result.kind === 'system_error') {
    const giveUp = attempt + 1 >= MAX_ATTEMPTS;
    const retryAt = new Date(deps.clock.now().getTime() + backoffMs(attempt));
    await mutateCase(deps, installation.id, caseId, (rec) => ({
      state: 'waiting_on_system',
      data: { ...rec.data, waiting: { reason: result.error.message, system: result.error.system, since: rec.data.waiting?.since ?? deps.clock.now().toISOString(), retryAt: retryAt.toISOString() } },
      events: [...trace.events, event(ctx, 'system.unavailable', { error: result.error, retryAt: retryAt.toISOString() })],
    }));
    if (giveUp) {
      await escalate(ctx, caseId, 'system_unavailable', `${result.error.system}: ${result.error.message}`, { kind: 'system', id: null });
      return { kind: 'failed', error: result.error.message };
    }
    return { kind: 'retry', at: retryAt, error: result.error.message };
  }
  if (result.kind === 'not_found') {
    await mutateCase(deps, installation.id, caseId, (rec) => ({
      data: { ...rec.data, facts: result.facts, locale: result.requester?.locale ?? rec.data.locale, investigatedAt: deps.clock.now().toISOString(), waiting: null },
      events: trace.events,
    }));
    await escalate(ctx, caseId, `${result.what}_not_found`, `${result.what} ${result.id} does not exist in the system of record`, { kind: 'system', id: null });
    return DONE;
  }

  const { intent, requester } = result;
  const base = (rec: CaseRecord) => ({
    ...rec.data,
    intent: intent.intent,
    locale: requester.locale,
    facts: result.facts,
    conflicts: result.conflicts,
    investigatedAt: deps.clock.now().toISOString(),
    waiting: null,
    proposals: rec.data.proposals.map((p): Proposal => (p.status === 'pending' || p.status === 'drafted' ? { ...p, status: 'superseded' } : p)),
  });
  const name = requester.name.split(' ')[0] || 'there';

  const playbook = intent.intent ? deps.catalog.playbooks.find((pb) => pb.trigger.intents.includes(intent.intent!)) : undefined;
  if (!playbook) {
    if (intent.candidates.length > 1) {
      const record = await mutateCase(deps, installation.id, caseId, (rec) => {
        const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
        const options = intent.candidates.map((c) => renderMessage(deps.catalog, locale, `intent.${c}`, {})).join(' / ');
        const body = renderMessage(deps.catalog, locale, 'common.clarify', { name, options });
        return {
          state: 'waiting_on_customer',
          data: { ...base(rec), reply: { locale, templateId: 'common.clarify', body, postedAt: null } },
          events: [...trace.events, event(ctx, 'intent.ambiguous', { candidates: intent.candidates })],
        };
      });
      await askCustomer(ctx, record);
      return DONE;
    }
    await mutateCase(deps, installation.id, caseId, (rec) => ({ data: base(rec), events: [...trace.events, event(ctx, 'intent.unknown', { source: intent.source })] }));
    await escalate(ctx, caseId, 'unknown_intent', 'No playbook matches what the customer asked for.', { kind: 'system', id: null });
    return DONE;
  }

  const policy = policyFor(ctx);
  const today = await deps.cases.spendSince(installation.id, startOfUtcDay(deps.clock.now()), installation.settings.limits.currency);
  const round = before.data.proposals.reduce((m, p) => Math.max(m, Number(p.step.split('.')[0]!.slice(1)) || 0), 0) + 1;
  const plan = await planCase({
    playbook, policy, facts: factMap(result.facts), settings: installation.settings, customerTags: result.customerTags,
    spend: { case: caseSpend(before), today }, round, newId: () => deps.ids.newId('prop'),
  });
  const decided = event(ctx, 'playbook.applied', { playbookId: playbook.id, playbookVersion: playbook.version, policy: formatPolicyRef(policyRef(policy)), outcome: plan.kind, intentSource: intent.source });
  const common = (rec: CaseRecord) => ({ ...base(rec), playbookId: playbook.id, policy: policyRef(policy) });

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

  const autopilot = { kind: 'autopilot' as const, id: null };
  const proposals = plan.proposals.map((p) => (p.status === 'approved' ? { ...p, approval: { by: autopilot, at: deps.clock.now().toISOString() } } : p));
  const allForbidden = proposals.every((p) => p.status === 'forbidden');
  const anyPending = proposals.some((p) => p.status === 'pending');
  const anyApproved = proposals.some((p) => p.status === 'approved');
  const record = await mutateCase(deps, installation.id, caseId, (rec) => {
    const locale = localeOf({ ...rec, data: { ...rec.data, locale: requester.locale } });
    const body = renderMessage(deps.catalog, locale, playbook.messages.success, templateVars(factMap(result.facts), proposals, policy.values, locale));
    return {
      state: 'proposal',
      caseType: playbook.caseType,
      data: { ...common(rec), missing: [], proposals: [...base(rec).proposals, ...proposals], reply: { locale, templateId: playbook.messages.success, body, postedAt: null } },
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
