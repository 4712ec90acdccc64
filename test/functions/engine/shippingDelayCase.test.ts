// Delay facts from the order and the ticket, and what the two shipping-delay playbooks decide.
import { describe, expect, it } from 'vitest';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import { orderFacts, ticketFacts } from '../../../functions/src/engine/facts.js';
import { factMap, templateVars } from '../../../functions/src/engine/notes.js';
import { planCase } from '../../../functions/src/engine/plan.js';
import { loadCatalog, renderMessage } from '../../../functions/src/playbooks/catalog.js';
import type { HelpDeskUser, Ticket } from '../../../functions/src/ports/HelpDesk.js';
import type { Order } from '../../../functions/src/ports/OrderSystem.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const requester: HelpDeskUser = { id: '9001', name: 'Jane Cooper', email: 'jane@example.com', organizationId: null, tags: [], locale: 'en-US', link: 'z/users/9001' };
const at = { zendesk: '2026-11-20T12:00:00Z', oms: '2026-11-20T12:00:01Z', stripe: null };
const order: Order = {
  id: 'ORD-1', customer: { id: 'c', email: 'jane@example.com', name: 'Jane' }, status: 'shipped', placedAt: '2026-11-15T10:00:00Z',
  total: usd(2000), shippingCost: usd(0), lineItems: [{ id: 'LI-1', sku: 'TENT', name: 'Tent', quantity: 1, unitPrice: usd(2000) }],
  shippingAddress: { line1: '1 Main St', city: 'SF', postalCode: '94103', country: 'US' },
  payment: { provider: 'stripe', chargeId: null, paymentIntentId: null },
  shipments: [{ id: 'S1', carrier: 'UPS', trackingNumber: '1Z', status: 'in_transit', lineItemIds: ['LI-1'], shippedAt: '2026-11-17T09:00:00Z', promisedDeliveryAt: '2026-11-21T20:00:00Z', deliveredAt: null, estimatedDeliveryAt: '2026-11-26T08:00:00Z', events: [] }],
  refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'oms/ORD-1',
};
const factsOf = (o: Order) => factMap(orderFacts({ order: o, charge: null, requester, now: '2026-11-20T12:00:00Z' }, at).facts);
const ticket = (tags: string[]): Ticket => ({
  id: '501', subject: 'Your order ORD-1 is running late', description: 'Reply "cancel it" or "I\'ll wait".', status: 'open', tags, customFields: {},
  requesterId: '9001', organizationId: null, groupId: null, channel: 'api', createdAt: at.zendesk, updatedAt: at.zendesk, link: 'z/tickets/501',
});

describe('delay facts', () => {
  it('cites the delayed shipment, its new ETA and the days of delay', () => {
    const f = factsOf(order);
    expect(f['delay.shipmentId']?.value).toBe('S1');
    expect(f['shipment.estimatedDeliveryAt']?.value).toBe('2026-11-26T08:00:00Z');
    expect(f['delivery.daysDelayed']?.value).toBe(5);
    expect(f['delivery.daysDelayed']?.citations[0]).toMatchObject({ system: 'oms', recordType: 'shipment', recordId: 'S1', fields: ['promised_delivery_at', 'estimated_delivery_at'] });
  });

  it('has no delay facts when the ETA is on time or unknown, but keeps a known ETA', () => {
    const onTime = factsOf({ ...order, shipments: [{ ...order.shipments[0]!, estimatedDeliveryAt: '2026-11-21T08:00:00Z' }] });
    expect(onTime['delay.shipmentId']).toBeUndefined();
    expect(onTime['delivery.daysDelayed']).toBeUndefined();
    expect(onTime['shipment.estimatedDeliveryAt']?.value).toBe('2026-11-21T08:00:00Z');
    const unknown = factsOf({ ...order, shipments: [{ ...order.shipments[0]!, estimatedDeliveryAt: null }] });
    expect(unknown['shipment.estimatedDeliveryAt']).toBeUndefined();
  });

  it('reads the choice only on a delay ticket, and only from the text it is given (the customer\'s replies)', () => {
    const f = (tags: string[], customerText: string) => factMap(ticketFacts({ ticket: ticket(tags), requester, organization: null, customerText }, at.zendesk));
    expect(f(['cc_intent_shipping_delay'], '')['delay.choice']?.value).toBeNull(); // our description says "cancel it": not theirs
    expect(f(['cc_intent_shipping_delay'], 'cancel it please')['delay.choice']?.value).toBe('cancel');
    expect(f(['cc_intent_shipping_delay'], 'esperaré')['delay.choice']?.value).toBe('wait');
    expect(f([], 'cancel it please')['delay.choice']).toBeUndefined();
  });
});

