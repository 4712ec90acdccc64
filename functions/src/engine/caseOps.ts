// Operations shared by investigation and execution: escalation, writing to the ticket, picking
// the installation's policy, and the context every step needs.
import type { Actor, AuditEventDraft } from '../domain/audit.js';
import type { CaseRecord } from '../domain/caseRecord.js';
import { supportedLocale } from '../domain/intent.js';
import type { Policy } from '../domain/policy.js';
import type { TicketUpdate } from '../ports/HelpDesk.js';
import type { Installation } from '../ports/InstallationStore.js';
import { renderMessage, type Locale } from '../playbooks/catalog.js';
import type { Connectors, EngineDeps } from './EngineDeps.js';
import { mutateCase } from './mutateCase.js';
import { tracedComments } from './investigate.js';
import { escalationNote } from './notes.js';
import { ToolTrace } from './traced.js';

export interface CaseContext {
  deps: EngineDeps;
  installation: Installation;
  connectors: Connectors;
}

export function contextFor(deps: EngineDeps, installation: Installation): CaseContext {
  return { deps, installation, connectors: deps.connectorsFor(installation) };
}

export function policyFor(ctx: CaseContext): Policy {
  const candidates = ctx.deps.catalog.policies.filter((p) => p.id === ctx.installation.policyId);
  const policy = candidates.sort((a, b) => b.version - a.version)[0];
  if (!policy) throw new Error(`installation ${ctx.installation.id} uses unknown policy ${ctx.installation.policyId}`);
  return policy;
}

export function event(ctx: CaseContext, type: string, data: Record<string, unknown>, actor: Actor = { kind: 'system', id: null }): AuditEventDraft {
  return { type, at: ctx.deps.clock.now().toISOString(), actor, data };
}

export function localeOf(record: CaseRecord): Locale {
  return supportedLocale(record.data.locale);
}

/** Writes to the ticket and records the call; the caller decides whether a failure matters. */
export async function writeTicket(ctx: CaseContext, record: CaseRecord, update: TicketUpdate, purpose: string) {
  const trace = new ToolTrace(ctx.deps.clock);
  const r = await trace.call('zendesk', 'update_ticket', { ticketId: record.ticketId, purpose, ...update }, () => ctx.connectors.helpDesk.updateTicket(record.ticketId, update), (t) => ({ status: t.status, tags: t.tags }));
  await mutateCase(ctx.deps, record.installationId, record.id, () => ({
    events: [...trace.events, ...(r.ok ? [event(ctx, 'ticket.updated', { purpose })] : [])],
  }));
  return r;
}

/**
 * Whether a public comment with exactly this body is already on the ticket. Zendesk takes no
 * idempotency key, so a retry of a reply whose answer was lost (the update happened, the response
 * never came) looks first; the read is an audit event like every other outside call.
 */
export async function alreadyOnTicket(ctx: CaseContext, record: CaseRecord, body: string): Promise<boolean> {
  const trace = new ToolTrace(ctx.deps.clock);
  const r = await tracedComments(ctx.connectors.helpDesk, trace, record.ticketId, 'reply_already_posted');
  await mutateCase(ctx.deps, record.installationId, record.id, () => ({ events: trace.events }));
  return r.ok && r.value.some((c) => c.public && c.body.trim() === body.trim());
}

const NEXT_STEP: Record<string, string> = {
  order_not_found: 'Ask the customer to confirm the order number, or look the order up by their email.',
  ticket_not_found: 'Check that the ticket still exists.',
  requester_not_order_owner: 'Verify the requester is authorised to act on this order before doing anything.',
  unknown_intent: 'Read the ticket and pick the matching case type.',
  action_failed: 'Check the failed action in the audit trail and finish the case by hand.',
  system_unavailable: 'A connected system kept failing; retry when it is back or finish by hand.',
  guardrail_forbidden: 'The proposed action exceeds hard limits; decide by hand.',
  shipment_held: 'A shipment is held: find out why with the carrier or warehouse and tell the customer when it will move.',
  carrier_exception: 'The carrier reports an exception: open a trace with the carrier and update the customer.',
};

export async function escalate(ctx: CaseContext, caseId: string, reason: string, detail: string, actor: Actor, extra: AuditEventDraft[] = []) {
  const groupId = ctx.installation.settings.escalationGroupId;
  const record = await mutateCase(ctx.deps, ctx.installation.id, caseId, (rec) => {
    if (rec.state === 'escalated' && rec.data.escalation?.reason === reason) return { events: extra };
    const locale = localeOf(rec);
    const name = String(rec.data.facts.find((f) => f.key === 'requester.name')?.value ?? '').split(' ')[0] || 'there';
    return {
      state: 'escalated',
      data: {
        ...rec.data,
        escalation: { reason, detail, groupId, at: ctx.deps.clock.now().toISOString() },
        reply: { locale, templateId: 'common.escalated', body: renderMessage(ctx.deps.catalog, locale, 'common.escalated', { name }), postedAt: null },
      },
      events: [...extra, event(ctx, 'case.escalated', { reason, detail, groupId }, actor)],
    };
  });
  if (reason === 'ticket_not_found') return record;
  const note = escalationNote(record.data, reason, detail, NEXT_STEP[reason] ?? 'Review the case and decide.', 24);
  await writeTicket(ctx, record, {
    ...(groupId ? { groupId } : {}),
    addTags: ['cc_escalated', `cc_reason_${reason}`],
    comment: { body: note, public: false },
  }, 'escalation');
  return record;
}
