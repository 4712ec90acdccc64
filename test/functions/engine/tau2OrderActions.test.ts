// orders.return_items and orders.cancel (with τ²'s reasons) against the τ² OMS sandbox through the
// real adapter: execute under the key, a repeat does not act twice, verify re-reads the order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpOrderSystem } from '../../../functions/src/adapters/oms/HttpOrderSystem.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { cancelOrder, returnItems } from '../../../functions/src/engine/actions/orderActions.js';
import type { Connectors } from '../../../functions/src/engine/EngineDeps.js';
import { ToolTrace } from '../../../functions/src/engine/traced.js';
import { loadTau2World, TAU2_OMS_KEY } from '../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { readTau2Db } from '../../../sandbox/worlds/tau2-retail/tau2Records.js';
import { startTau2Oms, type Tau2Oms } from '../../sandbox/oms/tau2Fixtures.js';

const proposal = (type: string, params: Record<string, unknown>): Proposal =>
  ({ id: 'p1', step: 'r1.x', playbookId: 'pb', title: 't', action: { type, params, amount: null }, status: 'approved', after: [] }) as unknown as Proposal;
const trace = () => new ToolTrace({ now: () => new Date('2026-11-20T12:00:00Z') } as never);

describe('τ² order actions', () => {
  let oms: Tau2Oms;
  let c: Connectors;
  beforeAll(async () => {
    oms = await startTau2Oms(loadTau2World(readTau2Db()));
    c = { orders: new HttpOrderSystem({ baseUrl: oms.sb.url, apiKey: TAU2_OMS_KEY, timeoutMs: 5_000 }) } as unknown as Connectors;
  });
  afterAll(() => oms.sb.close());
  beforeEach(() => oms.reset());

  it('returns delivered items to the original method once; verify confirms, and fails before the write', async () => {
    const p = proposal('orders.return_items', { orderId: '#W2378156', lineItemIds: ['LI-W2378156-1', 'LI-W2378156-2'], refundPaymentMethodId: 'credit_card_9513926' });
    expect(await returnItems.verify(c, p, '#W2378156', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await returnItems.execute(c, p, 'cc:case_1:r1.return', trace())).toMatchObject({ ok: true, value: { externalId: '#W2378156', output: { status: 'return_requested' } } });
    expect((await returnItems.execute(c, p, 'cc:case_1:r1.return', trace())).ok).toBe(true);
    expect(await returnItems.verify(c, p, '#W2378156', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });

  it('a pending order cannot be returned (the OMS refuses)', async () => {
    const p = proposal('orders.return_items', { orderId: '#W5056519', lineItemIds: ['LI-W5056519-1'], refundPaymentMethodId: 'credit_card_3095586' });
    expect((await returnItems.execute(c, p, 'cc:case_2:r1.return', trace())).ok).toBe(false);
  });

  it('cancels a pending order with a τ² reason; an unknown reason is refused by the OMS', async () => {
    const bad = proposal('orders.cancel', { orderId: '#W5056519', reason: 'customer_request' });
    expect((await cancelOrder.execute(c, bad, 'cc:case_3:r1.cancel', trace())).ok).toBe(false);
    const p = proposal('orders.cancel', { orderId: '#W5056519', reason: 'ordered by mistake' });
    expect(await cancelOrder.execute(c, p, 'cc:case_4:r1.cancel', trace())).toMatchObject({ ok: true, value: { output: { status: 'cancelled' } } });
    expect(await cancelOrder.verify(c, p, '#W5056519', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });
});
