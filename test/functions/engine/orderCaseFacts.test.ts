import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../functions/src/adapters/system/SystemClock.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { ok } from '../../../functions/src/domain/result.js';
import { createReturn, updateAddress } from '../../../functions/src/engine/actions/orderActions.js';
import type { Connectors } from '../../../functions/src/engine/EngineDeps.js';
import { namedLineItems, orderFacts, ticketFacts } from '../../../functions/src/engine/facts.js';
import { ToolTrace } from '../../../functions/src/engine/traced.js';
import type { HelpDeskUser, Ticket } from '../../../functions/src/ports/HelpDesk.js';
import type { Order, ReturnAuthorization } from '../../../functions/src/ports/OrderSystem.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const requester: HelpDeskUser = { id: '9001', name: 'Jane Cooper', email: 'jane@example.com', organizationId: null, tags: [], locale: 'en-US', link: 'z/users/9001' };
const at = { zendesk: '2026-11-20T12:00:00Z', oms: '2026-11-20T12:00:01Z', stripe: null };
const now = '2026-11-20T12:00:00Z';
const li = (id: string, sku: string, name: string) => ({ id, sku, name, quantity: 1, unitPrice: usd(1000) });
const base: Order = {
  id: 'ORD-1', customer: { id: 'c', email: 'jane@example.com', name: 'Jane' }, status: 'partially_shipped', placedAt: '2026-11-15T10:00:00Z',
  total: usd(2000), shippingCost: usd(0), lineItems: [li('LI-1', 'TENT-2P', 'Two-Person Tent'), li('LI-2', 'MAT-SLEEP', 'Sleeping Mat')],
  shippingAddress: { name: 'Jane Cooper', line1: '1200 Market St', line2: 'Apt 4B', city: 'San Francisco', state: 'CA', postalCode: '94103', country: 'US' },
  payment: { provider: 'stripe', chargeId: null, paymentIntentId: null },
  shipments: [{ id: 'S1', carrier: 'USPS', trackingNumber: '9400', status: 'in_transit', lineItemIds: ['LI-1'], shippedAt: '2026-11-17T09:00:00Z', promisedDeliveryAt: '2026-11-21T20:00:00Z', deliveredAt: null,
    events: [{ at: '2026-11-17T09:00:00Z', status: 'in_transit', description: 'Accepted', location: 'Reno, NV' }, { at: '2026-11-19T06:15:00Z', status: 'in_transit', description: 'In transit', location: null }] }],
  refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'https://oms.example/orders/ORD-1',
};
const ticket = { id: '501', link: 'z/tickets/501' };
const factsOf = (order: Order, text = '') => Object.fromEntries(orderFacts({ order, charge: null, requester, now, ticket: { ...ticket, text } }, at).facts.map((f) => [f.key, f]));

describe('order facts for returns, address changes and tracking', () => {
  it('lists what shipped and what did not, counts stuck shipments, and cites the latest tracking event', () => {
    const f = factsOf(base);
    expect(f['order.shippedItems']?.value).toEqual(['Two-Person Tent']);
    expect(f['order.unshippedItems']?.value).toEqual(['Sleeping Mat']);
    expect(f['order.unshippedItemCount']?.value).toBe(1);
    expect(f['order.heldShipments']?.value).toBe(0);
    expect(f['shipment.latestEvent']).toMatchObject({ value: 'In transit', citations: [{ system: 'oms', recordType: 'shipment', recordId: 'S1', fields: ['events'] }] });
    expect(f['shipment.latestEventAt']?.value).toBe('2026-11-19T06:15:00Z');
    expect(f['order.shippingAddress']?.value).toBe('1200 Market St, Apt 4B, San Francisco, CA 94103, US');
    for (const fact of Object.values(f)) expect(fact.citations.length).toBeGreaterThan(0);
  });

  it('counts held and exception shipments by their current status, not by past events', () => {
    const held = factsOf({ ...base, shipments: [{ ...base.shipments[0]!, status: 'held' }, { ...base.shipments[0]!, id: 'S2', status: 'exception' }] });
    expect([held['order.heldShipments']?.value, held['order.exceptionShipments']?.value]).toEqual([1, 1]);
    const recovered = factsOf({ ...base, shipments: [{ ...base.shipments[0]!, events: [{ at: '2026-11-18T00:00:00Z', status: 'exception', description: 'Weather', location: null }] }] });
    expect(recovered['order.exceptionShipments']?.value).toBe(0);
  });

  it.each([
    ['no item named: every item', '', ['LI-1', 'LI-2'], false],
    ['an item named by name (any case)', 'I want to return the sleeping mat please', ['LI-2'], false],
    ['an item named by SKU', 'return TENT-2P', ['LI-1'], false],
    ['the named item is already in a return', 'return the Sleeping Mat', undefined, true],
  ] as const)('return items: %s', (_n, text, ids, already) => {
    const order: Order = { ...base, returns: already ? [{ id: 'RMA-1', orderId: 'ORD-1', lineItemIds: ['LI-2'], status: 'label_issued', labelUrl: 'x', reason: 'r', createdAt: now }] : [] };
    const f = factsOf(order, text);
    expect(f['return.lineItemIds']?.value).toEqual(ids);
    expect(f['return.alreadyReturned']?.value).toBe(already);
  });

  it('a cancelled return does not block a new one, and the ticket is cited when it names the items', () => {
    const order: Order = { ...base, returns: [{ id: 'RMA-1', orderId: 'ORD-1', lineItemIds: ['LI-2'], status: 'cancelled', labelUrl: null, reason: 'r', createdAt: now }] };
    const f = factsOf(order, 'return the sleeping mat');
    expect(f['return.lineItemIds']?.value).toEqual(['LI-2']);
    expect(f['return.lineItemIds']?.citations.map((c) => `${c.system}:${c.recordType}:${c.recordId}`)).toEqual(['oms:order:ORD-1', 'zendesk:ticket:501']);
  });

  it('names items only by full name or SKU, never by a loose word', () => {
    expect(namedLineItems(base, 'the tent is great, the mat is not')).toEqual([]);
  });
});

