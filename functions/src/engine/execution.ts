// Runs approved actions exactly once, in dependency order, verifies each against its system of
// record, and closes the case when everything is verified. Safe to run again at any point: every
// write is keyed, and every step first looks at what the case already recorded.
import type { CaseRecord } from '../domain/caseRecord.js';
import type { ConnectorError } from '../domain/connectorError.js';
import { idempotencyKey, type Proposal } from '../domain/proposal.js';
import { renderMessage, type Locale } from '../playbooks/catalog.js';
import { handlerFor } from './actions.js';
import { alreadyOnTicket, escalate, event, localeOf, policyFor, writeTicket, type CaseContext } from './caseOps.js';
import { mutateCase } from './mutateCase.js';
import { closingNote, factMap, joinReplies, templateVars } from './notes.js';
import { backoffMs, DONE, MAX_ATTEMPTS, type JobOutcome } from './outcomes.js';
import { ToolTrace } from './traced.js';

const FOLLOW_UP_HOURS = 24;

export function currentProposals(record: CaseRecord): Proposal[] {
  return record.data.proposals.filter((p) => p.status !== 'superseded');
}

function nextRunnable(proposals: Proposal[]): Proposal | undefined {
  const verified = new Set(proposals.filter((p) => p.status === 'verified').map((p) => p.step));
  return proposals.find((p) => p.status === 'executed' || (p.status === 'approved' && p.after.every((s) => verified.has(s))));
}

function updateProposal(record: CaseRecord, id: string, change: (p: Proposal) => Proposal) {
  return { ...record.data, proposals: record.data.proposals.map((p) => (p.id === id ? change(p) : p)) };
}

async function recordFailure(ctx: CaseContext, caseId: string, p: Proposal, error: ConnectorError, trace: ToolTrace, attempt: number): Promise<JobOutcome> {
  const lastError = { code: error.code, message: error.message, retryable: error.retryable };
  const giveUp = !error.retryable || attempt + 1 >= MAX_ATTEMPTS;
  const retryAt = new Date(ctx.deps.clock.now().getTime() + backoffMs(attempt));
  await mutateCase(ctx.deps, ctx.installation.id, caseId, (rec) => ({
    ...(giveUp ? {} : { state: 'waiting_on_system' as const }),
    data: {
      ...updateProposal(rec, p.id, (q) => ({
        ...q,
        status: error.retryable && !giveUp ? q.status : 'failed',
        execution: { ...(q.execution ?? { idempotencyKey: idempotencyKey(rec.id, q.step), externalId: null, verified: false, verifiedAt: null, attempts: 0 }), attempts: (q.execution?.attempts ?? 0) + 1, lastError },
      })),
      waiting: giveUp ? null : { reason: error.message, system: error.system, since: rec.data.waiting?.since ?? ctx.deps.clock.now().toISOString(), retryAt: retryAt.toISOString() },
    },
    events: [...trace.events, event(ctx, 'action.failed', { proposalId: p.id, step: p.step, type: p.action.type, error: lastError, willRetry: !giveUp, retryAt: giveUp ? null : retryAt.toISOString() })],
  }));
  if (giveUp) {
    await escalate(ctx, caseId, error.retryable ? 'system_unavailable' : 'action_failed', `${p.title}: ${error.system} ${error.code}: ${error.message}`, { kind: 'system', id: null });
    return error.retryable ? { kind: 'failed', error: error.message } : DONE;
  }
  return { kind: 'retry', at: retryAt, error: `${error.system} ${error.code}: ${error.message}` };
}

