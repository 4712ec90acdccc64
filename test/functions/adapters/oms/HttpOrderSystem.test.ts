import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpOrderSystem } from '../../../../functions/src/adapters/oms/HttpOrderSystem.js';
import { startSandbox, type SandboxEnv, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createOmsSandbox } from '../../../../sandbox/oms/createOmsSandbox.js';
import type { OmsWorld } from '../../../../sandbox/oms/OmsWorld.js';
import { demoOmsWorld } from '../../../sandbox/oms/demoOmsWorld.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const code = (res: { ok: boolean; error?: { code: string; retryable: boolean } }) => (res.ok ? 'ok' : `${res.error!.code}${res.error!.retryable ? ' (retryable)' : ''}`);

describe('HttpOrderSystem over HTTP against the OMS sandbox', () => {
  let sb: SandboxHandle;
  let oms: HttpOrderSystem;
  const world = async () => (await (await fetch(`${sb.url}/__sandbox/world`)).json()) as { orders: { id: string; refunds: unknown[]; status: string }[] };

  beforeAll(async () => {
    sb = await startSandbox(createOmsSandbox(demoOmsWorld()));
    oms = new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'demo-oms-key', timeoutMs: 2_000 });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('reads an order into the port shape', async () => {
    const res = await oms.getOrder('ORD-1001');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value).toMatchObject({
      id: 'ORD-1001',
      customer: { id: 'CUS-1001', email: 'jane.cooper@example.com', name: 'Jane Cooper' },
      status: 'delivered',
      placedAt: '2026-11-02T10:00:00Z',
      total: usd(8400),
      shippingCost: usd(900),
      lineItems: [
        { id: 'LI-1001-1', sku: 'SHOE-TRAIL-42', name: 'Trail Runner Shoes', quantity: 1, unitPrice: usd(6500) },
        { id: 'LI-1001-2', sku: 'SOCK-RUN-M', name: 'Running Socks', quantity: 1, unitPrice: usd(1000) },
      ],
      shippingAddress: { name: 'Jane Cooper', line1: '1200 Market St', line2: 'Apt 4B', city: 'San Francisco', state: 'CA', postalCode: '94103', country: 'US' },
      payment: { provider: 'stripe', chargeId: 'ch_demo_1001', paymentIntentId: 'pi_demo_1001' },
      refunds: [],
      returns: [],
      cancelledAt: null,
      cancelReason: null,
      notes: null,
      link: `${sb.url}/admin/orders/ORD-1001`,
    });
    expect(res.value.shipments).toEqual([
      expect.objectContaining({
        id: 'SHP-1001',
        trackingNumber: '1Z999AA10123456784',
        status: 'delivered',
        lineItemIds: ['LI-1001-1', 'LI-1001-2'],
        shippedAt: '2026-11-03T09:00:00Z',
        promisedDeliveryAt: '2026-11-08T20:00:00Z',
        deliveredAt: '2026-11-13T15:30:00Z',
      }),
    ]);
    expect(res.value.shipments[0]!.events[2]).toEqual({ at: '2026-11-07T14:00:00Z', status: 'exception', description: expect.stringContaining('Weather delay'), location: 'Sacramento, CA' });
  });

  it('lists a customer’s orders, and none for a customer without orders', async () => {
    const jane = await oms.listOrdersForCustomer('jane.cooper@example.com');
    expect(jane.ok && jane.value.map((o) => o.id)).toEqual(['ORD-1007', 'ORD-1008', 'ORD-1011', 'ORD-1001', 'ORD-1004', 'ORD-1005']);
    expect(await oms.listOrdersForCustomer('priya.patel@example.com')).toEqual({ ok: true, value: [] });
  });

  it('follows pages when a customer has more orders than one page holds', async () => {
    const base = demoOmsWorld();
    const template = base.orders!.find((o) => o.id === 'ORD-1002')!;
    const many: OmsWorld = {
      ...base,
      orders: Array.from({ length: 130 }, (_, i) => ({ ...template, id: `ORD-${5000 + i}`, placed_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() })),
    };
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(many) });
    const res = await oms.listOrdersForCustomer('marcus.lee@example.com');
    expect(res.ok && res.value.length).toBe(130);
    expect(res.ok && new Set(res.value.map((o) => o.id)).size).toBe(130);
  });

  it('cancels a processing order, sending the idempotency key; a retry with the key applies once', async () => {
    const first = await oms.cancelOrder('ORD-1002', 'bought by mistake', 'case-102:cancel');
    expect(first.ok && [first.value.status, first.value.cancelReason]).toEqual(['cancelled', 'bought by mistake']);
    expect(sb.requests.at(-1)!.headers['idempotency-key']).toBe('case-102:cancel');
    expect(sb.requests.at(-1)!.headers.authorization).toBe('Bearer demo-oms-key');
    const retry = await oms.cancelOrder('ORD-1002', 'bought by mistake', 'case-102:cancel');
    expect(retry).toEqual(first);
  });

  it('a business refusal is `declined` and not retryable', async () => {
    expect(code(await oms.cancelOrder('ORD-1001', 'late', 'k1'))).toBe('declined');
    expect(code(await oms.updateShippingAddress('ORD-1003', { line1: '1 Main St', city: 'Denver', postalCode: '80202', country: 'US' }, 'k2'))).toBe('declined');
    expect(code(await oms.createReturn('ORD-1002', { lineItemIds: ['LI-1002-1'], reason: 'changed mind' }, 'k3'))).toBe('declined');
    expect(code(await oms.recordRefund('ORD-1001', { amount: usd(9000), reason: 'too much', externalRefundId: 're_x' }, 'k4'))).toBe('declined');
  });

  it('updates the shipping address before shipment', async () => {
    const res = await oms.updateShippingAddress('ORD-1002', { line1: '1 Ocean Dr', city: 'Miami Beach', state: 'FL', postalCode: '33139', country: 'US' }, 'case-102:address');
    expect(res.ok && res.value.shippingAddress).toEqual({ line1: '1 Ocean Dr', line2: null, city: 'Miami Beach', state: 'FL', postalCode: '33139', country: 'US' });
  });

  it('records a refund once, and refuses the same key with a different refund', async () => {
    const refund = { amount: usd(1680), reason: 'late delivery (20%)', externalRefundId: 're_demo_1' };
    const res = await oms.recordRefund('ORD-1001', refund, 'case-101:record-refund');
    expect(res.ok && res.value.refunds).toEqual([{ id: expect.any(String), amount: usd(1680), reason: 'late delivery (20%)', externalRefundId: 're_demo_1', createdAt: expect.any(String) }]);
    expect((await oms.recordRefund('ORD-1001', refund, 'case-101:record-refund')).ok).toBe(true);
    const reused = await oms.recordRefund('ORD-1001', { ...refund, amount: usd(2000) }, 'case-101:record-refund');
    expect(code(reused)).toBe('idempotency_conflict');
    expect((await world()).orders.find((o) => o.id === 'ORD-1001')!.refunds).toHaveLength(1);
  });

  it('creates a return authorization', async () => {
    const res = await oms.createReturn('ORD-1003', { lineItemIds: ['LI-1003-1'], reason: 'arrived late' }, 'case-103:return');
    expect(res).toEqual({
      ok: true,
      value: { id: expect.stringMatching(/^RMA-\d+$/), orderId: 'ORD-1003', lineItemIds: ['LI-1003-1'], status: 'label_issued', labelUrl: expect.stringMatching(/\/labels\/RMA-\d+\.pdf$/), reason: 'arrived late', createdAt: expect.any(String) },
    });
  });

  describe('failures', () => {
    it.each([
      ['an unknown order', () => oms.getOrder('ORD-9999'), 'not_found'],
      ['an unknown line item', () => oms.createReturn('ORD-1001', { lineItemIds: ['LI-X'], reason: 'x' }, 'k5'), 'invalid_request'],
      ['a refund in the wrong currency', () => oms.recordRefund('ORD-1001', { amount: { amount: 100, currency: 'eur' }, reason: 'x', externalRefundId: 're_eur' }, 'k6'), 'invalid_request'],
      ['a bad API key', () => new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'nope' }).getOrder('ORD-1001'), 'auth_failed'],
      ['a read-only key writing (403)', () => new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'demo-oms-readonly-key' }).cancelOrder('ORD-1002', 'x', 'k7'), 'auth_failed'],
    ] as const)('%s', async (_name, run, expected) => {
      expect(code(await run())).toBe(expected);
    });

    it.each([
      [500, {}, 'unavailable (retryable)'],
      [502, {}, 'unavailable (retryable)'],
      [429, { error: { code: 'rate_limited', message: 'slow down' } }, 'rate_limited (retryable)'],
      [409, { error: { code: 'idempotency_request_in_progress', message: 'busy' } }, 'conflict (retryable)'],
      [409, { error: { code: 'order_not_cancellable', message: 'shipped' } }, 'declined'],
      [422, { error: { code: 'idempotency_key_reused', message: 'reused' } }, 'idempotency_conflict'],
      [400, { error: { code: 'invalid_json', message: 'bad' } }, 'invalid_request'],
      // A vendor code never turns a server error into a business refusal.
      [503, { error: { code: 'order_not_cancellable', message: 'odd' } }, 'unavailable (retryable)'],
    ])('injected %i %j → %s', async (status, body, expected) => {
      sb.faults.add({ path: '/v1/orders/ORD-1002/cancel', kind: 'status', status, body });
      expect(code(await oms.cancelOrder('ORD-1002', 'mistake', 'k-fault'))).toBe(expected);
    });

    it('a hung request → timeout after timeoutMs', async () => {
      const impatient = new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'demo-oms-key', timeoutMs: 150 });
      sb.faults.add({ path: '/v1/orders/ORD-1001', kind: 'timeout' });
      expect(code(await impatient.getOrder('ORD-1001'))).toBe('timeout (retryable)');
    });

    it('a dropped connection → unavailable; the retry with the same key applies once', async () => {
      sb.faults.add({ path: '/v1/orders/ORD-1003/refunds', kind: 'reset' });
      const refund = { amount: usd(9500), reason: 'late delivery (20%)', externalRefundId: 're_demo_3' };
      expect(code(await oms.recordRefund('ORD-1003', refund, 'case-103:record-refund'))).toBe('unavailable (retryable)');
      expect((await oms.recordRefund('ORD-1003', refund, 'case-103:record-refund')).ok).toBe(true);
      expect((await oms.recordRefund('ORD-1003', refund, 'case-103:record-refund')).ok).toBe(true);
      expect((await world()).orders.find((o) => o.id === 'ORD-1003')!.refunds).toHaveLength(1);
    });
  });
});

describe('HttpOrderSystem against a server that breaks the contract', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    const app = new Hono<SandboxEnv>();
    app.get('/v1/orders/:id', (c) => c.json({ id: c.req.param('id'), status: 'teleported' }));
    app.get('/v1/orders', (c) => c.text('<html>maintenance</html>'));
    sb = await startSandbox({ name: 'broken-oms', app, dumpWorld: () => null, resetWorld: () => undefined });
  });
  afterAll(() => sb.close());

  it('reports an unexpected shape or a non-JSON body as unavailable', async () => {
    const oms = new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'k' });
    const shape = await oms.getOrder('ORD-1');
    expect(shape.ok ? null : [shape.error.code, shape.error.message]).toEqual(['unavailable', expect.stringContaining('unexpected response shape')]);
    const html = await oms.listOrdersForCustomer('a@b.c');
    expect(html.ok ? null : [html.error.code, html.error.message]).toEqual(['unavailable', expect.stringContaining('not JSON')]);
  });
});
