import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import type { Policy } from '../../../functions/src/domain/policy.js';
import { combinePlans, planCase, type Plan } from '../../../functions/src/engine/plan.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { factMap } from '../../../functions/src/engine/notes.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const late = catalog.playbooks.find((p) => p.id === 'late_delivery_refund')!;
const cancel = catalog.playbooks.find((p) => p.id === 'cancel_unshipped_order')!;
const basePolicy = catalog.policies[0]!;
const cite = { system: 'oms' as const, recordType: 'order', recordId: 'ORD-1', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };
const usd = (amount: number) => ({ amount, currency: 'usd' });

function facts(values: Record<string, FactValue>) {
  return factMap(Object.entries(values).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
}
const lateFacts = {
  'order.id': 'ORD-1001', 'order.total': usd(8400), 'requester.ownsOrder': true, 'delivery.deliveredAt': '2026-11-13T15:30:00Z',
  'delivery.daysLate': 5, 'delivery.daysSinceDelivered': 7, 'payment.status': 'succeeded', 'payment.chargeId': 'ch_1', 'payment.refundable': usd(8400), 'payment.amountRefunded': usd(0),
};
let n = 0;
const plan = (playbook = late, f: Record<string, FactValue> = lateFacts, policy: Policy = basePolicy, settings = DEFAULT_SETTINGS, customerTags: string[] = []) =>
  planCase({ playbook, policy, facts: facts(f), settings, customerTags, spend: { case: 0, today: 0 }, round: 1, newId: () => `p${++n}` });

describe('late delivery playbook', () => {
  it('proposes 20% of the order as a refund, citing policy id@version', async () => {
    const p = await plan();
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals).toHaveLength(1);
    expect(p.proposals[0]).toMatchObject({ step: 'r1.refund', status: 'pending', riskTier: 'low', action: { type: 'billing.refund', amount: usd(1680), params: { chargeId: 'ch_1', orderId: 'ORD-1001' } } });
    expect(p.proposals[0]!.decision.policy).toEqual({ id: 'standard-retail', version: 1 });
    expect(p.proposals[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['on time (grace edge: 2 days late)', { 'delivery.daysLate': 2 }, 'refuse', 'delivered_within_promise'],
    ['3 days late', { 'delivery.daysLate': 3 }, 'propose', undefined],
    ['claim window edge: day 30', { 'delivery.daysSinceDelivered': 30 }, 'propose', undefined],
    ['claim window passed: day 31', { 'delivery.daysSinceDelivered': 31 }, 'refuse', 'claim_window_passed'],
    ['someone else\'s order', { 'requester.ownsOrder': false }, 'escalate', 'requester_not_order_owner'],
    ['not delivered', { 'delivery.deliveredAt': null }, 'escalate', 'order_not_delivered'],
    ['charge failed', { 'payment.status': 'failed' }, 'escalate', 'payment_not_settled'],
    ['fully refunded', { 'payment.refundable': usd(0) }, 'refuse', 'nothing_refundable'],
    ['already refunded once (a second compensation)', { 'payment.amountRefunded': usd(1680) }, 'escalate', 'prior_refund_exists'],
    ['no order number', { 'order.id': null }, 'ask', undefined],
  ] as const)('%s → %s', async (_n, change, kind, reason) => {
    const p = await plan(late, { ...lateFacts, ...change });
    expect(p.kind).toBe(kind);
    if (reason) expect(p).toMatchObject({ reason });
  });

  it('caps the refund at the policy maximum and the refundable amount', async () => {
    const big = await plan(late, { ...lateFacts, 'order.total': usd(47500), 'payment.refundable': usd(47500) });
    expect(big.kind === 'propose' && big.proposals[0]!.action.amount).toEqual(usd(5000));
    const partly = await plan(late, { ...lateFacts, 'payment.refundable': usd(900) });
    expect(partly.kind === 'propose' && partly.proposals[0]!.action.amount).toEqual(usd(900));
  });

  it('a policy-only change flips the decision (grace 2 → 7 days)', async () => {
    const stricter: Policy = { ...basePolicy, version: 2, values: { ...basePolicy.values, 'lateDelivery.graceDays': 7 } };
    expect((await plan()).kind).toBe('propose');
    const p = await plan(late, lateFacts, stricter);
    expect(p).toMatchObject({ kind: 'refuse', reason: 'delivered_within_promise' });
  });

  it('runs on autopilot when the team lead allows it, but never for a VIP', async () => {
    const settings = { ...DEFAULT_SETTINGS, autonomy: { late_delivery_refund: { low: 'autopilot' as const } } };
    const auto = await plan(late, lateFacts, basePolicy, settings);
    expect(auto.kind === 'propose' && auto.proposals[0]!.status).toBe('approved');
    const vip = await plan(late, lateFacts, basePolicy, settings, ['vip']);
    expect(vip.kind === 'propose' && vip.proposals[0]!.status).toBe('pending');
  });
});

describe('cancel playbook', () => {
  const cancelFacts = {
    'order.id': 'ORD-1002', 'order.status': 'processing', 'order.hoursSincePlaced': 3, 'requester.ownsOrder': true,
    'payment.status': 'succeeded', 'payment.chargeId': 'ch_2', 'payment.refundable': usd(12900),
  };
  it('proposes cancel, then a full refund after it', async () => {
    const p = await plan(cancel, cancelFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals.map((x) => [x.step, x.action.type, x.riskTier, x.after])).toEqual([
      ['r1.cancel', 'orders.cancel', 'medium', []],
      ['r1.refund', 'billing.refund', 'high', ['r1.cancel']],
    ]);
    expect(p.proposals[1]!.action.amount).toEqual(usd(12900));
  });
  it.each([
    ['shipped', { 'order.status': 'shipped' }, 'order_already_shipped'],
    ['window edge 48h ok', { 'order.hoursSincePlaced': 48 }, null],
    ['window passed 49h', { 'order.hoursSincePlaced': 49 }, 'outside_cancellation_window'],
  ] as const)('%s', async (_n, change, reason) => {
    const p = await plan(cancel, { ...cancelFacts, ...change });
    if (reason) expect(p).toMatchObject({ kind: 'refuse', reason });
    else expect(p.kind).toBe('propose');
  });
  it('forbids a refund over the per-case limit while the cancel still waits for approval', async () => {
    const p = await plan(cancel, { ...cancelFacts, 'requester.ownsOrder': true }, basePolicy, { ...DEFAULT_SETTINGS, limits: { ...DEFAULT_SETTINGS.limits, perCaseSpendLimit: 100 } });
    expect(p.kind === 'propose' && p.proposals.map((x) => x.status)).toEqual(['pending', 'forbidden']);
  });
});

describe('combinePlans: one outcome for all the requests of a ticket', () => {
  const proposal = (status: Proposal['status']) => ({ id: `p_${status}`, status }) as Proposal;
  const propose = (...statuses: Proposal['status'][]): Plan => ({ kind: 'propose', proposals: statuses.map(proposal) });
  const refuse: Plan = { kind: 'refuse', checkId: 'c', reason: 'return_window_passed', template: 't.refused' };
  const inform = (state: 'closed' | 'waiting_on_customer'): Plan => ({ kind: 'inform', template: `t.${state}`, state });
  const ask = (fact: string): Plan => ({ kind: 'ask', missing: [fact], template: `t.ask.${fact}` });
  const escalate = (reason: string): Plan => ({ kind: 'escalate', reason, detail: `${reason} detail` });
  const parts = (...plans: Plan[]) => plans.map((plan, index) => ({ index, plan }));

  it.each([
    ['one escalation escalates, with every detail', parts(propose('pending'), escalate('shipment_held'), escalate('carrier_exception')), { kind: 'escalate', reason: 'shipment_held', detail: 'shipment_held detail; carrier_exception detail' }],
    ['escalation wins over a question', parts(ask('order.id'), escalate('held')), { kind: 'escalate', reason: 'held', detail: 'held detail' }],
    ['the first missing fact is asked, once', parts(propose('pending'), ask('order.id'), ask('address')), { kind: 'ask', index: 1, missing: ['order.id'], template: 't.ask.order.id' }],
    ['an answer sets its state', parts(inform('closed')), { kind: 'answer', state: 'closed' }],
    ['a question to the customer wins among answers', parts(inform('closed'), inform('waiting_on_customer')), { kind: 'answer', state: 'waiting_on_customer' }],
    ['a refusal with an answer: done', parts(refuse, inform('closed')), { kind: 'answer', state: 'closed' }],
    ['a refusal alone: done', parts(refuse), { kind: 'answer', state: 'closed' }],
  ] as const)('%s', (_name, input, expected) => expect(combinePlans(input)).toEqual(expected));

  it.each([
    ['an approved action runs', ['approved', 'pending'], 'execution', false],
    ['pending actions wait for a person', ['pending', 'forbidden'], 'awaiting_approval', false],
    ['drafts only (assist mode) stay proposed', ['drafted'], 'proposal', false],
    ['nothing may run: forbidden', ['forbidden', 'forbidden'], 'proposal', true],
  ] as const)('%s', (_name, statuses, next, forbidden) => {
    const outcome = combinePlans(parts(propose(...statuses), refuse));
    expect(outcome).toMatchObject({ kind: 'propose', next, forbidden });
    expect(outcome.kind === 'propose' && outcome.proposals.map((p) => p.status)).toEqual([...statuses]);
  });
});
