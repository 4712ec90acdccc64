// Subscription cancellation and plan downgrade playbooks over facts: every check, the policy's
// cancellation timing, the money the guardrails see, and identity.
import { describe, expect, it } from 'vitest';
import type { Fact, FactValue } from '../../../functions/src/domain/evidence.js';
import type { Policy } from '../../../functions/src/domain/policy.js';
import { DEFAULT_SETTINGS } from '../../../functions/src/domain/settings.js';
import { factMap } from '../../../functions/src/engine/notes.js';
import { planCase } from '../../../functions/src/engine/plan.js';
import { loadCatalog } from '../../../functions/src/playbooks/catalog.js';

const catalog = loadCatalog();
const cancel = catalog.playbooks.find((p) => p.id === 'subscription_cancellation')!;
const downgrade = catalog.playbooks.find((p) => p.id === 'plan_downgrade')!;
const basePolicy = catalog.policies.find((p) => p.id === 'standard-retail')!;
const cite = { system: 'stripe' as const, recordType: 'subscription', recordId: 'sub_1', fields: [], fetchedAt: '2026-11-20T12:00:00Z' };
const usd = (amount: number) => ({ amount, currency: 'usd' });

const facts = (values: Record<string, FactValue>) => factMap(Object.entries(values).map(([key, value]): Fact => ({ key, value, citations: [cite] })));
let n = 0;
const plan = (playbook: typeof cancel, f: Record<string, FactValue>, policy: Policy = basePolicy, settings = DEFAULT_SETTINGS, customerTags: string[] = []) =>
  planCase({ playbook, policy, facts: facts(f), settings, customerTags, spend: { case: 0, today: 0 }, round: 1, newId: () => `p${++n}` });

const subFacts = {
  'billing.customerId': 'cus_1', 'requester.ownsSubscription': true, 'subscription.id': 'sub_1', 'subscription.status': 'active',
  'subscription.priceId': 'price_pro_monthly', 'subscription.cancelAtPeriodEnd': false, 'subscription.cancelCredit': usd(3185),
};
const downFacts = { ...subFacts, 'plan.targetPriceId': 'price_basic_monthly', 'plan.requestedName': 'basic', 'plan.prorationAmount': usd(-1950), 'plan.prorationCredit': usd(1950) };

describe('subscription cancellation playbook', () => {
  it('proposes cancelling now with proration, the credit as the amount, identity verified', async () => {
    const p = await plan(cancel, subFacts);
    expect(p.kind).toBe('propose');
    if (p.kind !== 'propose') return;
    expect(p.proposals).toHaveLength(1);
    expect(p.proposals[0]).toMatchObject({
      step: 'r1.cancel', status: 'pending', riskTier: 'medium',
      action: { type: 'billing.cancel_subscription', amount: usd(3185), params: { subscriptionId: 'sub_1', prorate: true, atPeriodEnd: false } },
    });
  });

  it.each([
    ['someone else\'s subscription', { 'requester.ownsSubscription': false }, 'escalate', 'requester_not_subscription_owner'],
    ['already canceled', { 'subscription.status': 'canceled' }, 'refuse', 'subscription_not_active'],
    ['incomplete', { 'subscription.status': 'incomplete' }, 'refuse', 'subscription_not_active'],
    ['past due still cancellable', { 'subscription.status': 'past_due' }, 'propose', undefined],
    ['already ending at period end', { 'subscription.cancelAtPeriodEnd': true }, 'refuse', 'subscription_already_ending'],
    ['credit at the cap', { 'subscription.cancelCredit': usd(5000) }, 'propose', undefined],
    ['credit over the cap', { 'subscription.cancelCredit': usd(5001) }, 'escalate', 'proration_credit_over_cap'],
    ['no subscription found', { 'subscription.id': null }, 'ask', undefined],
  ] as const)('%s → %s', async (_n, change, kind, reason) => {
    const p = await plan(cancel, { ...subFacts, ...change });
    expect(p.kind).toBe(kind);
    if (reason) expect(p).toMatchObject({ reason });
  });

  it('asks for the billing email when no subscription is found', async () => {
    expect(await plan(cancel, { ...subFacts, 'subscription.id': null })).toMatchObject({ kind: 'ask', template: 'subscription.ask_billing_email' });
  });

  it('a period-end policy cancels at period end and moves no money', async () => {
    const periodEnd: Policy = { ...basePolicy, version: 2, values: { ...basePolicy.values, 'subscription.cancelAtPeriodEnd': true } };
    const p = await plan(cancel, { ...subFacts, 'subscription.cancelCredit': usd(0) }, periodEnd);
    expect(p.kind === 'propose' && p.proposals[0]).toMatchObject({ status: 'pending', riskTier: 'low', action: { amount: null, params: { atPeriodEnd: true } } });
  });

  it('forbids the step when identity is not verified, even if the check were passed', async () => {
    const noCheck = { ...cancel, checks: cancel.checks.filter((c) => c.id !== 'requester_owns_subscription') };
    const p = await plan(noCheck, { ...subFacts, 'requester.ownsSubscription': false });
    expect(p.kind === 'propose' && p.proposals[0]!.status).toBe('forbidden');
  });

  it('the credit counts against the per-case limit like any money', async () => {
    const settings = { ...DEFAULT_SETTINGS, limits: { ...DEFAULT_SETTINGS.limits, perCaseSpendLimit: 3000 } };
    const p = await plan(cancel, subFacts, basePolicy, settings);
    expect(p.kind === 'propose' && p.proposals[0]!.decision.reasons.map((r) => r.code)).toContain('per_case_limit');
  });

  it('never runs on its own for a VIP', async () => {
    const settings = { ...DEFAULT_SETTINGS, autonomy: { subscription_cancellation: { low: 'autopilot' as const } } };
    const small = { ...subFacts, 'subscription.cancelCredit': usd(1000) };
    const auto = await plan(cancel, small, basePolicy, settings);
    expect(auto.kind === 'propose' && auto.proposals[0]!.status).toBe('approved');
    const vip = await plan(cancel, small, basePolicy, settings, ['vip']);
    expect(vip.kind === 'propose' && vip.proposals[0]!.status).toBe('pending');
  });
});

