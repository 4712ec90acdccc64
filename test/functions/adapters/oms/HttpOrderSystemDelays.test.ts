// The delayed-orders read of the OMS contract (GET /v1/orders?delayed=true) over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpOrderSystem } from '../../../../functions/src/adapters/oms/HttpOrderSystem.js';
import { startSandbox, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createOmsSandbox } from '../../../../sandbox/oms/createOmsSandbox.js';
import type { OmsWorld } from '../../../../sandbox/oms/OmsWorld.js';
import { demoOmsWorld } from '../../../sandbox/oms/demoOmsWorld.js';

type Shipment = Record<string, unknown>;

function worldWithDelays(): OmsWorld {
  const world = structuredClone(demoOmsWorld());
  const orders = world.orders as unknown as { id: string; status: string; shipments: Shipment[] }[];
  const order = (id: string) => orders.find((o) => o.id === id)!;
  // Late, from the demo world itself: ORD-1008 in transit (ETA Nov 25). ORD-1009's ETA is unknown here.
  order('ORD-1009').shipments[0]!['estimated_delivery_at'] = null;
  // On time: ETA before the promise.
  Object.assign(order('ORD-1011').shipments[0]!, { estimated_delivery_at: '2026-11-21T10:00:00Z' });
  // Delivered late is no longer "delayed": nothing left to wait for.
  Object.assign(order('ORD-1001').shipments[0]!, { estimated_delivery_at: '2026-11-13T15:30:00Z' });
  // Cancelled orders are never delayed, whatever their shipment says.
  order('ORD-1002').status = 'cancelled';
  order('ORD-1002').shipments = [{ id: 'SHP-1002', carrier: 'UPS', tracking_number: '1Z2', status: 'label_created', line_item_ids: ['LI-1002-1'], promised_delivery_at: '2026-11-18T20:00:00Z', estimated_delivery_at: '2026-11-27T20:00:00Z' }];
  return world;
}

describe('HttpOrderSystem.listDelayedOrders against the OMS sandbox', () => {
  let sb: SandboxHandle;
  let oms: HttpOrderSystem;

  beforeAll(async () => {
    sb = await startSandbox(createOmsSandbox(worldWithDelays()));
    oms = new HttpOrderSystem({ baseUrl: sb.url, apiKey: 'demo-oms-key', timeoutMs: 2_000 });
  });
  afterAll(() => sb.close());

  it('returns only live orders with a shipment whose ETA is after the promised date', async () => {
    const res = await oms.listDelayedOrders();
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.map((o) => o.id)).toEqual(['ORD-1008']);
    expect(res.value[0]!.shipments[0]).toMatchObject({ id: 'SHP-1008', status: 'in_transit', promisedDeliveryAt: '2026-11-22T20:00:00Z', estimatedDeliveryAt: '2026-11-25T20:00:00Z' });
  });

  it('reads the ETA of every shipment, null when the OMS does not know it', async () => {
    const res = await oms.getOrder('ORD-1006');
    expect(res.ok && res.value.shipments[0]!.estimatedDeliveryAt).toBeNull();
    const onTime = await oms.getOrder('ORD-1011');
    expect(onTime.ok && onTime.value.shipments[0]!.estimatedDeliveryAt).toBe('2026-11-21T10:00:00Z');
  });

  it('refuses a delayed filter that is not true or false', async () => {
    const r = await fetch(`${sb.url}/v1/orders?delayed=yes`, { headers: { authorization: 'Bearer demo-oms-key' } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_parameter');
    const all = await fetch(`${sb.url}/v1/orders?delayed=false&limit=100`, { headers: { authorization: 'Bearer demo-oms-key' } });
    expect(((await all.json()) as { data: unknown[] }).data.length).toBeGreaterThan(1);
  });

  it('maps a failing OMS to a retryable error', async () => {
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/v1/orders', kind: 'status', status: 503, times: 1 }) });
    const res = await oms.listDelayedOrders();
    expect(res.ok ? 'ok' : `${res.error.code}:${res.error.retryable}`).toBe('unavailable:true');
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
  });
});
