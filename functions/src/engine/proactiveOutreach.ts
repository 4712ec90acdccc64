// Proactive outreach for delayed shipments. A `delay_scan` job reads the OMS's delayed orders and
// queues one `outreach` job per delayed shipment and ETA; the queue's unique (installation, dedupe
// key) makes that insert-if-absent, so two racing scans (or a scan run twice) contact a customer
// once. The outreach job opens a Zendesk ticket for the customer; Zendesk then fires ticket.created
// like for any ticket, and the normal intake opens the case (playbook shipping_delay_recovery).
import type { ConnectorError } from '../domain/connectorError.js';
import { supportedLocale } from '../domain/intent.js';
import { isDelayed, orderTag, outreachKey, delayedShipment, PROACTIVE_TAG, SHIPPING_DELAY_TAG } from '../domain/shippingDelay.js';
import type { Job } from '../ports/JobQueue.js';
import { renderMessage } from '../playbooks/catalog.js';
import type { CaseContext } from './caseOps.js';
import { backoffMs, DONE, MAX_ATTEMPTS, type JobOutcome } from './outcomes.js';

function systemFailure(ctx: CaseContext, error: ConnectorError, attempt: number): JobOutcome {
  if (!error.retryable || attempt + 1 >= MAX_ATTEMPTS) return { kind: 'failed', error: `${error.system} ${error.code}: ${error.message}` };
  return { kind: 'retry', at: new Date(ctx.deps.clock.now().getTime() + backoffMs(attempt)), error: `${error.system} ${error.code}: ${error.message}` };
}

/** Queues an outreach for every delayed shipment not contacted before at its current ETA. */
export async function scanShippingDelays(ctx: CaseContext, attempt: number): Promise<JobOutcome> {
  const { deps, installation } = ctx;
  const found = await ctx.connectors.orders.listDelayedOrders();
  if (!found.ok) return systemFailure(ctx, found.error, attempt);
  const now = deps.clock.now().toISOString();
  let queued = 0;
  for (const order of found.value) {
    const shipment = delayedShipment(order);
    if (!shipment?.estimatedDeliveryAt) continue;
    const key = outreachKey(order.id, shipment.id, shipment.estimatedDeliveryAt);
    const { created } = await deps.jobs.enqueue({
      id: deps.ids.newId('job'), installationId: installation.id, kind: 'outreach', caseId: null,
      payload: { orderId: order.id, shipmentId: shipment.id, eta: shipment.estimatedDeliveryAt, key }, runAt: now, dedupeKey: key,
    });
    if (created) queued++;
  }
  deps.logger.info('shipping delay scan', { installationId: installation.id, delayedOrders: found.value.length, queued });
  return DONE;
}

/** Opens the proactive ticket for one delayed shipment, if it is still delayed at that ETA. */
export async function sendDelayOutreach(ctx: CaseContext, job: Job): Promise<JobOutcome> {
  const { deps, installation, connectors } = ctx;
  const { orderId, shipmentId, eta, key } = job.payload as { orderId: string; shipmentId: string; eta: string; key: string };
  const read = await connectors.orders.getOrder(orderId);
  if (!read.ok) return read.error.code === 'not_found' ? { kind: 'failed', error: `order ${orderId} not found` } : systemFailure(ctx, read.error, job.attempts);
  const order = read.value;
  const shipment = order.shipments.find((s) => s.id === shipmentId);
  // Delivered, cancelled or slipped again since the scan: the next scan contacts the current delay.
  const current = shipment && order.status !== 'cancelled' && isDelayed(shipment) && outreachKey(orderId, shipmentId, shipment.estimatedDeliveryAt!) === key;
  if (!current) {
    deps.logger.info('shipping delay outreach skipped', { installationId: installation.id, orderId, shipmentId, eta });
    return DONE;
  }
  // The customer's language when the help desk knows them, else the store's.
  const known = await connectors.helpDesk.findUserByEmail(order.customer.email);
  if (!known.ok && known.error.retryable) return systemFailure(ctx, known.error, job.attempts);
  const locale = supportedLocale(known.ok && known.value ? known.value.locale : installation.locale);
  const day = (iso: string | null) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) : '');
  const vars = {
    name: order.customer.name.split(' ')[0] || order.customer.name,
    orderId: order.id,
    carrier: shipment.carrier,
    tracking: shipment.trackingNumber,
    promisedAt: day(shipment.promisedDeliveryAt),
    newEta: day(shipment.estimatedDeliveryAt ?? null),
  };
  // A ticket opened by an earlier run of this job whose answer was lost (the runner died, the
  // connection dropped after Zendesk's 201) carries the same reference: never a second ticket.
  const opened = await connectors.helpDesk.findTicketsByExternalId(key);
  if (!opened.ok) return systemFailure(ctx, opened.error, job.attempts);
  if (opened.value.length > 0) {
    deps.logger.info('shipping delay outreach already sent', { installationId: installation.id, orderId, shipmentId, eta, ticketId: opened.value[0]!.id });
    return DONE;
  }
  const created = await connectors.helpDesk.createTicket({
    requester: { email: order.customer.email, name: order.customer.name },
    subject: renderMessage(deps.catalog, locale, 'shipping_delay.outreach_subject', vars),
    body: renderMessage(deps.catalog, locale, 'shipping_delay.outreach_body', vars),
    tags: [PROACTIVE_TAG, SHIPPING_DELAY_TAG, orderTag(order.id)],
    externalId: key,
  });
  if (!created.ok) return systemFailure(ctx, created.error, job.attempts);
  deps.logger.info('shipping delay outreach sent', { installationId: installation.id, orderId, shipmentId, eta, ticketId: created.value.id });
  return DONE;
}
