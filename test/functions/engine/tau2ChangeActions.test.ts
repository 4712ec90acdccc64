// orders.modify_payment, orders.modify_items, orders.exchange_items and
// customers.update_default_address against the τ² OMS sandbox through the real adapter: verify
// fails before the write, execute under the key, a repeat does not act twice, verify re-reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpOrderSystem } from '../../../functions/src/adapters/oms/HttpOrderSystem.js';
import type { Proposal } from '../../../functions/src/domain/proposal.js';
import { ACTION_HANDLERS } from '../../../functions/src/engine/actions.js';
import { exchangeItems, modifyItems, modifyPayment, updateDefaultAddress } from '../../../functions/src/engine/actions/orderActions.js';
import type { Connectors } from '../../../functions/src/engine/EngineDeps.js';
import { ToolTrace } from '../../../functions/src/engine/traced.js';
import { loadTau2World, TAU2_OMS_KEY } from '../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { readTau2Db } from '../../../sandbox/worlds/tau2-retail/tau2Records.js';
import { startTau2Oms, type Tau2Oms } from '../../sandbox/oms/tau2Fixtures.js';

const proposal = (type: string, params: Record<string, unknown>): Proposal =>
  ({ id: 'p1', step: 'r1.x', playbookId: 'pb', title: 't', action: { type, params, amount: null }, status: 'approved', after: [] }) as unknown as Proposal;
const trace = () => new ToolTrace({ now: () => new Date('2026-11-20T12:00:00Z') } as never);

describe('τ² order-change actions', () => {
  let oms: Tau2Oms;
  let c: Connectors;
  beforeAll(async () => {
    oms = await startTau2Oms(loadTau2World(readTau2Db()));
    c = { orders: new HttpOrderSystem({ baseUrl: oms.sb.url, apiKey: TAU2_OMS_KEY, timeoutMs: 5_000 }) } as unknown as Connectors;
  });
  afterAll(() => oms.sb.close());
  beforeEach(() => oms.reset());

  const order = (id: string) => oms.dump().orders.find((o) => o.id === id)!;

  it('registers a handler for each new action type', () => {
    expect(ACTION_HANDLERS['orders.modify_payment']).toBe(modifyPayment);
    expect(ACTION_HANDLERS['orders.modify_items']).toBe(modifyItems);
    expect(ACTION_HANDLERS['orders.exchange_items']).toBe(exchangeItems);
    expect(ACTION_HANDLERS['customers.update_default_address']).toBe(updateDefaultAddress);
  });

  it('moves a pending order\'s payment to the gift card once; verify confirms from the payment history', async () => {
    const p = proposal('orders.modify_payment', { orderId: '#W1080318', paymentMethodId: 'gift_card_3749819' });
    expect(await modifyPayment.verify(c, p, '#W1080318', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await modifyPayment.execute(c, p, 'cc:case_1:r1.modify_payment', trace())).toMatchObject({ ok: true, value: { externalId: '#W1080318', output: { status: 'pending' } } });
    expect((await modifyPayment.execute(c, p, 'cc:case_1:r1.modify_payment', trace())).ok).toBe(true);
    expect(order('#W1080318').payment_history).toHaveLength(3);
    expect(await modifyPayment.verify(c, p, '#W1080318', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
  });

  it('a gift card that cannot cover the total is refused by the OMS too', async () => {
    const p = proposal('orders.modify_payment', { orderId: '#W6030855', paymentMethodId: 'gift_card_5372803' });
    expect(await modifyPayment.execute(c, p, 'cc:case_2:r1.modify_payment', trace())).toMatchObject({ ok: false, error: { code: 'declined' } });
    expect(order('#W6030855').payment_history).toHaveLength(1);
  });

  it('changes a pending order\'s items once; a second change is refused', async () => {
    const p = proposal('orders.modify_items', { orderId: '#W2466703', lineItemIds: ['LI-W2466703-3'], newSkus: ['8733974883'], paymentMethodId: 'paypal_7529813' });
    expect(await modifyItems.verify(c, p, '#W2466703', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await modifyItems.execute(c, p, 'cc:case_3:r1.modify_items', trace())).toMatchObject({ ok: true, value: { output: { status: 'pending_items_modified' } } });
    expect((await modifyItems.execute(c, p, 'cc:case_3:r1.modify_items', trace())).ok).toBe(true);
    expect(order('#W2466703').payment_history).toHaveLength(2);
    expect(await modifyItems.verify(c, p, '#W2466703', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
    const again = proposal('orders.modify_items', { orderId: '#W2466703', lineItemIds: ['LI-W2466703-1'], newSkus: ['7082455361'], paymentMethodId: 'paypal_7529813' });
    expect(await modifyItems.execute(c, again, 'cc:case_4:r1.modify_items', trace())).toMatchObject({ ok: false, error: { code: 'declined' } });
  });

  it('lineItemIds and newSkus must pair up', async () => {
    const p = proposal('orders.modify_items', { orderId: '#W2466703', lineItemIds: ['LI-W2466703-3'], newSkus: [], paymentMethodId: 'paypal_7529813' });
    await expect(modifyItems.execute(c, p, 'cc:case_5:r1.modify_items', trace())).rejects.toThrow(/newSkus/);
  });

  it('requests the exchange of delivered items; verify confirms from the exchange request', async () => {
    const p = proposal('orders.exchange_items', { orderId: '#W6908222', lineItemIds: ['LI-W6908222-2'], newSkus: ['4063058357'], paymentMethodId: 'paypal_4518393' });
    expect(await exchangeItems.verify(c, p, '#W6908222', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await exchangeItems.execute(c, p, 'cc:case_6:r1.exchange', trace())).toMatchObject({ ok: true, value: { output: { status: 'exchange_requested' } } });
    expect((await exchangeItems.execute(c, p, 'cc:case_6:r1.exchange', trace())).ok).toBe(true);
    expect(await exchangeItems.verify(c, p, '#W6908222', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
    expect(order('#W6908222').exchange_request).toMatchObject({ price_difference: { amount: 1685, currency: 'usd' } });
  });

  it('a pending order cannot be exchanged (the OMS refuses)', async () => {
    const p = proposal('orders.exchange_items', { orderId: '#W2466703', lineItemIds: ['LI-W2466703-3'], newSkus: ['8733974883'], paymentMethodId: 'paypal_7529813' });
    expect(await exchangeItems.execute(c, p, 'cc:case_7:r1.exchange', trace())).toMatchObject({ ok: false, error: { code: 'declined' } });
  });

  it('changes the customer\'s default address; verify re-reads the customer', async () => {
    const p = proposal('customers.update_default_address', { customerId: 'lucas_santos_6600', line1: '943 Maple Drive', line2: 'Suite 356', city: 'Chicago', state: 'IL', postalCode: '60621', country: 'US' });
    expect(await updateDefaultAddress.verify(c, p, 'lucas_santos_6600', trace())).toMatchObject({ ok: true, value: { state: 'failed' } });
    expect(await updateDefaultAddress.execute(c, p, 'cc:case_8:r1.update_default_address', trace())).toMatchObject({ ok: true, value: { externalId: 'lucas_santos_6600' } });
    expect(await updateDefaultAddress.verify(c, p, 'lucas_santos_6600', trace())).toMatchObject({ ok: true, value: { state: 'confirmed' } });
    expect(oms.dump().customers.find((x) => x.id === 'lucas_santos_6600')!.default_address).toMatchObject({ line1: '943 Maple Drive', city: 'Chicago', postal_code: '60621' });
  });
});
