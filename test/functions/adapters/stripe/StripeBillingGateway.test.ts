// StripeBillingGateway over real HTTP against the Stripe sandbox, through the official SDK: mapping,
// idempotent writes under retries and faults, and the error taxonomy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StripeBillingGateway, type StripeBillingGatewayOptions } from '../../../../functions/src/adapters/stripe/StripeBillingGateway.js';
import type { ConnectorError } from '../../../../functions/src/domain/connectorError.js';
import type { Result } from '../../../../functions/src/domain/result.js';
import { startSandbox, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../../sandbox/stripe/createStripeSandbox.js';
import { STRIPE_FAULT_BODIES } from '../../../../sandbox/stripe/StripeApiError.js';
import type { StripeWorldData } from '../../../../sandbox/stripe/StripeWorld.js';
import { TEST_KEY, stripeTestWorld } from '../../../sandbox/stripe/stripeTestWorld.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });

function value<T>(r: Result<T, ConnectorError>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function failure<T>(r: Result<T, ConnectorError>): ConnectorError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('StripeBillingGateway', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const world = () => def.dumpWorld() as StripeWorldData;
  const gateway = (opts: Partial<StripeBillingGatewayOptions> = {}) =>
    new StripeBillingGateway({ apiKey: TEST_KEY, apiBase: sb.url, timeoutMs: 5_000, maxNetworkRetries: 2, ...opts });
  const posts = (path: string) => sb.requests.filter((r) => r.method === 'POST' && r.path === path);

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  beforeEach(() => {
    def.resetWorld();
    sb.faults.clear();
    sb.requests.length = 0;
  });
  afterAll(() => sb.close());

  describe('reads', () => {
    it('maps a customer with its test-mode dashboard link', async () => {
      expect(value(await gateway().getCustomer('cus_demo_jane'))).toEqual({
        id: 'cus_demo_jane',
        email: 'jane.cooper@example.com',
        name: 'Jane Cooper',
        link: 'https://dashboard.stripe.com/test/customers/cus_demo_jane',
      });
    });

    it('maps a charge: Money, ISO time, ids, dashboard link', async () => {
      expect(value(await gateway().getCharge('ch_demo_1001'))).toEqual({
        id: 'ch_demo_1001',
        amount: usd(8400),
        amountRefunded: usd(0),
        status: 'succeeded',
        paid: true,
        refunded: false,
        customerId: 'cus_demo_jane',
        paymentIntentId: 'pi_demo_1001',
        created: '2026-11-02T10:00:05.000Z',
        link: 'https://dashboard.stripe.com/test/payments/ch_demo_1001',
      });
    });

    it('links to live-mode dashboard pages for a live key', async () => {
      def.resetWorld({ ...world(), api_keys: ['sk_live_demo'] });
      const charge = value(await gateway({ apiKey: 'sk_live_demo' }).getCharge('ch_demo_1001'));
      expect(charge.link).toBe('https://dashboard.stripe.com/payments/ch_demo_1001');
    });

    it('finds the latest charge of a payment intent', async () => {
      const charge = value(await gateway().getChargeForPaymentIntent('pi_demo_1002'));
      expect(charge).toMatchObject({ id: 'ch_demo_1002', status: 'succeeded', amount: usd(12900), customerId: 'cus_demo_marcus' });
    });

    it('lists every charge of a customer, newest first, across pages', async () => {
      const charges = value(await gateway().listCharges('cus_demo_jane'));
      expect(charges.map((c) => c.id)).toEqual(['ch_test_disputed', 'ch_test_failing', 'ch_test_pending', 'ch_demo_1001', 'ch_demo_jane_giftcard']);
    });

    it.each<{ name: string; call: (g: StripeBillingGateway) => Promise<Result<unknown, ConnectorError>> }>([
      { name: 'customer', call: (g: StripeBillingGateway) => g.getCustomer('cus_ghost') },
      { name: 'charge', call: (g: StripeBillingGateway) => g.getCharge('ch_ghost') },
      { name: 'payment intent', call: (g: StripeBillingGateway) => g.getChargeForPaymentIntent('pi_ghost') },
      { name: 'refund', call: (g: StripeBillingGateway) => g.getRefund('re_ghost') },
      { name: 'subscription', call: (g: StripeBillingGateway) => g.getSubscription('sub_ghost') },
    ])('reports a missing $name as not_found', async ({ call }) => {
      expect(failure(await call(gateway()))).toMatchObject({ system: 'stripe', code: 'not_found', retryable: false, status: 404 });
    });
  });

  describe('refunds', () => {
    const input = { chargeId: 'ch_demo_1001', amount: usd(2500), reason: 'requested_by_customer' as const, metadata: { case_id: 'case_1' } };

    it('creates a refund carrying our idempotency key and maps it', async () => {
      const refund = value(await gateway().createRefund(input, 'cc:case_1:refund'));
      expect(refund).toMatchObject({ chargeId: 'ch_demo_1001', amount: usd(2500), status: 'succeeded', metadata: { case_id: 'case_1' }, created: '2026-11-20T12:00:00.000Z' });
      expect(refund.link).toBe(`https://dashboard.stripe.com/test/refunds/${refund.id}`);
      expect(posts('/v1/refunds').map((r) => r.headers['idempotency-key'])).toEqual(['cc:case_1:refund']);
      expect(value(await gateway().getRefund(refund.id))).toEqual(refund);
      expect(value(await gateway().listRefunds('ch_demo_1001'))).toEqual([refund]);
      expect(value(await gateway().getCharge('ch_demo_1001')).amountRefunded).toEqual(usd(2500));
    });

    it('refunds once when called twice with the same key', async () => {
      const first = value(await gateway().createRefund(input, 'cc:case_1:refund'));
      const second = value(await gateway().createRefund(input, 'cc:case_1:refund'));
      expect(second.id).toBe(first.id);
      expect(world().refunds).toHaveLength(1);
    });

    it('refunds once when concurrent calls share a key', async () => {
      const results = await Promise.all([1, 2, 3].map(() => gateway().createRefund(input, 'cc:case_2:refund')));
      expect(new Set(results.map((r) => value(r).id)).size).toBe(1);
      expect(world().refunds).toHaveLength(1);
    });

    it('survives two injected 500s through the SDK’s retries with our key, refunding exactly once', async () => {
      sb.faults.add({ path: '/v1/refunds', kind: 'status', status: 500, times: 2 });
      const refund = value(await gateway().createRefund(input, 'cc:case_3:refund'));
      expect(world().refunds.map((r) => r.id)).toEqual([refund.id]);
      const attempts = posts('/v1/refunds');
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((r) => r.headers['idempotency-key']))).toEqual(new Set(['cc:case_3:refund']));
    });

    it('reports a refund whose outcome is still open as pending, and a later failure', async () => {
      const pending = value(await gateway().createRefund({ chargeId: 'ch_test_failing', amount: usd(1000) }, 'k-fail'));
      expect(pending.status).toBe('pending');
      expect(value(await gateway().getRefund(pending.id)).status).toBe('failed');
    });

    it('checks the currency before refunding', async () => {
      const error = failure(await gateway().createRefund({ ...input, amount: { amount: 2500, currency: 'eur' } }, 'k-eur'));
      expect(error).toMatchObject({ code: 'invalid_request', retryable: false });
      expect(posts('/v1/refunds')).toEqual([]);
    });

    it.each([
      { name: 'too large an amount', setup: async () => {}, amount: 9000, code: 'invalid_request', vendor: 'amount_too_large' },
      {
        name: 'an already refunded charge',
        setup: async (g: StripeBillingGateway) => value(await g.createRefund({ chargeId: 'ch_demo_1001', amount: usd(8400) }, 'k-all')),
        amount: 100,
        code: 'declined',
        vendor: 'charge_already_refunded',
      },
    ])('maps a refusal for $name to $code', async ({ setup, amount, code, vendor }) => {
      const g = gateway();
      await setup(g);
      const error = failure(await g.createRefund({ chargeId: 'ch_demo_1001', amount: usd(amount) }, `k-${vendor}`));
      expect(error).toMatchObject({ system: 'stripe', code, retryable: false, status: 400 });
      expect(error.message).toContain(vendor);
    });

    it('maps a key reused with other parameters to idempotency_conflict', async () => {
      value(await gateway().createRefund(input, 'cc:case_4:refund'));
      const error = failure(await gateway().createRefund({ ...input, amount: usd(100) }, 'cc:case_4:refund'));
      expect(error).toMatchObject({ code: 'idempotency_conflict', retryable: false });
      expect(world().refunds).toHaveLength(1);
    });
  });

  describe('error mapping', () => {
    const refund = (g: StripeBillingGateway) => g.createRefund({ chargeId: 'ch_demo_1001', amount: usd(100) }, 'k-errors');

    it('maps a card decline to declined', async () => {
      sb.faults.add({
        method: 'POST',
        path: '/v1/refunds',
        kind: 'status',
        status: 402,
        body: STRIPE_FAULT_BODIES.card_declined,
      });
      expect(failure(await refund(gateway()))).toMatchObject({ system: 'stripe', code: 'declined', retryable: false, status: 402 });
      expect(world().refunds).toEqual([]);
    });

    it('maps a forbidden key to auth_failed', async () => {
      sb.faults.add({ path: '/v1/charges', kind: 'status', status: 403, body: STRIPE_FAULT_BODIES.permission });
      expect(failure(await gateway().getCharge('ch_demo_1001'))).toMatchObject({ code: 'auth_failed', retryable: false, status: 403 });
    });

    it('rejects an apiBase with a path instead of dropping it', () => {
      expect(() => gateway({ apiBase: `${sb.url}/stripe` })).toThrow(/must be an origin/);
    });

    it('maps a rejected key to auth_failed', async () => {
      expect(failure(await gateway({ apiKey: 'sk_test_revoked_key_0000' }).getCharge('ch_demo_1001'))).toMatchObject({ code: 'auth_failed', retryable: false, status: 401 });
    });

    it.each([
      { status: 429, code: 'rate_limited', body: STRIPE_FAULT_BODIES.rate_limit },
      { status: 409, code: 'conflict', body: undefined },
      { status: 503, code: 'unavailable', body: undefined },
      { status: 500, code: 'unavailable', body: STRIPE_FAULT_BODIES.api_error },
    ])('maps HTTP $status to $code, retryable', async ({ status, code, body }) => {
      sb.faults.add({ path: '/v1/charges', kind: 'status', status, times: 3, ...(body ? { body } : {}) });
      expect(failure(await gateway({ maxNetworkRetries: 0 }).getCharge('ch_demo_1001'))).toMatchObject({ code, retryable: true, status });
    });

    it('maps a request that outlives the timeout to timeout', async () => {
      sb.faults.add({ path: '/v1/charges', kind: 'timeout', times: 3 });
      expect(failure(await gateway({ timeoutMs: 300, maxNetworkRetries: 0 }).getCharge('ch_demo_1001'))).toMatchObject({ code: 'timeout', retryable: true });
    });

    it('maps a dropped connection to unavailable', async () => {
      // The SDK retries a closed connection once even with retries off, so drop it every time.
      sb.faults.add({ path: '/v1/charges', kind: 'reset', times: 5 });
      expect(failure(await gateway({ maxNetworkRetries: 0 }).getCharge('ch_demo_1001'))).toMatchObject({ code: 'unavailable', retryable: true });
    });

    it('maps an unreachable API to unavailable', async () => {
      const g = new StripeBillingGateway({ apiKey: TEST_KEY, apiBase: 'http://127.0.0.1:9', timeoutMs: 2_000, maxNetworkRetries: 0 });
      expect(failure(await g.getCharge('ch_demo_1001'))).toMatchObject({ code: 'unavailable', retryable: true });
    });
  });

  describe('subscriptions', () => {
    it('maps a subscription with its period and items', async () => {
      expect(value(await gateway().getSubscription('sub_demo_ana'))).toEqual({
        id: 'sub_demo_ana',
        customerId: 'cus_demo_ana',
        status: 'active',
        items: [{ id: 'si_demo_ana_pro', priceId: 'price_pro_monthly', quantity: 1, unitAmount: usd(4900) }],
        currentPeriodStart: '2026-11-05T00:00:00.000Z',
        currentPeriodEnd: '2026-12-05T00:00:00.000Z',
        cancelAtPeriodEnd: false,
        canceledAt: null,
        link: 'https://dashboard.stripe.com/test/subscriptions/sub_demo_ana',
      });
      expect(value(await gateway().listSubscriptions('cus_demo_ana')).map((s) => s.id)).toEqual(['sub_demo_ana']);
    });

    it('previews a downgrade as a credit (negative amount) with proration lines', async () => {
      const preview = value(await gateway().previewPriceChange('sub_demo_ana', 'price_basic_monthly'));
      expect(preview).toEqual({
        subscriptionId: 'sub_demo_ana',
        amountDue: usd(-1450),
        lines: [
          { description: 'Unused time on Pro after 20 Nov 2026', amount: usd(-2368), proration: true },
          { description: 'Remaining time on Basic after 20 Nov 2026', amount: usd(918), proration: true },
        ],
      });
      expect(world().invoices).toHaveLength(2);
    });

    it('changes the price once per key and bills what the preview showed', async () => {
      const preview = value(await gateway().previewPriceChange('sub_demo_ana', 'price_basic_monthly'));
      const first = value(await gateway().changePrice('sub_demo_ana', 'price_basic_monthly', 'cc:case_5:downgrade'));
      const again = value(await gateway().changePrice('sub_demo_ana', 'price_basic_monthly', 'cc:case_5:downgrade'));
      expect(first.items[0]!.priceId).toBe('price_basic_monthly');
      expect(again).toEqual(first);
      const invoices = value(await gateway().listInvoices('cus_demo_ana'));
      expect(invoices).toHaveLength(3);
      expect(invoices[0]).toMatchObject({ subscriptionId: 'sub_demo_ana', status: 'paid', amountDue: usd(0), lines: preview.lines });
      expect(invoices[0]!.lines.reduce((s, l) => s + l.amount.amount, 0)).toBe(preview.amountDue.amount);
    });

    it('refuses a price that does not exist', async () => {
      expect(failure(await gateway().changePrice('sub_demo_ana', 'price_gold', 'k-gold'))).toMatchObject({ code: 'not_found' });
    });

    it('cancels at period end', async () => {
      const sub = value(await gateway().cancelSubscription('sub_demo_ana', { prorate: false, atPeriodEnd: true }, 'cc:case_6:cancel'));
      expect(sub).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, canceledAt: null });
    });

    it('cancels now with a prorated credit, and treats a repeat as done', async () => {
      const sub = value(await gateway().cancelSubscription('sub_demo_ana', { prorate: true, atPeriodEnd: false }, 'cc:case_7:cancel'));
      expect(sub).toMatchObject({ status: 'canceled', canceledAt: '2026-11-20T12:00:00.000Z' });
      const repeat = value(await gateway().cancelSubscription('sub_demo_ana', { prorate: true, atPeriodEnd: false }, 'cc:case_7:cancel'));
      expect(repeat).toEqual(sub);
      const credit = value(await gateway().listInvoices('cus_demo_ana'))[0]!;
      expect(credit.lines).toEqual([{ description: 'Unused time on Pro after 20 Nov 2026', amount: usd(-2368), proration: true }]);
      expect(world().invoices).toHaveLength(3);
      expect(value(await gateway().listSubscriptions('cus_demo_ana'))[0]!.status).toBe('canceled');
    });

    it('maps invoices with their lines', async () => {
      const [nov, oct] = value(await gateway().listInvoices('cus_demo_ana'));
      expect(nov).toEqual({
        id: 'in_demo_ana_nov',
        customerId: 'cus_demo_ana',
        subscriptionId: 'sub_demo_ana',
        status: 'paid',
        amountDue: usd(4900),
        amountPaid: usd(4900),
        created: '2026-11-05T00:00:00.000Z',
        lines: [{ description: '1 × Pro (at $49.00 / month)', amount: usd(4900), proration: false }],
        link: 'https://dashboard.stripe.com/test/invoices/in_demo_ana_nov',
      });
      expect(oct!.id).toBe('in_demo_ana_oct');
    });
  });
});
