// The subscription facts builder: ownership, period, the unused-time credit as Stripe prorates it,
// the plan asked for through the policy's plan names, and citations on every fact.
import { describe, expect, it } from 'vitest';
import { planNamesIn, requestedPlan, subscriptionFacts, type SubscriptionFactsInput } from '../../../functions/src/engine/subscriptionFacts.js';
import type { Subscription } from '../../../functions/src/ports/BillingGateway.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const policy = {
  'subscription.cancelAtPeriodEnd': false,
  'subscription.cancelProrate': true,
  'plans.names.basic': 'price_basic_monthly',
  'plans.names.básico': 'price_basic_monthly',
  'plans.names.pro': 'price_pro_monthly',
};
const sub: Subscription = {
  id: 'sub_1', customerId: 'cus_1', status: 'active',
  items: [{ id: 'si_1', priceId: 'price_pro_monthly', quantity: 1, unitAmount: usd(4900) }],
  currentPeriodStart: '2026-11-10T00:00:00.000Z', currentPeriodEnd: '2026-12-10T00:00:00.000Z', cancelAtPeriodEnd: false, canceledAt: null, link: 'https://dashboard.stripe.com/test/subscriptions/sub_1',
};
const input = (over: Partial<SubscriptionFactsInput> = {}): SubscriptionFactsInput => ({
  customer: { id: 'cus_1', email: 'Priya.Patel@example.com', name: 'Priya Patel', link: 'https://dashboard.stripe.com/test/customers/cus_1' },
  subscription: sub,
  requester: { id: '9004', name: 'Priya Patel', email: 'priya.patel@example.com', organizationId: null, tags: [], locale: 'en-US', link: 'https://z/users/9004' },
  ticket: { id: '500', link: 'https://z/tickets/500', text: 'Please cancel my subscription' },
  preview: null,
  now: '2026-11-20T12:00:00.000Z',
  policy,
  ...over,
});
const at = { zendesk: '2026-11-20T12:00:00.000Z', stripe: '2026-11-20T12:00:01.000Z' };
const valueOf = (facts: ReturnType<typeof subscriptionFacts>, key: string) => facts.find((f) => f.key === key)?.value;

describe('subscriptionFacts', () => {
  it('cites every fact, and ownership cites both the help-desk user and the billing customer', () => {
    const facts = subscriptionFacts(input(), at);
    expect(facts.length).toBeGreaterThan(8);
    for (const f of facts) expect(f.citations.length).toBeGreaterThan(0);
    const owns = facts.find((f) => f.key === 'requester.ownsSubscription')!;
    expect(owns.value).toBe(true); // email compared case-insensitively
    expect(owns.citations.map((c) => `${c.system}:${c.recordType}:${c.recordId}`)).toEqual(['zendesk:user:9004', 'stripe:customer:cus_1']);
  });

  it('credits the unused time as Stripe does: round(4900 × 19.5/30) = 3185, effective now', () => {
    const facts = subscriptionFacts(input(), at);
    expect(valueOf(facts, 'subscription.unusedCredit')).toEqual(usd(3185));
    expect(valueOf(facts, 'subscription.cancelCredit')).toEqual(usd(3185));
    expect(valueOf(facts, 'subscription.cancelEffectiveAt')).toBe('2026-11-20T12:00:00.000Z');
  });

  it('under a period-end policy the cancellation credits nothing and takes effect at the period end', () => {
    const facts = subscriptionFacts(input({ policy: { ...policy, 'subscription.cancelAtPeriodEnd': true } }), at);
    expect(valueOf(facts, 'subscription.cancelCredit')).toEqual(usd(0));
    expect(valueOf(facts, 'subscription.cancelEffectiveAt')).toBe('2026-12-10T00:00:00.000Z');
  });

  it('clamps the credit outside the period', () => {
    expect(valueOf(subscriptionFacts(input({ now: '2026-12-11T00:00:00.000Z' }), at), 'subscription.unusedCredit')).toEqual(usd(0));
    expect(valueOf(subscriptionFacts(input({ now: '2026-11-01T00:00:00.000Z' }), at), 'subscription.unusedCredit')).toEqual(usd(4900));
  });

  it('someone else\'s billing customer is not owned', () => {
    const facts = subscriptionFacts(input({ requester: { ...input().requester, email: 'jane.cooper@example.com' } }), at);
    expect(valueOf(facts, 'requester.ownsSubscription')).toBe(false);
  });

  it('no customer: no facts; no subscription: only the customer facts', () => {
    expect(subscriptionFacts(input({ customer: null }), at)).toEqual([]);
    expect(subscriptionFacts(input({ subscription: null }), at).map((f) => f.key)).toEqual(['billing.customerId', 'requester.ownsSubscription']);
  });

  it('maps a plan named in the ticket to its price and takes the preview\'s credit as a positive amount', () => {
    const preview = { subscriptionId: 'sub_1', amountDue: usd(-1950), lines: [] };
    const facts = subscriptionFacts(input({ ticket: { id: '500', link: 'l', text: 'Please downgrade me from Pro to Basic' }, preview }), at);
    expect(valueOf(facts, 'plan.targetPriceId')).toBe('price_basic_monthly');
    expect(valueOf(facts, 'plan.requestedName')).toBe('basic');
    expect(valueOf(facts, 'plan.prorationAmount')).toEqual(usd(-1950));
    expect(valueOf(facts, 'plan.prorationCredit')).toEqual(usd(1950));
    expect(facts.find((f) => f.key === 'plan.targetPriceId')!.citations[0]).toMatchObject({ system: 'zendesk', recordType: 'ticket', recordId: '500' });
  });
});

describe('requestedPlan', () => {
  it.each([
    ['downgrade to basic', 'price_basic_monthly'],
    ['cambiar al plan básico', 'price_basic_monthly'],
    ['quero mudar para o plano basico', 'price_basic_monthly'],
    ['from Pro to BASIC please', 'price_basic_monthly'],
    ['switch me to pro', 'price_pro_monthly'], // the current one, so "already on it" can be said
    ['a cheaper plan please', null],
    ['a problem with my basics', null], // whole words only
  ])('%s → %s', (text, want) => {
    expect(requestedPlan(text, policy, 'price_pro_monthly')?.priceId ?? null).toBe(want);
  });

  it('asks (null) when two other plans are named', () => {
    const more = { ...policy, 'plans.names.team': 'price_team_monthly' };
    expect(requestedPlan('basic or team?', more, 'price_pro_monthly')).toBeNull();
  });

  it('ignores policy values that are not plan names', () => {
    expect(planNamesIn('cancel at period end', { 'subscription.cancelAtPeriodEnd': true, 'plans.downgradeTargets': ['price_basic_monthly'] })).toEqual([]);
  });
});