describe('plan downgrade playbook', () => {
  it('proposes the price change with the prorated credit as the amount', async () => {
    const p = await plan(downgrade, downFacts);
    expect(p.kind === 'propose' && p.proposals[0]).toMatchObject({
      step: 'r1.change_plan', status: 'pending', riskTier: 'low',
      action: { type: 'billing.change_plan', amount: usd(1950), params: { subscriptionId: 'sub_1', newPriceId: 'price_basic_monthly' } },
    });
  });

  it.each([
    ['someone else\'s subscription', { 'requester.ownsSubscription': false }, 'escalate', 'requester_not_subscription_owner'],
    ['canceled subscription', { 'subscription.status': 'canceled' }, 'refuse', 'subscription_not_active'],
    ['ending at period end', { 'subscription.cancelAtPeriodEnd': true }, 'refuse', 'subscription_already_ending'],
    ['already on that plan', { 'plan.targetPriceId': 'price_pro_monthly' }, 'refuse', 'already_on_plan'],
    ['a plan the policy does not offer', { 'plan.targetPriceId': 'price_enterprise' }, 'refuse', 'plan_not_a_downgrade_target'],
    ['no preview from billing', { 'plan.prorationAmount': null }, 'escalate', 'proration_preview_unavailable'],
    ['the change would charge (an upgrade)', { 'plan.prorationAmount': usd(500), 'plan.prorationCredit': usd(0) }, 'refuse', 'not_a_downgrade'],
    ['credit over the cap', { 'plan.prorationAmount': usd(-6000), 'plan.prorationCredit': usd(6000) }, 'escalate', 'proration_credit_over_cap'],
    ['no plan named', { 'plan.targetPriceId': null }, 'ask', undefined],
    ['no subscription found', { 'subscription.id': null }, 'ask', undefined],
  ] as const)('%s → %s', async (_n, change, kind, reason) => {
    const p = await plan(downgrade, { ...downFacts, ...change });
    expect(p.kind).toBe(kind);
    if (reason) expect(p).toMatchObject({ reason });
  });

  it('asks which plan when none is named', async () => {
    expect(await plan(downgrade, { ...downFacts, 'plan.targetPriceId': null })).toMatchObject({ kind: 'ask', template: 'plan.ask_target' });
  });

  it('a zero proration (the change at the very end of the period) moves no money', async () => {
    const p = await plan(downgrade, { ...downFacts, 'plan.prorationAmount': usd(0), 'plan.prorationCredit': usd(0) });
    expect(p.kind === 'propose' && p.proposals[0]).toMatchObject({ status: 'pending', action: { amount: null } });
  });

  it('a policy that stops offering Basic refuses the downgrade', async () => {
    const none: Policy = { ...basePolicy, version: 2, values: { ...basePolicy.values, 'plans.downgradeTargets': [] } };
    expect(await plan(downgrade, downFacts, none)).toMatchObject({ kind: 'refuse', reason: 'plan_not_a_downgrade_target' });
  });
});
