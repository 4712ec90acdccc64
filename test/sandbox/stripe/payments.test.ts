// Business rules and errors of the Stripe sandbox's payments side, over HTTP: auth, lookups, lists,
// refunds and their effect on charges, refund outcomes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import { stripeCall, stripeTestWorld } from './stripeTestWorld.js';

describe('Stripe sandbox payments', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const get = (path: string, params: Record<string, unknown> = {}) => stripeCall(sb.url, 'GET', path, params);
  const refund = (params: Record<string, unknown>) => stripeCall(sb.url, 'POST', '/v1/refunds', params);

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  beforeEach(() => def.resetWorld());
  afterAll(() => sb.close());

  describe('authentication and errors', () => {
    it.each([
      { name: 'no key', key: null, message: 'You did not provide an API key' },
      { name: 'an unknown key', key: 'sk_test_somebody_else_1234', message: 'Invalid API Key provided: sk_test_**************1234' },
    ])('answers 401 in Stripe’s envelope for $name', async ({ key, message }) => {
      const r = await stripeCall(sb.url, 'GET', '/v1/charges/ch_demo_1001', {}, { key });
      expect(r.status).toBe(401);
      expect(r.body.error.type).toBe('invalid_request_error');
      expect(r.body.error.message).toContain(message);
    });

    it('accepts the key as HTTP basic user name, as curl -u sends it', async () => {
      const res = await fetch(`${sb.url}/v1/customers/cus_demo_jane`, { headers: { Authorization: `Basic ${Buffer.from('sk_test_sandbox:').toString('base64')}` } });
      expect(res.status).toBe(200);
    });

    it.each([
      { path: '/v1/customers/cus_nobody', message: "No such customer: 'cus_nobody'" },
      { path: '/v1/charges/ch_nothing', message: "No such charge: 'ch_nothing'" },
      { path: '/v1/payment_intents/pi_nothing', message: "No such payment_intent: 'pi_nothing'" },
      { path: '/v1/refunds/re_nothing', message: "No such refund: 're_nothing'" },
    ])('answers 404 resource_missing for $path', async ({ path, message }) => {
      const r = await get(path);
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', message });
      expect(r.headers.get('request-id')).toMatch(/^req_/);
    });

    it('answers 404 for an unknown URL', async () => {
      const r = await get('/v1/teleporters');
      expect(r.status).toBe(404);
      expect(r.body.error.message).toBe('Unrecognized request URL (GET: /v1/teleporters).');
    });

    it('rejects unknown query parameters on reads', async () => {
      const r = await get('/v1/charges', { customer: 'cus_demo_jane', colour: 'red' });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
    });
  });

  describe('reads', () => {
    it('returns a charge with its customer, payment intent and card', async () => {
      const r = await get('/v1/charges/ch_demo_1001');
      expect(r.body).toMatchObject({
        id: 'ch_demo_1001',
        object: 'charge',
        amount: 8400,
        currency: 'usd',
        customer: 'cus_demo_jane',
        payment_intent: 'pi_demo_1001',
        status: 'succeeded',
        paid: true,
        refunded: false,
        amount_refunded: 0,
        created: Date.parse('2026-11-02T10:00:05Z') / 1000,
        metadata: { order_id: 'ORD-1001' },
        billing_details: { email: 'jane.cooper@example.com', name: 'Jane Cooper' },
        payment_method_details: { card: { brand: 'mastercard', last4: '4444' } },
      });
    });

    it('returns a payment intent whose latest charge is its newest attempt', async () => {
      const r = await get('/v1/payment_intents/pi_demo_1002');
      expect(r.body).toMatchObject({ id: 'pi_demo_1002', status: 'succeeded', latest_charge: 'ch_demo_1002', amount_received: 12900, customer: 'cus_demo_marcus' });
    });

    it('lists charges of a customer newest first, and pages through them', async () => {
      const all = await get('/v1/charges', { customer: 'cus_demo_jane' });
      const ids = all.body.data.map((c: { id: string }) => c.id);
      expect(ids.slice(0, 3)).toEqual(['ch_test_disputed', 'ch_test_failing', 'ch_test_pending']); // same created: last inserted first
      expect(ids).toContain('ch_demo_1001');
      expect(ids.indexOf('ch_demo_1001')).toBeLessThan(ids.indexOf('ch_demo_jane_giftcard'));
      expect(all.body).toMatchObject({ object: 'list', has_more: false, url: '/v1/charges' });
      const page1 = await get('/v1/charges', { customer: 'cus_demo_jane', limit: 2 });
      expect(page1.body.has_more).toBe(true);
      const page2 = await get('/v1/charges', { customer: 'cus_demo_jane', limit: 2, starting_after: page1.body.data[1].id });
      expect([...page1.body.data, ...page2.body.data].map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 4));
    });

    it('lists the charges of a payment intent', async () => {
      const r = await get('/v1/charges', { payment_intent: 'pi_demo_1002' });
      expect(r.body.data.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
        ['ch_demo_1002', 'succeeded'],
        ['ch_demo_1002_declined', 'failed'],
      ]);
    });
  });

  describe('refunds', () => {
    it('refunds part of a charge and shows it on the charge', async () => {
      const r = await refund({ charge: 'ch_demo_1001', amount: 2000, reason: 'requested_by_customer', metadata: { case_id: 'c1' } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ object: 'refund', amount: 2000, charge: 'ch_demo_1001', payment_intent: 'pi_demo_1001', status: 'succeeded', reason: 'requested_by_customer', metadata: { case_id: 'c1' }, currency: 'usd' });
      expect(r.body.created).toBe(Date.parse('2026-11-20T12:00:00Z') / 1000); // the world's frozen clock
      const charge = (await get('/v1/charges/ch_demo_1001')).body;
      expect(charge).toMatchObject({ amount_refunded: 2000, refunded: false });
      expect(charge.refunds.data.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
      expect((await get(`/v1/refunds/${r.body.id}`)).body).toEqual(r.body);
      expect((await get('/v1/refunds', { charge: 'ch_demo_1001' })).body.data).toEqual([r.body]);
    });

    it('refunds the rest when no amount is given, then refuses further refunds', async () => {
      await refund({ charge: 'ch_demo_1001', amount: 400 });
      const rest = await refund({ charge: 'ch_demo_1001' });
      expect(rest.body.amount).toBe(8000);
      const charge = (await get('/v1/charges/ch_demo_1001')).body;
      expect(charge).toMatchObject({ amount_refunded: 8400, refunded: true });
      expect(charge.refunds.data).toHaveLength(2);
      const again = await refund({ charge: 'ch_demo_1001', amount: 1 });
      expect(again.status).toBe(400);
      expect(again.body.error).toMatchObject({ type: 'invalid_request_error', code: 'charge_already_refunded' });
    });

    it('refuses more than the unrefunded amount', async () => {
      await refund({ charge: 'ch_demo_1001', amount: 8000 });
      const r = await refund({ charge: 'ch_demo_1001', amount: 401 });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: 'Refund amount ($4.01) is greater than unrefunded amount on charge ($4.00)',
      });
      expect((await refund({ charge: 'ch_demo_1001', amount: 400 })).status).toBe(200);
    });

    it('refunds the succeeded charge of a payment intent', async () => {
      const r = await refund({ payment_intent: 'pi_demo_1002', amount: 12900 });
      expect(r.body).toMatchObject({ charge: 'ch_demo_1002', amount: 12900, payment_intent: 'pi_demo_1002' });
    });

    it.each([
      { name: 'a failed charge', params: { charge: 'ch_demo_1002_declined' }, status: 400, code: 'charge_not_refundable' },
      { name: 'a disputed charge', params: { charge: 'ch_test_disputed' }, status: 400, code: 'charge_disputed' },
      { name: 'an unknown charge', params: { charge: 'ch_nope' }, status: 400, code: 'resource_missing' },
      { name: 'no charge or payment intent', params: { amount: 100 }, status: 400, code: 'parameter_missing' },
      { name: 'a zero amount', params: { charge: 'ch_demo_1001', amount: 0 }, status: 400, code: 'parameter_invalid_integer' },
      { name: 'an unknown parameter', params: { charge: 'ch_demo_1001', speed: 'fast' }, status: 400, code: 'parameter_unknown' },
      { name: 'a charge of another payment intent', params: { charge: 'ch_demo_1001', payment_intent: 'pi_demo_1003' }, status: 400, code: undefined },
    ])('refuses a refund of $name', async ({ params, status, code }) => {
      const r = await refund(params);
      expect(r.status).toBe(status);
      expect(r.body.error.type).toBe('invalid_request_error');
      expect(r.body.error.code).toBe(code);
    });

    it('keeps a "pending" outcome pending until it is settled', async () => {
      const r = await refund({ charge: 'ch_test_pending', amount: 1000 });
      expect(r.body.status).toBe('pending');
      expect((await get(`/v1/refunds/${r.body.id}`)).body.status).toBe('pending');
      expect((await get('/v1/charges/ch_test_pending')).body.amount_refunded).toBe(1000);
      const settle = await fetch(`${sb.url}/__sandbox/stripe/refunds/${r.body.id}`, { method: 'POST', body: JSON.stringify({ status: 'succeeded' }) });
      expect(settle.status).toBe(200);
      expect((await get(`/v1/refunds/${r.body.id}`)).body.status).toBe('succeeded');
    });

    it('fails a "failed" outcome after the creating request and gives the money back to the charge', async () => {
      const r = await refund({ charge: 'ch_test_failing', amount: 1000 });
      expect(r.body.status).toBe('pending');
      const later = (await get(`/v1/refunds/${r.body.id}`)).body;
      expect(later).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
      expect((await get('/v1/charges/ch_test_failing')).body).toMatchObject({ amount_refunded: 0, refunded: false });
      // The amount is refundable again.
      expect((await refund({ charge: 'ch_test_failing', amount: 5000 })).status).toBe(200);
    });
  });
});
