// HttpOrderSystem's customer, catalog and order-change calls over HTTP against the OMS sandbox on
// the τ²-retail world: port shapes, the keys it sends, and which refusals become `declined`.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpOrderSystem, OMS_ERROR_CODES } from '../../../../functions/src/adapters/oms/HttpOrderSystem.js';
import { TAU2_OMS_KEY, TAU2_OMS_READONLY_KEY } from '../../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { startTau2Oms, type Tau2Oms } from '../../../sandbox/oms/tau2Fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const code = (res: { ok: boolean; error?: { code: string; message: string } }) => (res.ok ? 'ok' : `${res.error!.code} ${res.error!.message.split(':')[0]}`);

describe('HttpOrderSystem customers, catalog and order changes', () => {
  let oms: Tau2Oms;
  let port: HttpOrderSystem;

  beforeAll(async () => {
    oms = await startTau2Oms();
    port = new HttpOrderSystem({ baseUrl: oms.sb.url, apiKey: TAU2_OMS_KEY, timeoutMs: 5_000 });
  });
  afterAll(() => oms.sb.close());
  beforeEach(() => oms.reset());

  it('finds a customer by email into the port shape, and null for an unknown email', async () => {
    const res = await port.findCustomerByEmail('Noah.Brown7922@example.com');
    expect(res).toEqual({
      ok: true,
      value: {
        id: 'noah_brown_6181',
        email: 'noah.brown7922@example.com',
        firstName: 'Noah',
        lastName: 'Brown',
        name: 'Noah Brown',
        defaultAddress: { line1: '986 Sunset Drive', line2: 'Suite 259', city: 'Denver', state: 'CO', postalCode: '80279', country: 'US' },
        paymentMethods: [
          { id: 'paypal_5727330', type: 'paypal', brand: null, lastFour: null, balance: null },
          { id: 'credit_card_7815826', type: 'credit_card', brand: 'mastercard', lastFour: '9212', balance: null },
        ],
        orderIds: ['#W7678072'],
        link: `${oms.sb.url}/admin/customers/noah_brown_6181`,
      },
    });
    expect(await port.findCustomerByEmail('nobody@example.com')).toEqual({ ok: true, value: null });
  });

  it('finds customers by name and zip, and reads one by id', async () => {
    const found = await port.findCustomersByNameAndZip({ firstName: 'yusuf', lastName: 'rossi', postalCode: '19122' });
    expect(found.ok && found.value.map((c) => c.id)).toEqual(['yusuf_rossi_9620']);
    expect(await port.findCustomersByNameAndZip({ firstName: 'Yusuf', lastName: 'Rossi', postalCode: '00000' })).toEqual({ ok: true, value: [] });
    const ethan = await port.getCustomer('ethan_garcia_1261');
    expect(ethan.ok && ethan.value.paymentMethods.find((m) => m.type === 'gift_card')).toEqual({ id: 'gift_card_4332117', type: 'gift_card', brand: null, lastFour: null, balance: usd(8600) });
    expect(code(await port.getCustomer('nobody_1'))).toMatch(/^not_found/);
  });

  it('reads products and variants', async () => {
    const all = await port.listProducts();
    expect(all.ok && all.value.length).toBe(50);
    const shirt = await port.getProduct('9523456873');
    expect(shirt.ok && shirt.value.variants.find((v) => v.sku === '9612497925')).toEqual({
      sku: '9612497925', productId: '9523456873', options: { color: 'blue', size: 'M', material: 'cotton', style: 'crew neck' }, price: usd(5088), available: true,
    });
    expect(await port.getVariant('5047954489')).toMatchObject({ ok: true, value: { productId: '9523456873', available: false } });
    expect(code(await port.getVariant('nope'))).toMatch(/^not_found/);
  });

  it('reads a τ² order with catalog items, store payments and requests', async () => {
    const res = await port.getOrder('#W2611340');
    expect(res.ok && res.value).toMatchObject({
      id: '#W2611340',
      status: 'shipped',
      payment: { provider: 'store', chargeId: null, paymentIntentId: null },
      paymentHistory: [{ type: 'payment', amount: usd(53665), paymentMethodId: 'gift_card_1725971' }],
      returnRequest: null,
      exchangeRequest: null,
      lineItems: [{ id: 'LI-W2611340-1', sku: '6469567736', productId: '8310926033', options: { capacity: '1000ml', material: 'glass', color: 'blue' } }, { id: 'LI-W2611340-2' }],
    });
  });

  it('changes payment, items, and requests returns and exchanges, sending the idempotency key', async () => {
    const paid = await port.modifyPendingOrderPayment('#W1080318', 'gift_card_3749819', 'case-1:payment');
    expect(paid.ok && paid.value.paymentHistory?.map((t) => [t.type, t.paymentMethodId])).toEqual([['payment', 'credit_card_3577130'], ['payment', 'gift_card_3749819'], ['refund', 'credit_card_3577130']]);
    expect(oms.sb.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/orders/%23W1080318/payment_method', headers: { 'idempotency-key': 'case-1:payment' } });

    const items = await port.modifyPendingOrderItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '9612497925' }], paymentMethodId: 'gift_card_3749819' }, 'case-1:items');
    expect(items.ok && [items.value.status, items.value.lineItems[0]!.sku, items.value.total]).toEqual(['pending_items_modified', '9612497925', usd(5088)]);

    const ret = await port.returnDeliveredItems('#W5866402', { lineItemIds: ['LI-W5866402-2'], refundPaymentMethodId: 'paypal_8049766', reason: 'not needed' }, 'case-2:return');
    expect(ret.ok && [ret.value.status, ret.value.returnRequest]).toEqual(['return_requested', { lineItemIds: ['LI-W5866402-2'], refundPaymentMethodId: 'paypal_8049766', reason: 'not needed', requestedAt: '2026-11-20T12:00:00Z' }]);

    const ex = await port.exchangeDeliveredItems('#W4817420', { items: [{ lineItemId: 'LI-W4817420-1', newSku: '5758737025' }], paymentMethodId: 'gift_card_8168843' }, 'case-3:exchange');
    expect(ex.ok && [ex.value.status, ex.value.exchangeRequest]).toEqual([
      'exchange_requested',
      { items: [{ lineItemId: 'LI-W4817420-1', newSku: '5758737025' }], paymentMethodId: 'gift_card_8168843', priceDifference: usd(-267), reason: null, requestedAt: '2026-11-20T12:00:00Z' },
    ]);
    expect(await port.exchangeDeliveredItems('#W4817420', { items: [{ lineItemId: 'LI-W4817420-1', newSku: '5758737025' }], paymentMethodId: 'gift_card_8168843' }, 'case-3:exchange')).toEqual(ex);
  });

  it('updates a customer’s default address', async () => {
    const res = await port.updateCustomerDefaultAddress('lucas_santos_6600', { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' }, 'case-4:address');
    expect(res.ok && res.value.defaultAddress).toEqual({ line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postalCode: '78701', country: 'US' });
  });

  it.each([
    ['cancel a delivered order', () => port.cancelOrder('#W4817420', 'no longer needed', 'k1'), 'declined order_not_cancellable'],
    ['modify items twice', async () => {
      await port.modifyPendingOrderItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '9612497925' }], paymentMethodId: 'credit_card_3577130' }, 'k2');
      return port.modifyPendingOrderItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '1176194968' }], paymentMethodId: 'credit_card_3577130' }, 'k3');
    }, 'declined order_items_already_modified'],
    ['return a pending order', () => port.returnDeliveredItems('#W1080318', { lineItemIds: ['LI-W1080318-1'], refundPaymentMethodId: 'credit_card_3577130' }, 'k4'), 'declined order_not_returnable'],
    ['exchange a pending order', () => port.exchangeDeliveredItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '9612497925' }], paymentMethodId: 'credit_card_3577130' }, 'k5'), 'declined order_not_exchangeable'],
    ['pay with a short gift card', () => port.modifyPendingOrderPayment('#W2443586', 'gift_card_2742113', 'k6'), 'declined insufficient_gift_card_balance'],
    ['switch to an unavailable variant', () => port.modifyPendingOrderItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '5047954489' }], paymentMethodId: 'credit_card_3577130' }, 'k7'), 'declined variant_unavailable'],
    ['refund to another card', () => port.returnDeliveredItems('#W5866402', { lineItemIds: ['LI-W5866402-1'], refundPaymentMethodId: 'credit_card_9753331' }, 'k8'), 'declined refund_method_not_allowed'],
    ['change payment of a delivered order', () => port.modifyPendingOrderPayment('#W4817420', 'gift_card_8168843', 'k9'), 'declined order_not_modifiable'],
    ['a cancel reason τ² refuses', () => port.cancelOrder('#W1080318', 'changed my mind', 'k10'), 'invalid_request invalid_cancel_reason'],
    ['another product’s item', () => port.modifyPendingOrderItems('#W1080318', { items: [{ lineItemId: 'LI-W1080318-1', newSku: '6469567736' }], paymentMethodId: 'credit_card_3577130' }, 'k11'), 'invalid_request unknown_variant'],
    ['an unknown payment method', () => port.modifyPendingOrderPayment('#W1080318', 'paypal_1', 'k12'), 'invalid_request unknown_payment_method'],
    ['an unknown customer', () => port.updateCustomerDefaultAddress('nobody_1', { line1: 'x', city: 'y', postalCode: '1', country: 'US' }, 'k13'), 'not_found customer_not_found'],
    ['a read-only key', () => new HttpOrderSystem({ baseUrl: oms.sb.url, apiKey: TAU2_OMS_READONLY_KEY }).modifyPendingOrderPayment('#W1080318', 'gift_card_3749819', 'k14'), 'auth_failed insufficient_scope'],
  ] as const)('%s → %s', async (_n, run, expected) => {
    expect(code(await run())).toBe(expected);
  });

  it('maps every 409 code of the contract to declined, and no 422 code', () => {
    const declined = Object.entries(OMS_ERROR_CODES).filter(([, c]) => c === 'declined').map(([k]) => k).sort();
    expect(declined).toEqual([
      'insufficient_gift_card_balance', 'line_items_already_returned', 'order_already_shipped', 'order_cancelled', 'order_items_already_modified', 'order_not_cancellable',
      'order_not_exchangeable', 'order_not_modifiable', 'order_not_returnable', 'payment_not_changeable', 'refund_already_recorded', 'refund_exceeds_order_total',
      'refund_method_not_allowed', 'variant_unavailable',
    ]);
  });
});