export async function advanceCase(ctx: CaseContext, caseId: string, attempt: number): Promise<JobOutcome> {
  const { deps } = ctx;
  for (let guard = 0; guard < 50; guard++) {
    const record = await deps.cases.getCase(ctx.installation.id, caseId);
    if (!record) return { kind: 'failed', error: `case ${caseId} vanished` };
    if (record.state === 'escalated' || record.state === 'closed') return DONE;
    // Another job owns the retry of a failing system; running now would skip its backoff.
    const retryAt = record.data.waiting?.retryAt;
    if (guard === 0 && record.state === 'waiting_on_system' && retryAt && Date.parse(retryAt) > deps.clock.now().getTime()) return DONE;
    const p = nextRunnable(currentProposals(record));
    if (!p) break;
    const handler = handlerFor(p.action.type);
    if (!handler.ok) {
      await escalate(ctx, caseId, 'action_failed', handler.error, { kind: 'system', id: null });
      return DONE;
    }
    const key = idempotencyKey(record.id, p.step);
    const trace = new ToolTrace(deps.clock);

    if (p.status === 'approved') {
      const r = await handler.value.execute(ctx.connectors, p, key, trace);
      if (!r.ok) return recordFailure(ctx, caseId, p, r.error, trace, attempt);
      await mutateCase(deps, ctx.installation.id, caseId, (rec) => {
        const current = rec.data.proposals.find((q) => q.id === p.id);
        if (current?.status !== 'approved') return { events: trace.events };
        return {
          state: 'verification',
          data: {
            ...updateProposal(rec, p.id, (q) => ({
              ...q,
              status: 'executed',
              execution: { idempotencyKey: key, attempts: (q.execution?.attempts ?? 0) + 1, externalId: r.value.externalId, verified: false, verifiedAt: null, lastError: null, output: r.value.output },
            })),
            waiting: null,
          },
          events: [
            ...trace.events,
            event(ctx, 'action.executed', {
              proposalId: p.id, step: p.step, type: p.action.type, params: p.action.params, amount: p.action.amount,
              externalId: r.value.externalId, idempotencyKey: key, policy: p.decision.policy, approvedBy: p.approval?.by ?? null, output: r.value.output,
            }, p.approval?.by.kind === 'autopilot' ? { kind: 'autopilot', id: null } : { kind: 'system', id: null }),
          ],
        };
      });
      continue;
    }

    const externalId = p.execution?.externalId;
    if (!externalId) throw new Error(`proposal ${p.id} executed without an external id`);
    const v = await handler.value.verify(ctx.connectors, p, externalId, trace);
    if (!v.ok) return recordFailure(ctx, caseId, p, v.error, trace, attempt);
    const now = deps.clock.now().toISOString();
    if (v.value.state === 'pending') {
      const at = new Date(deps.clock.now().getTime() + FOLLOW_UP_HOURS * 3_600_000);
      await mutateCase(deps, ctx.installation.id, caseId, () => ({
        state: 'follow_up',
        events: [...trace.events, event(ctx, 'action.verification_pending', { proposalId: p.id, externalId, detail: v.value.detail, recheckAt: at.toISOString() })],
      }));
      await deps.jobs.enqueue({ id: deps.ids.newId('job'), installationId: ctx.installation.id, kind: 'follow_up', caseId, payload: { proposalId: p.id }, runAt: at.toISOString(), dedupeKey: `follow_up:${p.id}:${now}` });
      return DONE;
    }
    const confirmed = v.value.state === 'confirmed';
    await mutateCase(deps, ctx.installation.id, caseId, (rec) => ({
      state: 'verification',
      data: {
        ...updateProposal(rec, p.id, (q) => ({
          ...q,
          status: confirmed ? 'verified' : 'failed',
          execution: q.execution && { ...q.execution, verified: confirmed, verifiedAt: confirmed ? now : null },
        })),
        waiting: null,
      },
      events: [...trace.events, event(ctx, confirmed ? 'action.verified' : 'action.verification_failed', { proposalId: p.id, externalId, detail: v.value.detail })],
    }));
    if (!confirmed) {
      await escalate(ctx, caseId, 'action_failed', v.value.detail, { kind: 'system', id: null });
      return DONE;
    }
  }
  return settle(ctx, caseId, attempt);
}

/** Once nothing is runnable: wait for humans, or close the case when every action is verified. */
async function settle(ctx: CaseContext, caseId: string, attempt: number): Promise<JobOutcome> {
  const record = await ctx.deps.cases.getCase(ctx.installation.id, caseId);
  if (!record) return DONE;
  const proposals = currentProposals(record);
  if (proposals.some((p) => p.status === 'pending')) {
    if (record.state !== 'awaiting_approval') {
      await mutateCase(ctx.deps, ctx.installation.id, caseId, () => ({ state: 'awaiting_approval', events: [] }));
    }
    return DONE;
  }
  if (proposals.some((p) => p.status === 'approved' || p.status === 'executed')) return DONE;
  if (!proposals.some((p) => p.status === 'verified')) return DONE;
  return closeOut(ctx, record, attempt);
}

