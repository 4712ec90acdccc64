// The τ² modification, exchange and default-address playbooks applied to facts: what they ask,
// refuse, escalate and propose, under the newest tau2-retail policy.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import type { Playbook } from '../../../functions/src/domain/playbook.js';
import { planCase } from '../../../functions/src/engine/plan.js';
import { factMap } from '../../../functions/src/engine/notes.js';
import { choosePlaybook } from '../../../functions/src/engine/runInvestigation.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const pb = (id: string) => catalog.playbooks.find((p) => p.id === id)!;
const policy = catalog.policies.filter((p) => p.id === 'tau2-retail').sort((a, b) => b.version - a.version)[0]!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: '#W1', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };
const facts = (values: Record<string, FactValue>) => factMap(Object.entries(values).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
let n = 0;
const plan = (playbook: Playbook, f: Record<string, FactValue>) =>
  planCase({ playbook, policy, facts: facts(f), settings: DEFAULT_SETTINGS, customerTags: [], spend: { case: 0, today: 0 }, round: 1, newId: () => `p${++n}` });
const usd = (amount: number) => ({ amount, currency: 'usd' });

const who = { 'customer.id': 'c1', 'customer.verifiedBy': 'email', 'customer.ownsOrder': true, 'order.id': '#W1', 'order.total': usd(5343) };
const address = { 'address.new.line1': '224 Elm Street', 'address.new.line2': 'Suite 491', 'address.new.city': 'New York', 'address.new.state': 'NY', 'address.new.postalCode': '10108', 'address.new.country': 'US' };
const addressFacts = { ...who, 'order.status': 'pending', ...address };
const paymentFacts = { ...who, 'order.status': 'pending', 'payment.currentMethodId': 'credit_card_1', 'payment.newMethodId': 'gift_card_9', 'payment.newMethodType': 'gift_card', 'payment.newMethodBalance': usd(9100) };
const itemFacts = {
  ...who, 'order.status': 'pending', 'items.lineItemIds': ['LI-1'], 'items.newSkus': ['sku-2'], 'items.allAvailable': true, 'items.priceDifference': usd(500), 'items.refundDue': usd(0),
  'items.paymentMethodId': 'gift_card_9', 'items.paymentMethodType': 'gift_card', 'items.paymentMethodBalance': usd(9100),
};
const defaultFacts = { 'customer.id': 'c1', 'customer.verifiedBy': 'name_zip', 'customer.verified': true, ...address };

type Case = readonly [string, Record<string, FactValue | undefined>, 'ask' | 'refuse' | 'escalate' | 'propose', string | undefined];
async function expectPlan(playbook: Playbook, base: Record<string, FactValue>, [, change, kind, detail]: Case): Promise<void> {
  const f = Object.fromEntries(Object.entries({ ...base, ...change }).filter(([, v]) => v !== undefined)) as Record<string, FactValue>;
  const p = await plan(playbook, f);
  expect(p.kind).toBe(kind);
  if (kind === 'ask') expect(p).toMatchObject({ template: detail });
  if (kind === 'refuse' || kind === 'escalate') expect(p).toMatchObject({ reason: detail });
}

describe('the τ² change playbooks are chosen only under the τ² policy', () => {
  it.each([
    ['change_address', 'tau2-retail', 'tau2_modify_pending_address'],
    ['change_address', 'standard-retail', 'address_change_before_shipment'],
    ['change_payment_method', 'tau2-retail', 'tau2_modify_pending_payment'],
    ['change_payment_method', 'standard-retail', undefined],
    ['modify_order_items', 'tau2-retail', 'tau2_modify_pending_items'],
    ['exchange_order', 'tau2-retail', 'tau2_exchange_delivered_items'],
    ['change_default_address', 'tau2-retail', 'tau2_modify_default_address'],
    ['change_default_address', 'standard-retail', undefined],
  ])('%s under %s → %s', (intent, policyId, id) => expect(choosePlaybook(catalog.playbooks, intent, policyId)?.id).toBe(id));
});

describe('policy tau2-retail@2', () => {
  it('keeps every version-1 value and adds the modification and exchange statuses', () => {
    const v1 = catalog.policies.find((p) => p.id === 'tau2-retail' && p.version === 1)!;
    expect(policy.version).toBe(2);
    expect(policy.values).toMatchObject(v1.values);
    expect(policy.values).toMatchObject({ 'tau2.modify.statuses': ['pending', 'pending_items_modified'], 'tau2.modifyItems.statuses': ['pending'], 'tau2.exchange.statuses': ['delivered'] });
  });
});

describe('τ² modify pending address', () => {
  const playbook = pb('tau2_modify_pending_address');
  it('proposes the address change for the verified owner, needing approval', async () => {
    const p = await plan(playbook, addressFacts);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.update_address', params: { orderId: '#W1', line1: '224 Elm Street', line2: 'Suite 491', city: 'New York', state: 'NY', postalCode: '10108', country: 'US' } } });
    expect(p.proposals[0]!.decision.policy).toEqual({ id: 'tau2-retail', version: 2 });
  });
  it.each([
    ['not authenticated', { 'customer.id': null }, 'ask', 'tau2.ask_identity'],
    ['no address', { 'address.new.line1': undefined }, 'ask', 'tau2.ask_new_address'],
    ['another customer\'s order', { 'customer.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['items already modified: still pending', { 'order.status': 'pending_items_modified' }, 'propose', undefined],
    ['shipped', { 'order.status': 'shipped' }, 'refuse', 'order_not_pending'],
    ['delivered', { 'order.status': 'delivered' }, 'refuse', 'order_not_pending'],
  ] as const)('%s → %s', (...c) => expectPlan(playbook, addressFacts, c));
});

describe('τ² modify pending payment', () => {
  const playbook = pb('tau2_modify_pending_payment');
  it('proposes the move to the new method', async () => {
    const p = await plan(playbook, paymentFacts);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.modify_payment', params: { orderId: '#W1', paymentMethodId: 'gift_card_9' } } });
  });
  it.each([
    ['method unclear', { 'payment.newMethodId': null }, 'ask', 'tau2.ask_payment_method'],
    ['not the owner', { 'customer.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['not pending', { 'order.status': 'delivered' }, 'refuse', 'order_not_pending'],
    ['same method', { 'payment.newMethodId': 'credit_card_1', 'payment.newMethodType': 'credit_card', 'payment.newMethodBalance': undefined }, 'refuse', 'same_payment_method'],
    ['gift card too small', { 'payment.newMethodBalance': usd(5342) }, 'refuse', 'insufficient_gift_card_balance'],
    ['gift card exactly the total', { 'payment.newMethodBalance': usd(5343) }, 'propose', undefined],
    ['PayPal has no balance to check', { 'payment.newMethodId': 'paypal_5', 'payment.newMethodType': 'paypal', 'payment.newMethodBalance': undefined }, 'propose', undefined],
  ] as const)('%s → %s', (...c) => expectPlan(playbook, paymentFacts, c));
});

describe('τ² modify pending items', () => {
  const playbook = pb('tau2_modify_pending_items');
  it('proposes the item change with the method settling the difference', async () => {
    const p = await plan(playbook, itemFacts);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.modify_items', params: { orderId: '#W1', lineItemIds: ['LI-1'], newSkus: ['sku-2'], paymentMethodId: 'gift_card_9' }, amount: null } });
  });
  it('counts money paid back for cheaper items toward the limits', async () => {
    const back = { ...itemFacts, 'items.priceDifference': usd(-674), 'items.refundDue': usd(674) };
    const p = await plan(playbook, back);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]!.action.amount).toEqual(usd(674));
    // The same change when the case has already moved nearly its limit: forbidden by the guardrail.
    const capped = await planCase({ playbook, policy, facts: facts(back), settings: DEFAULT_SETTINGS, customerTags: [], spend: { case: DEFAULT_SETTINGS.limits.perCaseSpendLimit - 500, today: 0 }, round: 1, newId: () => `p${++n}` });
    expect(capped.kind === 'propose' && capped.proposals[0]!.decision).toMatchObject({ kind: 'forbidden', reasons: [expect.objectContaining({ code: 'per_case_limit' })] });
  });
  it.each([
    ['items unclear', { 'items.newSkus': null }, 'ask', 'tau2.ask_item_changes'],
    ['method unclear', { 'items.paymentMethodId': null }, 'ask', 'tau2.ask_difference_method'],
    ['not the owner', { 'customer.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['items already modified once', { 'order.status': 'pending_items_modified' }, 'refuse', 'items_already_modified'],
    ['delivered', { 'order.status': 'delivered' }, 'refuse', 'order_not_pending'],
    ['variant unavailable', { 'items.allAvailable': false }, 'refuse', 'variant_unavailable'],
    ['gift card smaller than the difference', { 'items.paymentMethodBalance': usd(499) }, 'refuse', 'insufficient_gift_card_balance'],
    ['money back onto an empty gift card', { 'items.priceDifference': usd(-500), 'items.paymentMethodBalance': usd(0) }, 'propose', undefined],
    ['PayPal pays the difference', { 'items.paymentMethodType': 'paypal', 'items.paymentMethodBalance': undefined }, 'propose', undefined],
  ] as const)('%s → %s', (...c) => expectPlan(playbook, itemFacts, c));
});

describe('τ² exchange delivered items', () => {
  const playbook = pb('tau2_exchange_delivered_items');
  const exchangeFacts = { ...itemFacts, 'order.status': 'delivered' };
  it('proposes the exchange', async () => {
    const p = await plan(playbook, exchangeFacts);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.exchange_items', params: { orderId: '#W1', lineItemIds: ['LI-1'], newSkus: ['sku-2'], paymentMethodId: 'gift_card_9' }, amount: null } });
    const back = await plan(playbook, { ...exchangeFacts, 'items.priceDifference': usd(-1200), 'items.refundDue': usd(1200) });
    expect(back.kind === 'propose' && back.proposals[0]!.action.amount).toEqual(usd(1200));
  });
  it.each([
    ['items unclear', { 'items.newSkus': null }, 'ask', 'tau2.ask_exchange_details'],
    ['pending', { 'order.status': 'pending' }, 'refuse', 'order_not_delivered'],
    ['exchange already requested', { 'order.status': 'exchange_requested' }, 'refuse', 'order_not_delivered'],
    ['return already requested', { 'order.status': 'return_requested' }, 'refuse', 'order_not_delivered'],
    ['variant unavailable', { 'items.allAvailable': false }, 'refuse', 'variant_unavailable'],
    ['gift card smaller than the difference', { 'items.paymentMethodBalance': usd(100) }, 'refuse', 'insufficient_gift_card_balance'],
  ] as const)('%s → %s', (...c) => expectPlan(playbook, exchangeFacts, c));
});

describe('τ² modify default address', () => {
  const playbook = pb('tau2_modify_default_address');
  it('proposes the change for the verified customer', async () => {
    const p = await plan(playbook, defaultFacts);
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'customers.update_default_address', params: { customerId: 'c1', line1: '224 Elm Street', city: 'New York', postalCode: '10108', country: 'US' } } });
  });
  it('a write for an unverified customer is forbidden by the guardrail', async () => {
    const p = await plan(playbook, { ...defaultFacts, 'customer.verified': false });
    if (p.kind !== 'propose') throw new Error(p.kind);
    expect(p.proposals[0]!.status).toBe('forbidden');
  });
  it.each([
    ['not authenticated', { 'customer.id': null }, 'ask', 'tau2.ask_identity'],
    ['no address', { 'address.new.line1': undefined }, 'ask', 'tau2.ask_default_address'],
    ['verified by nothing', { 'customer.verifiedBy': null }, 'escalate', 'identity_not_verified'],
  ] as const)('%s → %s', (...c) => expectPlan(playbook, defaultFacts, c));
});
