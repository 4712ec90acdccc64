// A follow-up that is not about an action: after an informational answer whose playbook variant
// asks for it (`inform.variants[].recheck`, e.g. "we'll keep it coming, new ETA"), the order is read
// again at that time plus a grace period. Delivered: the case stays closed, the check is recorded.
// Still not delivered: the case is reopened and handed to a person. Uses the same durable
// `follow_up` job as a pending refund's re-check, told apart by its payload.
import type { Job } from '../ports/JobQueue.js';
import { escalate, event, type CaseContext } from './caseOps.js';
import { mutateCase } from './mutateCase.js';
import { factMap } from './notes.js';
import { backoffMs, DONE, MAX_ATTEMPTS, type JobOutcome } from './outcomes.js';
import { ToolTrace } from './traced.js';

export const DELIVERY_RECHECK = 'delivery';

/** After an investigation: schedules the re-check its informational answer asked for, once. */
export async function scheduleDeliveryRecheck(ctx: CaseContext, caseId: string): Promise<void> {
  const { deps, installation } = ctx;
  const record = await deps.cases.getCase(installation.id, caseId);
  if (!record || record.state !== 'closed' || !record.data.reply) return;
  const playbook = deps.catalog.playbooks.find((pb) => pb.id === record.data.playbookId);
  const recheck = playbook?.inform?.variants?.find((v) => v.recheck && v.message === record.data.reply!.templateId)?.recheck;
  if (!recheck) return;
  const facts = factMap(record.data.facts);
  const [at, shipmentId, orderId] = [facts[recheck.atFact]?.value, facts[recheck.shipmentFact]?.value, facts['order.id']?.value];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof shipmentId !== 'string' || typeof orderId !== 'string') return;
  const runAt = new Date(Date.parse(at) + recheck.graceHours * 3_600_000).toISOString();
  const { created } = await deps.jobs.enqueue({
    id: deps.ids.newId('job'), installationId: installation.id, kind: 'follow_up', caseId,
    payload: { recheck: DELIVERY_RECHECK, orderId, shipmentId, eta: at }, runAt, dedupeKey: `recheck_delivery:${caseId}:${shipmentId}:${at}`,
  });
  if (created) {
    await mutateCase(deps, installation.id, caseId, () => ({ events: [event(ctx, 'follow_up.scheduled', { reason: 'delivery_recheck', orderId, shipmentId, eta: at, at: runAt })] }));
  }
}

export async function recheckDelivery(ctx: CaseContext, job: Job): Promise<JobOutcome> {
  const { deps, installation } = ctx;
  const caseId = job.caseId!;
  const { orderId, shipmentId, eta } = job.payload as { orderId: string; shipmentId: string; eta: string };
  const record = await deps.cases.getCase(installation.id, caseId);
  if (!record) return { kind: 'failed', error: `case ${caseId} vanished` };
  // The customer wrote again since, or a person took over: that conversation decides now.
  if (record.state !== 'closed') {
    await mutateCase(deps, installation.id, caseId, () => ({ events: [event(ctx, 'delivery.recheck_skipped', { orderId, shipmentId, state: record.state })] }));
    return DONE;
  }
  const trace = new ToolTrace(deps.clock);
  const read = await trace.call('oms', 'get_order', { orderId }, () => ctx.connectors.orders.getOrder(orderId), (o) => ({ id: o.id, status: o.status }));
  if (!read.ok && read.error.retryable && job.attempts + 1 < MAX_ATTEMPTS) {
    await mutateCase(deps, installation.id, caseId, () => ({ events: trace.events }));
    return { kind: 'retry', at: new Date(deps.clock.now().getTime() + backoffMs(job.attempts)), error: read.error.message };
  }
  const shipment = read.ok ? read.value.shipments.find((s) => s.id === shipmentId) : undefined;
  const delivered = !!shipment && (shipment.status === 'delivered' || !!shipment.deliveredAt);
  const checked = event(ctx, 'delivery.rechecked', { orderId, shipmentId, eta, delivered, status: shipment?.status ?? null, deliveredAt: shipment?.deliveredAt ?? null });
  if (delivered) {
    await mutateCase(deps, installation.id, caseId, () => ({ events: [...trace.events, checked] }));
    return DONE;
  }
  // Still not there after the new date and the grace period: reopen, and a person takes over.
  await mutateCase(deps, installation.id, caseId, () => ({ state: 'investigation', events: [...trace.events, checked] }));
  const why = read.ok ? `shipment ${shipmentId} is still ${shipment?.status ?? 'missing'}` : `the order could not be read (${read.error.code})`;
  await escalate(ctx, caseId, 'delivery_overdue', `Order ${orderId}: ${why} after the new delivery date ${eta} and the grace period.`, { kind: 'system', id: null });
  return DONE;
}
