import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createOmsSandbox } from '../../../sandbox/oms/createOmsSandbox.js';
import { DEMO_OMS_KEY, demoOmsWorld } from './demoOmsWorld.js';

describe('oms sandbox', () => {
  let sb: SandboxHandle;
  const call = async (method: string, path: string, opts: { body?: unknown; key?: string | null; idem?: string } = {}) => {
    const key = opts.key === undefined ? DEMO_OMS_KEY : opts.key;
    const res = await fetch(`${sb.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(opts.idem ? { 'idempotency-key': opts.idem } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(opts.body === undefined ? {} : { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as any };
  };

  beforeAll(async () => {
    sb = await startSandbox(createOmsSandbox(demoOmsWorld()));
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  });

  describe('authentication', () => {
    it.each([
      ['no key', null, 'unauthenticated'],
      ['an unknown key', 'sk_nope', 'invalid_api_key'],
    ])('refuses %s with 401', async (_n, key, code) => {
      const res = await call('GET', '/v1/orders/ORD-1001', { key });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe(code);
    });

    it('lets a read-only key read but not write', async () => {
      expect((await call('GET', '/v1/orders/ORD-1002', { key: 'demo-oms-readonly-key' })).status).toBe(200);
      const res = await call('POST', '/v1/orders/ORD-1002/cancel', { key: 'demo-oms-readonly-key', body: { reason: 'x' } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('insufficient_scope');
      expect((await call('GET', '/v1/orders/ORD-1002')).body.status).toBe('processing');
    });
  });

  it('serves an order with shipments, tracking and derived amounts', async () => {
    const { status, body } = await call('GET', '/v1/orders/ORD-1001');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'ORD-1001',
      object: 'order',
      url: `${sb.url}/admin/orders/ORD-1001`,
      customer: { email: 'jane.cooper@example.com' },
      status: 'delivered',
      subtotal: { amount: 7500, currency: 'usd' },
      shipping_cost: { amount: 900, currency: 'usd' },
      total: { amount: 8400, currency: 'usd' },
      amount_refunded: { amount: 0, currency: 'usd' },
      payment: { provider: 'stripe', charge_id: 'ch_demo_1001', payment_intent_id: 'pi_demo_1001' },
    });
    expect(body.shipments[0]).toMatchObject({ id: 'SHP-1001', carrier: 'UPS', promised_delivery_at: '2026-11-08T20:00:00Z', delivered_at: '2026-11-13T15:30:00Z' });
    expect(body.shipments[0].events.map((e: { status: string }) => e.status)).toEqual(['label_created', 'in_transit', 'exception', 'out_for_delivery', 'delivered']);
    expect((await fetch(body.url)).status).toBe(200);
  });

  it('answers an unknown order with 404 order_not_found', async () => {
    expect(await call('GET', '/v1/orders/ORD-9999')).toMatchObject({ status: 404, body: { error: { code: 'order_not_found' } } });
  });

  it('lists orders by customer email, case-insensitively, newest first', async () => {
    const { body } = await call('GET', '/v1/orders?customer_email=JANE.COOPER%40example.com');
    expect(body.data.map((o: { id: string }) => o.id)).toEqual(['ORD-1007', 'ORD-1008', 'ORD-1011', 'ORD-1001', 'ORD-1004', 'ORD-1005']);
    expect((await call('GET', '/v1/orders?customer_email=priya.patel%40example.com')).body).toEqual({ object: 'list', data: [], has_more: false });
    const all = await call('GET', '/v1/orders?limit=2');
    expect(all.body.data.map((o: { id: string }) => o.id)).toEqual(['ORD-1002', 'ORD-1007']);
    expect(all.body.has_more).toBe(true);
    const next = await call('GET', '/v1/orders?limit=2&starting_after=ORD-1003');
    expect(next.body).toMatchObject({ data: [{ id: 'ORD-1004' }, { id: 'ORD-1005' }], has_more: false });
    expect((await call('GET', '/v1/orders?limit=0')).status).toBe(400);
  });

  describe('state rules', () => {
    it('cancels a processing order', async () => {
      const { status, body } = await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'bought by mistake' } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'cancelled', cancel_reason: 'bought by mistake', cancelled_at: expect.any(String) });
      const again = await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'again' } });
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'order_not_cancellable' } } });
    });

    it('refuses to cancel a delivered order', async () => {
      expect(await call('POST', '/v1/orders/ORD-1001/cancel', { body: { reason: 'late' } })).toMatchObject({ status: 409, body: { error: { code: 'order_not_cancellable' } } });
      expect((await call('GET', '/v1/orders/ORD-1001')).body.status).toBe('delivered');
    });

    it('changes the shipping address only before shipment', async () => {
      const address = { name: 'Marcus Lee', line1: '1 Ocean Dr', city: 'Miami Beach', state: 'FL', postal_code: '33139', country: 'us' };
      const ok = await call('POST', '/v1/orders/ORD-1002/shipping_address', { body: address });
      expect(ok.status).toBe(200);
      expect(ok.body.shipping_address).toEqual({ ...address, line2: null, country: 'US' });
      expect(await call('POST', '/v1/orders/ORD-1001/shipping_address', { body: address })).toMatchObject({ status: 409, body: { error: { code: 'order_already_shipped' } } });
      await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'x' } });
      expect(await call('POST', '/v1/orders/ORD-1002/shipping_address', { body: address })).toMatchObject({ status: 409, body: { error: { code: 'order_cancelled' } } });
      expect(await call('POST', '/v1/orders/ORD-1002/shipping_address', { body: { line1: 'x' } })).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    });

    it('records refunds up to the order total, once per external refund id', async () => {
      const first = await call('POST', '/v1/orders/ORD-1001/refunds', { body: { amount: { amount: 1680, currency: 'USD' }, reason: 'late delivery', external_refund_id: 're_1' } });
      expect(first.status).toBe(201);
      expect(first.body.refunds).toEqual([{ id: expect.stringMatching(/^RF-\d+$/), amount: { amount: 1680, currency: 'usd' }, reason: 'late delivery', external_refund_id: 're_1', created_at: expect.any(String) }]);
      expect(first.body.amount_refunded).toEqual({ amount: 1680, currency: 'usd' });
      const dup = await call('POST', '/v1/orders/ORD-1001/refunds', { body: { amount: { amount: 100, currency: 'usd' }, reason: 'again', external_refund_id: 're_1' } });
      expect(dup).toMatchObject({ status: 409, body: { error: { code: 'refund_already_recorded' } } });
      const over = await call('POST', '/v1/orders/ORD-1001/refunds', { body: { amount: { amount: 6721, currency: 'usd' }, reason: 'too much', external_refund_id: 're_2' } });
      expect(over).toMatchObject({ status: 409, body: { error: { code: 'refund_exceeds_order_total' } } });
      const eur = await call('POST', '/v1/orders/ORD-1001/refunds', { body: { amount: { amount: 10, currency: 'eur' }, reason: 'x', external_refund_id: 're_3' } });
      expect(eur).toMatchObject({ status: 422, body: { error: { code: 'currency_mismatch' } } });
      const zero = await call('POST', '/v1/orders/ORD-1001/refunds', { body: { amount: { amount: 0, currency: 'usd' }, reason: 'x' } });
      expect(zero).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
      expect((await call('GET', '/v1/orders/ORD-1001')).body.refunds).toHaveLength(1);
    });

    it('issues an RMA with a label for a delivered order, once per line item', async () => {
      const rma = await call('POST', '/v1/orders/ORD-1001/returns', { body: { line_item_ids: ['LI-1001-1'], reason: 'too small' } });
      expect(rma.status).toBe(201);
      expect(rma.body).toMatchObject({ id: expect.stringMatching(/^RMA-\d{4,}$/), object: 'return', order_id: 'ORD-1001', status: 'label_issued', line_item_ids: ['LI-1001-1'] });
      const label = await fetch(rma.body.label_url);
      expect([label.status, label.headers.get('content-type')]).toEqual([200, 'application/pdf']);
      expect((await call('GET', '/v1/orders/ORD-1001')).body.returns).toEqual([rma.body]);
      expect(await call('POST', '/v1/orders/ORD-1001/returns', { body: { line_item_ids: ['LI-1001-1', 'LI-1001-2'], reason: 'x' } })).toMatchObject({ status: 409, body: { error: { code: 'line_items_already_returned' } } });
      expect(await call('POST', '/v1/orders/ORD-1001/returns', { body: { line_item_ids: ['LI-NOPE'], reason: 'x' } })).toMatchObject({ status: 422, body: { error: { code: 'unknown_line_item' } } });
      expect(await call('POST', '/v1/orders/ORD-1002/returns', { body: { line_item_ids: ['LI-1002-1'], reason: 'x' } })).toMatchObject({ status: 409, body: { error: { code: 'order_not_returnable' } } });
    });
  });

  describe('idempotency', () => {
    it('replays the stored response for the same key and body, applying nothing twice', async () => {
      const body = { amount: { amount: 500, currency: 'usd' }, reason: 'goodwill', external_refund_id: 're_idem' };
      const first = await call('POST', '/v1/orders/ORD-1003/refunds', { body, idem: 'case-1:refund' });
      // Same request with keys in another order is the same request.
      const second = await call('POST', '/v1/orders/ORD-1003/refunds', { body: { reason: 'goodwill', external_refund_id: 're_idem', amount: { currency: 'usd', amount: 500 } }, idem: 'case-1:refund' });
      expect([first.status, first.replayed]).toEqual([201, null]);
      expect([second.status, second.replayed]).toEqual([201, 'true']);
      expect(second.body).toEqual(first.body);
      expect((await call('GET', '/v1/orders/ORD-1003')).body.refunds).toHaveLength(1);
    });

    it('refuses the same key with a different body or path', async () => {
      await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'mistake' }, idem: 'k1' });
      expect(await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'other' }, idem: 'k1' })).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
      expect(await call('POST', '/v1/orders/ORD-1003/cancel', { body: { reason: 'mistake' }, idem: 'k1' })).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    });

    it('replays a business refusal, but lets a validation error be retried', async () => {
      const refused = await call('POST', '/v1/orders/ORD-1001/cancel', { body: { reason: 'late' }, idem: 'k-refused' });
      const replay = await call('POST', '/v1/orders/ORD-1001/cancel', { body: { reason: 'late' }, idem: 'k-refused' });
      expect([refused.status, replay.status, replay.replayed]).toEqual([409, 409, 'true']);

      const invalid = await call('POST', '/v1/orders/ORD-1002/cancel', { body: {}, idem: 'k-invalid' });
      expect(invalid.status).toBe(422);
      const fixed = await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'mistake' }, idem: 'k-invalid' });
      expect(fixed.status).toBe(200);
    });

    it('forgets keys on reset', async () => {
      await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'mistake' }, idem: 'k-reset' });
      await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
      const res = await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'mistake' }, idem: 'k-reset' });
      expect([res.status, res.replayed]).toEqual([200, null]);
    });

    it('rejects malformed JSON and over-long keys with 400', async () => {
      expect((await call('POST', '/v1/orders/ORD-1002/cancel', { body: '{nope' })).body.error.code).toBe('invalid_json');
      expect((await call('POST', '/v1/orders/ORD-1002/cancel', { body: { reason: 'x' }, idem: 'k'.repeat(256) })).body.error.code).toBe('invalid_idempotency_key');
    });
  });

  it('dumps a world that loads back unchanged', async () => {
    await call('POST', '/v1/orders/ORD-1001/returns', { body: { line_item_ids: ['LI-1001-2'], reason: 'x' } });
    const dumped = await (await fetch(`${sb.url}/__sandbox/world`)).json();
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(dumped) });
    expect(await (await fetch(`${sb.url}/__sandbox/world`)).json()).toEqual(dumped);
  });
});
