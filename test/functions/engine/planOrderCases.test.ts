import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import type { Policy } from '../../../functions/src/domain/policy.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { planCase } from '../../../functions/src/engine/plan.js';
import { factMap, templateVars } from '../../../functions/src/engine/notes.js';
import { loadCatalog, renderMessage } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const playbook = (id: string) => catalog.playbooks.find((p) => p.id === id)!;
const ret = playbook('return_delivered_order');
const addr = playbook('address_change_before_shipment');
const wismo = playbook('where_is_my_order');
const basePolicy = catalog.policies[0]!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: 'ORD-1', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };

function facts(values: Record<string, FactValue>) {
  return factMap(Object.entries(values).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
}
let n = 0;
const plan = (pb = ret, f: Record<string, FactValue>, policy: Policy = basePolicy, settings = DEFAULT_SETTINGS) =>
  planCase({ playbook: pb, policy, facts: facts(f), settings, customerTags: [], spend: { case: 0, today: 0 }, round: 1, newId: () => `p${++n}` });

const returnFacts: Record<string, FactValue> = {
  'order.id': 'ORD-1001', 'order.status': 'delivered', 'requester.ownsOrder': true, 'delivery.deliveredAt': '2026-11-13T15:30:00Z',
  'delivery.daysSinceDelivered': 7, 'return.lineItemIds': ['LI-1001-2'], 'return.itemNames': ['Running Socks'], 'return.alreadyReturned': false,
};

describe('return playbook', () => {
  it('proposes one RMA for the named items, identity-bound, nothing about money', async () => {
    const p = await plan(ret, returnFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals).toHaveLength(1);
    expect(p.proposals[0]).toMatchObject({ step: 'r1.create_return', status: 'pending', action: { type: 'orders.create_return', amount: null, params: { orderId: 'ORD-1001', lineItemIds: ['LI-1001-2'], reason: 'customer_request' } } });
  });

  it.each([
    ['window edge: day 30', { 'delivery.daysSinceDelivered': 30 }, 'propose', undefined],
    ['window passed: day 31', { 'delivery.daysSinceDelivered': 31 }, 'refuse', 'return_window_passed'],
    ['not delivered (processing)', { 'order.status': 'processing', 'delivery.deliveredAt': null, 'delivery.daysSinceDelivered': null }, 'refuse', 'order_not_delivered'],
    ['shipped, not yet delivered', { 'order.status': 'shipped' }, 'refuse', 'order_not_delivered'],
    ['every item already in an open return', { 'return.alreadyReturned': true, 'return.lineItemIds': null }, 'refuse', 'already_returned'],
    ['delivered without a delivery date', { 'delivery.deliveredAt': null, 'delivery.daysSinceDelivered': null }, 'escalate', 'delivery_date_unknown'],
    ["someone else's order", { 'requester.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['no order number', { 'order.id': null }, 'ask', undefined],
  ] as const)('%s → %s', async (_n, change, kind, reason) => {
    const p = await plan(ret, { ...returnFacts, ...change });
    expect(p.kind).toBe(kind);
    if (reason) expect(p).toMatchObject({ reason });
  });

  it('a policy-only change moves the window edge (30 → 14 days)', async () => {
    const shorter: Policy = { ...basePolicy, version: 2, values: { ...basePolicy.values, 'returns.windowDays': 14 } };
    expect((await plan(ret, { ...returnFacts, 'delivery.daysSinceDelivered': 14 }, shorter)).kind).toBe('propose');
    expect(await plan(ret, { ...returnFacts, 'delivery.daysSinceDelivered': 15 }, shorter)).toMatchObject({ kind: 'refuse', reason: 'return_window_passed' });
  });

  it('the success reply gives the RMA and label only from a verified execution', async () => {
    const p = await plan(ret, returnFacts);
    if (p.kind !== 'propose') throw new Error('expected a proposal');
    const executed = (status: Proposal['status'], verified: boolean): Proposal => ({
      ...p.proposals[0]!, status,
      execution: { idempotencyKey: 'k', attempts: 1, externalId: 'RMA-5002', verified, verifiedAt: verified ? '2026-11-20T12:00:00Z' : null, lastError: null, output: { rmaId: 'RMA-5002', labelUrl: 'https://oms.example/labels/RMA-5002.pdf' } },
    });
    const f = facts({ ...returnFacts, 'requester.name': 'Jane Cooper' });
    const body = renderMessage(catalog, 'en', 'return.success', templateVars(f, [executed('verified', true)], basePolicy.values, 'en'));
    expect(body).toContain('RMA-5002');
    expect(body).toContain('https://oms.example/labels/RMA-5002.pdf');
    expect(body).toContain('Running Socks');
    expect(templateVars(f, [executed('executed', false)], basePolicy.values, 'en')).toMatchObject({ rmaId: '', labelUrl: '' });
  });
});

const addressFacts: Record<string, FactValue> = {
  'order.id': 'ORD-1007', 'order.status': 'pending', 'order.shipmentCount': 0, 'requester.ownsOrder': true, 'order.shippingName': 'Jane Cooper',
  'address.new.line1': '88 Colin P Kelly Jr St', 'address.new.city': 'San Francisco', 'address.new.state': 'CA', 'address.new.postalCode': '94107', 'address.new.country': 'US',
};

describe('address change playbook', () => {
  it('proposes the update with the parsed address, at least medium risk, identity required', async () => {
    const p = await plan(addr, addressFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals[0]).toMatchObject({
      riskTier: 'medium',
      action: { type: 'orders.update_address', amount: null, params: { orderId: 'ORD-1007', name: 'Jane Cooper', line1: '88 Colin P Kelly Jr St', city: 'San Francisco', state: 'CA', postalCode: '94107', country: 'US' } },
    });
    expect(p.proposals[0]!.action.params['line2']).toBeUndefined();
  });

  it.each([
    ['processing', { 'order.status': 'processing' }, 'propose', undefined],
    ['items modified, not shipped', { 'order.status': 'pending_items_modified' }, 'propose', undefined],
    ['shipped', { 'order.status': 'shipped', 'order.shipmentCount': 1 }, 'refuse', 'order_already_shipped'],
    ['partially shipped', { 'order.status': 'partially_shipped', 'order.shipmentCount': 1 }, 'refuse', 'order_already_shipped'],
    ['processing but a shipment exists', { 'order.shipmentCount': 1 }, 'refuse', 'order_already_shipped'],
    ['cancelled', { 'order.status': 'cancelled' }, 'refuse', 'order_already_shipped'],
    ["someone else's order", { 'requester.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
  ] as const)('%s → %s', async (_n, change, kind, reason) => {
    const p = await plan(addr, { ...addressFacts, ...change });
    expect(p.kind).toBe(kind);
    if (reason) expect(p).toMatchObject({ reason });
  });

  it('asks for the order number first, then for the new address in the marked form', async () => {
    expect(await plan(addr, { ...addressFacts, 'order.id': null })).toMatchObject({ kind: 'ask', template: 'common.ask_order_number' });
    expect(await plan(addr, { ...addressFacts, 'address.new.line1': null })).toMatchObject({ kind: 'ask', missing: ['address.new.line1'], template: 'address.ask_new_address' });
  });

  it('forbids the update when the requester is not verified as the owner, whatever the mode', async () => {
    const settings = { ...DEFAULT_SETTINGS, autonomy: { address_change: { medium: 'autopilot' as const } } };
    const p = await planCase({ playbook: { ...addr, checks: [] }, policy: basePolicy, facts: facts({ ...addressFacts, 'requester.ownsOrder': false }), settings, customerTags: [], spend: { case: 0, today: 0 }, round: 1, newId: () => 'x' });
    expect(p.kind === 'propose' && p.proposals[0]!.status).toBe('forbidden');
  });
});

const wismoFacts: Record<string, FactValue> = {
  'order.id': 'ORD-1008', 'order.status': 'shipped', 'requester.ownsOrder': true, 'order.shipmentCount': 1, 'order.heldShipments': 0, 'order.exceptionShipments': 0,
  'order.unshippedItemCount': 0, 'shipment.carrier': 'FedEx', 'shipment.trackingNumber': '794611223344', 'shipment.latestEvent': 'Arrived at FedEx hub (Oakland, CA)',
  'shipment.latestEventAt': '2026-11-19T22:40:00Z', 'delivery.promisedAt': '2026-11-22T20:00:00Z',
};

describe('where is my order playbook (no actions: it informs)', () => {
  it.each([
    ['in transit', {}, 'inform', 'wismo.in_transit'],
    ['delivered', { 'delivery.deliveredAt': '2026-11-19T15:00:00Z' }, 'inform', 'wismo.delivered'],
    ['partially shipped', { 'order.unshippedItemCount': 1 }, 'inform', 'wismo.partially_shipped'],
    ['nothing shipped yet', { 'order.shipmentCount': 0, 'order.unshippedItemCount': 1 }, 'inform', 'wismo.not_shipped'],
  ] as const)('%s → %s %s', async (_n, change, kind, template) => {
    expect(await plan(wismo, { ...wismoFacts, ...change })).toEqual({ kind, template, state: 'closed' });
  });

  it.each([
    ['a shipment is held', { 'order.heldShipments': 1 }, 'shipment_held'],
    ['a carrier exception', { 'order.exceptionShipments': 1 }, 'carrier_exception'],
    ['held wins over exception (checks run in order)', { 'order.heldShipments': 1, 'order.exceptionShipments': 1 }, 'shipment_held'],
    ['cancelled order', { 'order.status': 'cancelled' }, 'order_cancelled'],
    ["someone else's order (tracking is private)", { 'requester.ownsOrder': false }, 'requester_not_order_owner'],
    ['shipment facts missing (a missing fact never passes a check)', { 'order.heldShipments': null }, 'shipment_held'],
  ] as const)('%s → escalate %s', async (_n, change, reason) => {
    expect(await plan(wismo, { ...wismoFacts, ...change })).toMatchObject({ kind: 'escalate', reason });
  });

  it('asks for the order number when there is none', async () => {
    expect(await plan(wismo, { ...wismoFacts, 'order.id': null })).toMatchObject({ kind: 'ask', template: 'common.ask_order_number' });
  });

  it('fills the reply from cited tracking facts, in the customer\'s language', () => {
    const f = facts({ ...wismoFacts, 'requester.name': 'Marcus Lee' });
    const en = renderMessage(catalog, 'en', 'wismo.in_transit', templateVars(f, [], basePolicy.values, 'en'));
    expect(en).toBe("Hi Marcus, I checked order ORD-1008: it's on its way with FedEx (tracking 794611223344). The latest update, on November 19, 2026, says: Arrived at FedEx hub (Oakland, CA). It's expected by November 22, 2026.");
    const es = renderMessage(catalog, 'es', 'wismo.in_transit', templateVars(f, [], basePolicy.values, 'es'));
    expect(es).toContain('19 de noviembre de 2026');
    expect(es).not.toMatch(/\{\w+\}/);
  });
});