describe('ticket facts: a new address only from the marked block', () => {
  const t: Ticket = { id: '501', subject: 'Move', description: 'Please ship elsewhere.', status: 'new', tags: [], customFields: {}, requesterId: '9001', organizationId: null, groupId: null, channel: 'email', createdAt: now, updatedAt: now, link: 'z/tickets/501' };
  const keys = (facts: { key: string }[]) => facts.map((f) => f.key).filter((k) => k.startsWith('address.'));

  it('reads it from the description, citing the ticket', () => {
    const facts = ticketFacts({ ticket: { ...t, description: 'New address: 1 Main St, Austin, TX 73301, US' }, requester, organization: null }, now);
    expect(keys(facts)).toEqual(['address.new.line1', 'address.new.city', 'address.new.state', 'address.new.postalCode', 'address.new.country']);
    expect(facts.find((f) => f.key === 'address.new.city')).toMatchObject({ value: 'Austin', citations: [{ system: 'zendesk', recordType: 'ticket', recordId: '501', fields: ['description'] }] });
  });

  it('reads it from a customer follow-up, citing the comments', () => {
    const facts = ticketFacts({ ticket: t, requester, organization: null, customerText: 'New address: 1 Main St, Apt 2, Austin, TX 73301, US' }, now);
    expect(facts.find((f) => f.key === 'address.new.line2')).toMatchObject({ value: 'Apt 2', citations: [{ fields: ['comments'] }] });
  });

  it('gives no address fact when the text only mentions one', () => {
    expect(keys(ticketFacts({ ticket: { ...t, description: 'send it to 1 Main St, Austin, TX 73301, US' }, requester, organization: null }, now))).toEqual([]);
  });
});

describe('order action handlers verify against the re-read order', () => {
  const clock = new ManualClock(now);
  const proposal = (type: string, params: Record<string, unknown>) => ({ id: 'p', step: 'r1.x', playbookId: 'x', title: 't', action: { type, params, amount: null } } as unknown as Proposal);
  const connectors = (order: Order) => ({ orders: { getOrder: async () => ok(order) } }) as unknown as Connectors;
  const rma = (status: ReturnAuthorization['status'], labelUrl: string | null): ReturnAuthorization => ({ id: 'RMA-7', orderId: 'ORD-1', lineItemIds: ['LI-2'], status, labelUrl, reason: 'r', createdAt: now });
  const ret = proposal('orders.create_return', { orderId: 'ORD-1', lineItemIds: ['LI-2'] });

  it.each([
    ['label issued', [rma('label_issued', 'https://l/RMA-7.pdf')], 'confirmed'],
    ['authorized, no label yet', [rma('authorized', null)], 'pending'],
    ['cancelled', [rma('cancelled', null)], 'failed'],
    ['missing', [], 'failed'],
  ] as const)('return: %s → %s', async (_n, returns, state) => {
    const r = await createReturn.verify(connectors({ ...base, returns: [...returns] }), ret, 'RMA-7', new ToolTrace(clock));
    expect(r.ok && r.value.state).toBe(state);
  });

  const addr = proposal('orders.update_address', { orderId: 'ORD-1', line1: '1 Main St', city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' });
  it.each([
    ['the new address', { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', postalCode: '73301', country: 'US' }, 'confirmed'],
    ['the old address', base.shippingAddress, 'failed'],
    ['another postal code', { line1: '1 Main St', line2: null, city: 'Austin', state: 'TX', postalCode: '73302', country: 'US' }, 'failed'],
  ] as const)('address: order shows %s → %s', async (_n, shippingAddress, state) => {
    const r = await updateAddress.verify(connectors({ ...base, shippingAddress: { ...shippingAddress } }), addr, 'ORD-1', new ToolTrace(clock));
    expect(r.ok && r.value.state).toBe(state);
  });
});
