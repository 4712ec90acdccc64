import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EntitlementsWorldSchema } from '../../../sandbox/entitlements/EntitlementsWorld.js';
import { demoEntitlementsWorld } from './demoEntitlementsWorld.js';

interface StripeDemo {
  now: string;
  customers: { id: string; email: string }[];
  prices: { id: string }[];
  subscriptions: { id: string; customer: string; status: string; items: { price: string }[]; latest_invoice?: string }[];
  invoices: { id: string; subscription: string | null; status: string }[];
}
const demo = <T>(system: string) => JSON.parse(readFileSync(new URL(`../../../sandbox/worlds/demo/${system}.json`, import.meta.url), 'utf8')) as T;

describe('demo entitlements world', () => {
  const world = EntitlementsWorldSchema.parse(demoEntitlementsWorld());
  const stripe = demo<StripeDemo>('stripe');
  const zendesk = demo<{ now: string; users: { email: string | null }[] }>('zendesk');
  const account = (id: string) => world.accounts.find((a) => a.id === id)!;

  it('shares the demo "now" with the other sandboxes', () => {
    expect([world.now, stripe.now, zendesk.now]).toEqual(['2026-11-20T12:00:00Z', '2026-11-20T12:00:00Z', '2026-11-20T12:00:00Z']);
  });

  it('prices every paid plan with a Stripe price of the demo world', () => {
    const stripePrices = stripe.prices.map((p) => p.id);
    expect(world.plans.map((p) => [p.id, p.stripe_price_id])).toEqual([
      ['free', null],
      ['basic', 'price_basic_monthly'],
      ['pro', 'price_pro_monthly'],
    ]);
    for (const p of world.plans) if (p.stripe_price_id) expect(stripePrices).toContain(p.stripe_price_id);
  });

  it.each(world.accounts.filter((a) => a.billing.stripe_customer_id).map((a) => [a.id, a] as const))(
    '%s points at a Stripe customer and subscription that exist and belong together',
    (_id, a) => {
      const customer = stripe.customers.find((c) => c.id === a.billing.stripe_customer_id);
      expect(customer?.email).toBe(a.owner_email);
      const sub = stripe.subscriptions.find((s) => s.id === a.billing.stripe_subscription_id);
      expect(sub?.customer).toBe(customer!.id);
    },
  );

  it('has an owner for every account among the Zendesk users', () => {
    const emails = zendesk.users.map((u) => u.email);
    for (const a of world.accounts) expect(emails).toContain(a.owner_email);
  });

  it('has ACC-7001 paid for on Pro in Stripe, yet locked for a failed payment (the paid-but-locked case)', () => {
    const a = account('ACC-7001');
    expect(a).toMatchObject({ name: 'Acme Corp', owner_email: 'ana.souza@acme.example', plan_id: 'pro', status: 'locked', lock_reason: 'payment_failed' });
    const sub = stripe.subscriptions.find((s) => s.id === a.billing.stripe_subscription_id)!;
    expect([sub.status, sub.items.map((i) => i.price)]).toEqual(['active', ['price_pro_monthly']]);
    expect(world.plans.find((p) => p.id === a.plan_id)!.stripe_price_id).toBe('price_pro_monthly');
    const invoice = stripe.invoices.find((i) => i.id === sub.latest_invoice)!;
    expect([invoice.id, invoice.status]).toEqual(['in_demo_ana_nov', 'paid']);
    // The lock cites the very invoice that is now paid: it is stale, not a current dunning lock.
    expect(a.audit.at(-1)).toMatchObject({ action: 'account.locked', evidence_ref: `stripe:${invoice.id}` });
  });

  it('has ACC-9001 consistent: Jane, active on free, no billing references', () => {
    expect(account('ACC-9001')).toMatchObject({
      owner_email: 'jane.cooper@example.com',
      plan_id: 'free',
      status: 'active',
      lock_reason: null,
      billing: { stripe_customer_id: null, stripe_subscription_id: null },
    });
  });

  it.each([
    ['an account on a plan that does not exist', (w: any) => (w.accounts[1].plan_id = 'gold'), 'no plan gold'],
    ['a locked account without a lock reason', (w: any) => (w.accounts[0].lock_reason = null), 'lock_reason is set exactly'],
    ['an active account with a lock reason', (w: any) => (w.accounts[1].lock_reason = 'manual'), 'lock_reason is set exactly'],
    ['two accounts with one id', (w: any) => (w.accounts[1].id = 'ACC-7001'), 'duplicate account id'],
  ])('refuses a world with %s', (_n, spoil, message) => {
    const w = demoEntitlementsWorld();
    spoil(w);
    const parsed = EntitlementsWorldSchema.safeParse(w);
    expect(parsed.success ? 'parsed' : parsed.error.issues.map((i) => i.message).join('; ')).toContain(message);
  });
});