const catalog = loadCatalog();
const policy = catalog.policies.find((p) => p.id === 'standard-retail')!;
const playbook = (id: string) => catalog.playbooks.find((p) => p.id === id)!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: 'ORD-1', fields: [], fetchedAt: at.oms };
const facts = (v: Record<string, FactValue>) => factMap(Object.entries(v).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
const plan = (id: string, v: Record<string, FactValue>) =>
  planCase({ playbook: playbook(id), policy, facts: facts(v), settings: DEFAULT_SETTINGS, customerTags: [], spend: { case: 0, today: 0 }, round: 1, newId: () => 'p' });
const delayed = {
  'order.id': 'ORD-1', 'order.status': 'processing', 'requester.ownsOrder': true, 'delay.shipmentId': 'S1', 'shipment.estimatedDeliveryAt': '2026-11-26T08:00:00Z',
  'delivery.promisedAt': '2026-11-21T20:00:00Z', 'shipment.carrier': 'UPS', 'delay.choice': null, 'order.heldShipments': 0, 'order.exceptionShipments': 0,
} satisfies Record<string, FactValue>;

describe('shipping_delay_recovery', () => {
  it('without a choice, offers waiting or cancelling with the new date, and waits on the customer', async () => {
    const p = await plan('shipping_delay_recovery', delayed);
    expect(p).toEqual({ kind: 'inform', template: 'shipping_delay.options', state: 'waiting_on_customer' });
    const body = renderMessage(catalog, 'pt-BR', 'shipping_delay.options', { name: 'Ana', ...templateVars(facts(delayed), [], policy.values, 'pt-BR') });
    expect(body).toContain('26 de novembro de 2026');
    expect(body).not.toMatch(/\{\w+\}/);
  });

  it('the customer waits: keeps it coming and closes, with a delivery re-check at the new date plus grace', async () => {
    expect(await plan('shipping_delay_recovery', { ...delayed, 'delay.choice': 'wait' })).toEqual({ kind: 'inform', template: 'shipping_delay.keep_coming', state: 'closed' });
    const variant = playbook('shipping_delay_recovery').inform!.variants!.find((v) => v.message === 'shipping_delay.keep_coming')!;
    expect(variant.recheck).toEqual({ atFact: 'shipment.estimatedDeliveryAt', graceHours: 48, shipmentFact: 'delay.shipmentId' });
  });

  it('no longer delayed: says it arrived, or that it is back on schedule', async () => {
    const { 'delay.shipmentId': _gone, ...noDelay } = delayed;
    expect(await plan('shipping_delay_recovery', { ...noDelay, 'delivery.deliveredAt': '2026-11-24T10:00:00Z' })).toMatchObject({ template: 'shipping_delay.delivered', state: 'closed' });
    expect(await plan('shipping_delay_recovery', noDelay)).toMatchObject({ template: 'shipping_delay.on_track', state: 'closed' });
  });

  it.each([
    ['someone else\'s order', { 'requester.ownsOrder': false }, 'requester_not_order_owner'],
    ['a held parcel', { 'order.heldShipments': 1 }, 'shipment_held'],
    ['a carrier exception', { 'order.exceptionShipments': 1 }, 'carrier_exception'],
    ['a cancelled order', { 'order.status': 'cancelled' }, 'order_cancelled'],
  ])('hands %s to a person', async (_n, over, reason) => {
    expect(await plan('shipping_delay_recovery', { ...delayed, ...over })).toMatchObject({ kind: 'escalate', reason });
  });
});

describe('shipping_delay_cancel', () => {
  const chosen = { ...delayed, 'delay.choice': 'cancel', 'payment.status': 'succeeded', 'payment.chargeId': 'ch_1', 'payment.refundable': usd(2000), 'order.hoursSincePlaced': 120 };

  it('cancels then refunds in full, even days after the order (the delay is ours), through the guardrails', async () => {
    const p = await plan('shipping_delay_cancel', chosen);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals.map((x) => [x.step, x.action.type, x.action.amount, x.after, x.status])).toEqual([
      ['r1.cancel', 'orders.cancel', null, [], 'pending'],
      ['r1.refund', 'billing.refund', usd(2000), ['r1.cancel'], 'pending'],
    ]);
  });

  it('refuses a parcel already in transit with a message saying why', async () => {
    expect(await plan('shipping_delay_cancel', { ...chosen, 'order.status': 'shipped' })).toEqual({
      kind: 'refuse', checkId: 'not_shipped', reason: 'order_in_transit', template: 'shipping_delay.refused_in_transit',
    });
  });
});
