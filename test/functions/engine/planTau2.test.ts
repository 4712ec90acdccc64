import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import { planCase } from '../../../functions/src/engine/plan.js';
import { factMap } from '../../../functions/src/engine/notes.js';
import { choosePlaybook } from '../../../functions/src/engine/runInvestigation.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const cancel = catalog.playbooks.find((p) => p.id === 'tau2_cancel_pending_order')!;
const ret = catalog.playbooks.find((p) => p.id === 'tau2_return_delivered_items')!;
const policy = catalog.policies.find((p) => p.id === 'tau2-retail')!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: '#W1', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };
const facts = (values: Record<string, FactValue>) => factMap(Object.entries(values).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
let n = 0;
const plan = (playbook: typeof cancel, f: Record<string, FactValue>) =>
  planCase({ playbook, policy, facts: facts(f), settings: DEFAULT_SETTINGS, customerTags: [], spend: { case: 0, today: 0 }, round: 1, newId: () => `p${++n}` });

const who = { 'customer.id': 'yara_muller_8652', 'customer.verifiedBy': 'email', 'customer.ownsOrder': true, 'order.id': '#W5056519' };
const cancelFacts = { ...who, 'order.status': 'pending', 'cancel.reason': 'ordered by mistake' };
const returnFacts = { ...who, 'order.status': 'delivered', 'return.lineItemIds': ['LI-W5056519-1'], 'return.refundMethodId': 'credit_card_3095586' };

describe('τ² playbooks are chosen only under the τ² policy', () => {
  it.each([
    ['cancel_order', 'tau2-retail', 'tau2_cancel_pending_order'],
    ['cancel_order', 'standard-retail', 'cancel_unshipped_order'],
    ['return_order', 'tau2-retail', 'tau2_return_delivered_items'],
    ['return_order', 'standard-retail', 'return_delivered_order'],
    ['late_delivery_refund', 'tau2-retail', 'late_delivery_refund'],
  ])('%s under %s → %s', (intent, policyId, id) => {
    expect(choosePlaybook(catalog.playbooks, intent, policyId)?.id).toBe(id);
  });
});

describe('τ² cancel pending order', () => {
  it('proposes the cancellation with the customer\'s reason, needing approval and the verified owner', async () => {
    const p = await plan(cancel, cancelFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals).toHaveLength(1);
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.cancel', params: { orderId: '#W5056519', reason: 'ordered by mistake' }, amount: null } });
    expect(p.proposals[0]!.decision.policy).toEqual({ id: 'tau2-retail', version: 1 });
  });
  it.each([
    ['not authenticated', { 'customer.id': null, 'customer.verifiedBy': null }, 'ask', 'tau2.ask_identity'],
    ['no order', { 'order.id': null }, 'ask', 'common.ask_order_number'],
    ['no reason', { 'cancel.reason': null }, 'ask', 'tau2.ask_cancel_reason'],
    ['another customer\'s order', { 'customer.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['delivered', { 'order.status': 'delivered' }, 'refuse', 'order_not_pending'],
    ['shipped (τ² "processed")', { 'order.status': 'shipped' }, 'refuse', 'order_not_pending'],
    ['items already modified', { 'order.status': 'pending_items_modified' }, 'refuse', 'order_not_pending'],
    ['a reason τ² does not accept', { 'cancel.reason': 'too expensive' }, 'escalate', 'cancel_reason_not_allowed'],
    ['no longer needed', { 'cancel.reason': 'no longer needed' }, 'propose', undefined],
  ] as const)('%s → %s', async (_n, change, kind, detail) => {
    const p = await plan(cancel, { ...cancelFacts, ...change });
    expect(p.kind).toBe(kind);
    if (kind === 'ask') expect(p).toMatchObject({ template: detail });
    if (kind === 'refuse' || kind === 'escalate') expect(p).toMatchObject({ reason: detail });
  });
});

describe('τ² return delivered items', () => {
  it('proposes the return of the matched items to the resolved refund method', async () => {
    const p = await plan(ret, returnFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals[0]).toMatchObject({ status: 'pending', action: { type: 'orders.return_items', params: { orderId: '#W5056519', lineItemIds: ['LI-W5056519-1'], refundPaymentMethodId: 'credit_card_3095586' } } });
  });
  it.each([
    ['not authenticated', { 'customer.id': null }, 'ask', 'tau2.ask_identity'],
    ['items unclear', { 'return.lineItemIds': null }, 'ask', 'tau2.ask_return_details'],
    ['refund method not allowed or unclear', { 'return.refundMethodId': null }, 'ask', 'tau2.ask_return_details'],
    ['another customer\'s order', { 'customer.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['pending', { 'order.status': 'pending' }, 'refuse', 'order_not_delivered'],
    ['return already requested', { 'order.status': 'return_requested' }, 'refuse', 'order_not_delivered'],
    ['exchange already requested', { 'order.status': 'exchange_requested' }, 'refuse', 'order_not_delivered'],
  ] as const)('%s → %s', async (_n, change, kind, detail) => {
    const p = await plan(ret, { ...returnFacts, ...change });
    expect(p.kind).toBe(kind);
    if (kind === 'ask') expect(p).toMatchObject({ template: detail });
    else expect(p).toMatchObject({ reason: detail });
  });
});
