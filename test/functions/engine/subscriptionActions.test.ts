// billing.cancel_subscription and billing.change_plan against the Stripe sandbox through the real
// adapter: execute under the key, a repeat does not act twice, verify re-reads the subscription.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StripeBillingGateway } from '../../../functions/src/adapters/stripe/StripeBillingGateway.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { cancelSubscription, changePlan } from '../../../functions/src/engine/actions/billingActions.js';
import type { Connectors } from '../../../functions/src/engine/EngineDeps.js';
import { ToolTrace } from '../../../functions/src/engine/traced.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import type { StripeWorldData } from '../../../sandbox/stripe/StripeWorld.js';
import { TEST_KEY, stripeTestWorld } from '../../sandbox/stripe/stripeTestWorld.js';

const proposal = (type: string, params: Record<string, unknown>): Proposal =>
  ({ id: 'p1', step: 'r1.x', playbookId: 'pb', title: 't', action: { type, params, amount: null }, status: 'approved', after: [] }) as unknown as Proposal;

describe('subscription actions', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const world = () => def.dumpWorld() as StripeWorldData;
  const sub = (id: string) => world().subscriptions.find((s) => s.id === id)!;
  let c: Connectors;
  const trace = () => new ToolTrace({ now: () => new Date('2026-11-20T12:00:00Z') } as never);

  beforeAll(async () => {
    sb = await startSandbox(def);
    c = { billing: new StripeBillingGateway({ apiKey: TEST_KEY, apiBase: sb.url, timeoutMs: 5_000, maxNetworkRetries: 0 }) } as unknown as Connectors;
  });
  beforeEach(() => def.resetWorld());
  afterAll(() => sb.close());

  it('cancels now with a prorated credit; a repeat is a no-op; verify confirms', async () => {
    const p = proposal('billing.cancel_subscription', { subscriptionId: 'sub_demo_priya', prorate: true, atPeriodEnd: false });
    const first = await cancelSubscription.execute(c, p, 'cc:case_1:r1.cancel', trace());
    expect(first).toMatchObject({ ok: true, value: { externalId: 'sub_demo_priya', output: { status: 'canceled' } } });
    const again = await cancelSubscription.execute(c, p, 'cc:case_1:r1.cancel', trace());
    expect(again.ok).toBe(true);
    expect(world().invoices.filter((i) => i.customer === 'cus_demo_priya')).toHaveLength(1);
    expect(await cancelSubscription.verify(c, p, 'sub_demo_priya', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });

  it('at period end sets cancel_at_period_end and verify confirms; an untouched subscription fails verification', async () => {
    const p = proposal('billing.cancel_subscription', { subscriptionId: 'sub_demo_priya', prorate: false, atPeriodEnd: true });
    expect(await cancelSubscription.verify(c, p, 'sub_demo_priya', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    await cancelSubscription.execute(c, p, 'cc:case_2:r1.cancel', trace());
    expect(sub('sub_demo_priya')).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(await cancelSubscription.verify(c, p, 'sub_demo_priya', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });

  it('changes the price once, a repeat reuses it, and verify reads the new price', async () => {
    const p = proposal('billing.change_plan', { subscriptionId: 'sub_demo_priya', newPriceId: 'price_basic_monthly' });
    expect(await changePlan.verify(c, p, 'sub_demo_priya', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await changePlan.execute(c, p, 'cc:case_3:r1.change_plan', trace())).toMatchObject({ ok: true, value: { output: { priceId: 'price_basic_monthly' } } });
    expect(await changePlan.execute(c, p, 'cc:case_3:r1.change_plan', trace())).toMatchObject({ ok: true, value: { output: { reused: true } } });
    expect(world().invoices.filter((i) => i.customer === 'cus_demo_priya')).toHaveLength(1);
    expect(sub('sub_demo_priya').items[0]!.price).toBe('price_basic_monthly');
    expect(await changePlan.verify(c, p, 'sub_demo_priya', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });
});
