// Business rules of the Stripe sandbox's billing side, over HTTP: subscription price changes under
// each proration behaviour, cancellation, the invoice preview, lists; and the world's dump/reset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import { StripeWorldSchema, type StripeWorldData } from '../../../sandbox/stripe/StripeWorld.js';
import { stripeCall, stripeTestWorld } from './stripeTestWorld.js';

const DOWNGRADE = { items: [{ id: 'si_demo_ana_pro', price: 'price_basic_monthly' }] };
// Ana's period 2026-11-05 → 2026-12-05, world now 2026-11-20T12:00Z: 14.5 of 30 days remain.
const CREDIT_PRO = -2368; // -round(4900 × 14.5/30)
const CHARGE_BASIC = 918; // round(1900 × 14.5/30)

describe('Stripe sandbox billing', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const world = () => def.dumpWorld() as StripeWorldData;
  const get = (path: string, params: Record<string, unknown> = {}) => stripeCall(sb.url, 'GET', path, params);
  const post = (path: string, params: Record<string, unknown>) => stripeCall(sb.url, 'POST', path, params);
  const lineAmounts = (inv: { lines: { data: { amount: number; parent: { subscription_item_details: { proration: boolean } } }[] } }) =>
    inv.lines.data.map((l) => [l.amount, l.parent.subscription_item_details.proration]);

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  beforeEach(() => def.resetWorld());
  afterAll(() => sb.close());

  it('returns a subscription with its period on the items, as API versions since 2025 do', async () => {
    const r = await get('/v1/subscriptions/sub_demo_ana');
    expect(r.body).toMatchObject({ id: 'sub_demo_ana', status: 'active', customer: 'cus_demo_ana', cancel_at_period_end: false, canceled_at: null, latest_invoice: 'in_demo_ana_nov' });
    expect(r.body.items.data[0]).toMatchObject({
      id: 'si_demo_ana_pro',
      quantity: 1,
      price: { id: 'price_pro_monthly', unit_amount: 4900, recurring: { interval: 'month' } },
      current_period_start: Date.parse('2026-11-05T00:00:00Z') / 1000,
      current_period_end: Date.parse('2026-12-05T00:00:00Z') / 1000,
    });
  });

  it.each([
    { behavior: 'always_invoice', total: CREDIT_PRO + CHARGE_BASIC, amountDue: 0, lines: [[CREDIT_PRO, true], [CHARGE_BASIC, true]] },
    { behavior: 'create_prorations', total: CREDIT_PRO + CHARGE_BASIC + 1900, amountDue: 450, lines: [[CREDIT_PRO, true], [CHARGE_BASIC, true], [1900, false]] },
    { behavior: 'none', total: 1900, amountDue: 1900, lines: [[1900, false]] },
  ])('previews a downgrade with $behavior', async ({ behavior, total, amountDue, lines }) => {
    const r = await post('/v1/invoices/create_preview', { subscription: 'sub_demo_ana', subscription_details: { ...DOWNGRADE, proration_behavior: behavior } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'invoice', id: 'upcoming_in_demo_ana', total, amount_due: amountDue, customer: 'cus_demo_ana', status: 'draft' });
    expect(lineAmounts(r.body)).toEqual(lines);
    // A preview changes nothing.
    expect(world().subscriptions[0]!.items[0]!.price).toBe('price_pro_monthly');
    expect(world().invoices).toHaveLength(2);
  });

  it('prorates at proration_date when one is given', async () => {
    const at = Date.parse('2026-11-20T00:00:00Z') / 1000; // exactly half the period
    const r = await post('/v1/invoices/create_preview', {
      subscription: 'sub_demo_ana',
      subscription_details: { ...DOWNGRADE, proration_behavior: 'always_invoice', proration_date: at },
    });
    expect(lineAmounts(r.body)).toEqual([[-2450, true], [950, true]]);
  });

  it('changes the price with always_invoice: a paid proration invoice and customer credit', async () => {
    const r = await post('/v1/subscriptions/sub_demo_ana', { ...DOWNGRADE, proration_behavior: 'always_invoice' });
    expect(r.status).toBe(200);
    expect(r.body.items.data[0].price.id).toBe('price_basic_monthly');
    const invoice = (await get(`/v1/invoices/${r.body.latest_invoice}`)).body;
    expect(invoice).toMatchObject({ status: 'paid', total: -1450, amount_due: 0, ending_balance: -1450, billing_reason: 'subscription_update', subscription: 'sub_demo_ana' });
    expect(lineAmounts(invoice)).toEqual([[CREDIT_PRO, true], [CHARGE_BASIC, true]]);
    expect((await get('/v1/customers/cus_demo_ana')).body.balance).toBe(-1450);
    const listed = (await get('/v1/invoices', { customer: 'cus_demo_ana' })).body.data.map((i: { id: string }) => i.id);
    expect(listed).toEqual([invoice.id, 'in_demo_ana_nov', 'in_demo_ana_oct']);
  });

  it('changes the price with create_prorations: pending items, billed on the next invoice', async () => {
    await post('/v1/subscriptions/sub_demo_ana', { ...DOWNGRADE, proration_behavior: 'create_prorations' });
    expect(world().invoices).toHaveLength(2);
    expect(world().invoice_items.map((ii) => [ii.amount, ii.invoice])).toEqual([
      [CREDIT_PRO, null],
      [CHARGE_BASIC, null],
    ]);
    const next = await post('/v1/invoices/create_preview', { subscription: 'sub_demo_ana' });
    expect(next.body.total).toBe(CREDIT_PRO + CHARGE_BASIC + 1900);
  });

  it('refuses unknown items and prices of a subscription change', async () => {
    const noItem = await post('/v1/subscriptions/sub_demo_ana', { items: [{ id: 'si_other', price: 'price_basic_monthly' }] });
    expect(noItem.body.error).toMatchObject({ code: 'resource_missing', param: 'items[0][id]' });
    const noPrice = await post('/v1/subscriptions/sub_demo_ana', { items: [{ id: 'si_demo_ana_pro', price: 'price_gold' }] });
    expect(noPrice.body.error).toMatchObject({ code: 'resource_missing', param: 'items[0][price]' });
    const badBehavior = await post('/v1/subscriptions/sub_demo_ana', { ...DOWNGRADE, proration_behavior: 'sometimes' });
    expect(badBehavior.body.error.param).toBe('proration_behavior');
    expect(world().subscriptions[0]!.items[0]!.price).toBe('price_pro_monthly');
  });

  it('schedules cancellation at period end without ending the subscription', async () => {
    const r = await post('/v1/subscriptions/sub_demo_ana', { cancel_at_period_end: true });
    expect(r.body).toMatchObject({ status: 'active', cancel_at_period_end: true, cancel_at: Date.parse('2026-12-05T00:00:00Z') / 1000, canceled_at: null });
  });

  it('cancels now with a prorated credit invoiced at once', async () => {
    const r = await stripeCall(sb.url, 'DELETE', '/v1/subscriptions/sub_demo_ana', { prorate: true, invoice_now: true });
    const now = Date.parse('2026-11-20T12:00:00Z') / 1000;
    expect(r.body).toMatchObject({ status: 'canceled', canceled_at: now, ended_at: now, cancellation_details: { reason: 'cancellation_requested' } });
    const invoice = (await get(`/v1/invoices/${r.body.latest_invoice}`)).body;
    expect(invoice.total).toBe(CREDIT_PRO);
    expect((await get('/v1/customers/cus_demo_ana')).body.balance).toBe(CREDIT_PRO);
    // A canceled subscription leaves the default list but not status=all, and cannot change any more.
    expect((await get('/v1/subscriptions', { customer: 'cus_demo_ana' })).body.data).toEqual([]);
    expect((await get('/v1/subscriptions', { customer: 'cus_demo_ana', status: 'all' })).body.data).toHaveLength(1);
    const again = await stripeCall(sb.url, 'DELETE', '/v1/subscriptions/sub_demo_ana', {});
    expect(again.status).toBe(400);
    const change = await post('/v1/subscriptions/sub_demo_ana', DOWNGRADE);
    expect(change.status).toBe(400);
  });

  it('cancels now without proration: no credit, no invoice', async () => {
    const r = await stripeCall(sb.url, 'DELETE', '/v1/subscriptions/sub_demo_ana', {});
    expect(r.body.status).toBe('canceled');
    expect(r.body.latest_invoice).toBe('in_demo_ana_nov');
    expect(world().invoice_items).toEqual([]);
    expect(world().customers.find((c) => c.id === 'cus_demo_ana')!.balance).toBe(0);
  });

  it('dumps a world that is a valid seed and resets to it', async () => {
    await post('/v1/refunds', { charge: 'ch_demo_1001', amount: 100 });
    await post('/v1/subscriptions/sub_demo_ana', { ...DOWNGRADE, proration_behavior: 'always_invoice' });
    const dump = world();
    expect(StripeWorldSchema.parse(dump)).toEqual(dump);
    def.resetWorld();
    expect(world().refunds).toEqual([]);
    def.resetWorld(dump);
    expect(world()).toEqual(dump);
    expect((await get('/v1/charges/ch_demo_1001')).body.amount_refunded).toBe(100);
  });

  it('rejects a seed that names records that do not exist', () => {
    const bad = { ...stripeTestWorld(), subscriptions: [{ ...stripeTestWorld().subscriptions![0]!, customer: 'cus_ghost' }] };
    expect(() => createStripeSandbox(bad)).toThrow(/unknown customer cus_ghost/);
  });
});
