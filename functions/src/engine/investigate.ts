// Gathers evidence for a ticket from every system, in parallel where the calls are independent,
// and returns cited facts plus every tool call made. Reads only: nothing here changes anything.
import type { ConnectorError } from '../domain/connectorError.js';
import type { Conflict, Fact } from '../domain/evidence.js';
import { detectIntent, type IntentResult } from '../domain/intent.js';
import type { Charge } from '../ports/BillingGateway.js';
import type { Clock } from '../ports/Clock.js';
import type { HelpDeskUser, Organization, Ticket } from '../ports/HelpDesk.js';
import type { Order } from '../ports/OrderSystem.js';
import type { Connectors } from './EngineDeps.js';
import { orderFacts, ticketFacts } from './facts.js';
import { ToolTrace } from './traced.js';

export type Investigation =
  | {
      kind: 'evidence';
      ticket: Ticket;
      requester: HelpDeskUser;
      intent: IntentResult;
      order: Order | null;
      facts: Fact[];
      conflicts: Conflict[];
      customerTags: string[];
    }
  | { kind: 'not_found'; what: 'ticket' | 'requester' | 'order'; id: string; ticket: Ticket | null; requester: HelpDeskUser | null; intent: IntentResult | null; facts: Fact[] }
  | { kind: 'system_error'; error: ConnectorError };

export async function investigate(
  connectors: Connectors,
  clock: Clock,
  ticketId: string,
): Promise<{ result: Investigation; trace: ToolTrace }> {
  const trace = new ToolTrace(clock);
  const { helpDesk, orders, billing } = connectors;
  const stamp = () => clock.now().toISOString();

  const [ticketR, commentsR] = await Promise.all([
    trace.call('zendesk', 'get_ticket', { ticketId }, () => helpDesk.getTicket(ticketId), (t) => ({ id: t.id, status: t.status })),
    trace.call('zendesk', 'list_comments', { ticketId }, () => helpDesk.listComments(ticketId), (c) => ({ count: c.length })),
  ]);
  if (!ticketR.ok) {
    return ticketR.error.code === 'not_found'
      ? { result: { kind: 'not_found', what: 'ticket', id: ticketId, ticket: null, requester: null, intent: null, facts: [] }, trace }
      : { result: { kind: 'system_error', error: ticketR.error }, trace };
  }
  const ticket = ticketR.value;
  const zendeskAt = stamp();

  const [requesterR, orgR] = await Promise.all([
    trace.call('zendesk', 'get_user', { userId: ticket.requesterId }, () => helpDesk.getUser(ticket.requesterId), (u) => ({ id: u.id })),
    ticket.organizationId
      ? trace.call('zendesk', 'get_organization', { organizationId: ticket.organizationId }, () => helpDesk.getOrganization(ticket.organizationId!), (o) => ({ id: o.id, tags: o.tags }))
      : Promise.resolve(null),
  ]);
  if (!requesterR.ok) {
    return requesterR.error.code === 'not_found'
      ? { result: { kind: 'not_found', what: 'requester', id: ticket.requesterId, ticket, requester: null, intent: null, facts: [] }, trace }
      : { result: { kind: 'system_error', error: requesterR.error }, trace };
  }
  if (orgR && !orgR.ok && orgR.error.retryable) return { result: { kind: 'system_error', error: orgR.error }, trace };
  const requester = requesterR.value;
  const organization: Organization | null = orgR && orgR.ok ? orgR.value : null;

  // Customer follow-ups on the same ticket are part of what the customer asked.
  const customerText = commentsR.ok
    ? commentsR.value.filter((c) => c.public && c.authorId === requester.id).map((c) => c.body).join('\n')
    : '';
  const intent = detectIntent({ subject: ticket.subject, body: `${ticket.description}\n${customerText}`, tags: ticket.tags });
  const facts = ticketFacts({ ticket, requester, organization }, zendeskAt);
  const customerTags = [...new Set([...requester.tags, ...(organization?.tags ?? [])])];

  const orderId = intent.orderIds[0];
  if (!orderId) return { result: { kind: 'evidence', ticket, requester, intent, order: null, facts, conflicts: [], customerTags }, trace };

  const orderR = await trace.call('oms', 'get_order', { orderId }, () => orders.getOrder(orderId), (o) => ({ id: o.id, status: o.status }));
  if (!orderR.ok) {
    return orderR.error.code === 'not_found'
      ? { result: { kind: 'not_found', what: 'order', id: orderId, ticket, requester, intent, facts }, trace }
      : { result: { kind: 'system_error', error: orderR.error }, trace };
  }
  const order = orderR.value;
  const omsAt = stamp();

  let charge: Charge | null = null;
  const { chargeId, paymentIntentId } = order.payment;
  if (chargeId || paymentIntentId) {
    const chargeR = chargeId
      ? await trace.call('stripe', 'get_charge', { chargeId }, () => billing.getCharge(chargeId), (c) => ({ id: c.id, status: c.status }))
      : await trace.call('stripe', 'get_charge_for_payment_intent', { paymentIntentId }, () => billing.getChargeForPaymentIntent(paymentIntentId!), (c) => ({ id: c.id, status: c.status }));
    if (!chargeR.ok && chargeR.error.code !== 'not_found') return { result: { kind: 'system_error', error: chargeR.error }, trace };
    charge = chargeR.ok ? chargeR.value : null;
  }
  const of = orderFacts({ order, charge, requester, now: stamp() }, { zendesk: zendeskAt, oms: omsAt, stripe: charge ? stamp() : null });
  return {
    result: { kind: 'evidence', ticket, requester, intent, order, facts: [...facts, ...of.facts], conflicts: of.conflicts, customerTags },
    trace,
  };
}