async function closeOut(ctx: CaseContext, record: CaseRecord, attempt: number): Promise<JobOutcome> {
  const locale = localeOf(record);
  const playbook = ctx.deps.catalog.playbooks.find((pb) => pb.id === record.data.playbookId);
  if (!record.data.reply?.postedAt) {
    const templateId = playbook?.messages.success ?? 'common.escalated';
    const body = successReply(ctx, record, locale) ?? renderMessage(ctx.deps.catalog, locale, templateId, templateVars(factMap(record.data.facts), currentProposals(record), policyFor(ctx).values, locale));
    // A retry may follow an attempt that posted the reply but lost Zendesk's answer: never post it twice.
    const posted = attempt > 0 && (await alreadyOnTicket(ctx, record, body));
    const r = posted ? { ok: true as const } : await writeTicket(ctx, record, {
      comment: { body, public: true },
      status: 'solved',
      addTags: ['cc_resolved', `cc_case_${record.caseType ?? 'unknown'}`],
    }, 'customer_reply');
    if (!r.ok) {
      if (!r.error.retryable || attempt + 1 >= MAX_ATTEMPTS) {
        await escalate(ctx, record.id, 'system_unavailable', `could not post the reply: ${r.error.message}`, { kind: 'system', id: null });
        return DONE;
      }
      return { kind: 'retry', at: new Date(ctx.deps.clock.now().getTime() + backoffMs(attempt)), error: r.error.message };
    }
    record = await mutateCase(ctx.deps, ctx.installation.id, record.id, (rec) => ({
      data: { ...rec.data, reply: { locale, templateId, body, postedAt: ctx.deps.clock.now().toISOString() } },
      events: [event(ctx, 'reply.posted', { templateId, locale, body, ...(posted ? { found: 'already on the ticket' } : {}) })],
    }));
  }
  // The note is best effort: the customer already has a verified answer.
  await writeTicket(ctx, record, { comment: { body: closingNote(record.data), public: false } }, 'closing_note');
  await mutateCase(ctx.deps, ctx.installation.id, record.id, () => ({
    state: 'closed',
    events: [event(ctx, 'case.closed', { outcome: 'resolved', verified: currentProposals(record).filter((p) => p.status === 'verified').map((p) => p.step) })],
  }));
  return DONE;
}

/**
 * With several requests, one reply: each request whose steps were verified gets its playbook's
 * success message, each refused or answered one its earlier answer, on that request's own facts.
 * Null for a single request (the caller renders the playbook's success message).
 */
function successReply(ctx: CaseContext, record: CaseRecord, locale: Locale): string | null {
  const requests = record.data.requests ?? [];
  if (requests.length < 2) return null;
  const proposals = currentProposals(record);
  const values = policyFor(ctx).values;
  const bodies = requests.flatMap((r, i) => {
    const playbook = ctx.deps.catalog.playbooks.find((pb) => pb.id === r.playbookId);
    if (!playbook) return [];
    const facts = factMap(record.data.facts.filter((f) => f.request === undefined || f.request === i));
    const mine = proposals.filter((p) => p.request === i);
    if (r.outcome === 'propose') {
      return mine.some((p) => p.status === 'verified') ? [renderMessage(ctx.deps.catalog, locale, playbook.messages.success, templateVars(facts, mine, values, locale))] : [];
    }
    return (r.outcome === 'refuse' || r.outcome === 'inform') && r.templateId ? [renderMessage(ctx.deps.catalog, locale, r.templateId, templateVars(facts, [], values, locale))] : [];
  });
  const name = String(record.data.facts.find((f) => f.key === 'requester.name')?.value ?? '').split(' ')[0] || 'there';
  return bodies.length ? joinReplies(bodies, name) : null;
}
