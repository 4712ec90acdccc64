// The order changes of the OMS contract over HTTP, on the τ²-retail world: payment and item changes
// before shipment, return and exchange requests after delivery, the default address, gift-card
// money, each refusal's code (with nothing written), and the two τ² quirks on and off.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTau2World, TAU2_OMS_KEY } from '../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { startTau2Oms, type Tau2Oms } from './tau2Fixtures.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });

describe('OMS order changes (τ²-retail world)', () => {
  let oms: Tau2Oms;
  const call = async (method: string, path: string, body?: unknown, idem?: string) => {
    const res = await fetch(`${oms.sb.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TAU2_OMS_KEY}`, 'content-type': 'application/json', ...(idem ? { 'idempotency-key': idem } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as any };
  };
  const order = (id: string) => `/v1/orders/${encodeURIComponent(id)}`;
  const giftCard = async (customer: string, id: string) => (await call('GET', `/v1/customers/${customer}`)).body.payment_methods.find((m: { id: string }) => m.id === id).balance;

  beforeAll(async () => {
    oms = await startTau2Oms();
  });
  afterAll(() => oms.sb.close());
  beforeEach(() => oms.reset());

  describe('payment method of a pending order', () => {
    it('moves a card payment onto a gift card, spending its balance', async () => {
      const res = await call('POST', `${order('#W1080318')}/payment_method`, { payment_method_id: 'gift_card_3749819' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending', total: usd(5343) });
      expect(res.body.payment_history).toEqual([
        { transaction_type: 'payment', amount: usd(5343), payment_method_id: 'credit_card_3577130' },
        { transaction_type: 'payment', amount: usd(5343), payment_method_id: 'gift_card_3749819' },
        { transaction_type: 'refund', amount: usd(5343), payment_method_id: 'credit_card_3577130' },
      ]);
      expect(await giftCard('omar_kim_3528', 'gift_card_3749819')).toEqual(usd(9100 - 5343));
      // Exactly one payment may be switched, once.
      expect(await call('POST', `${order('#W1080318')}/payment_method`, { payment_method_id: 'credit_card_3577130' })).toMatchObject({ status: 409, body: { error: { code: 'payment_not_changeable' } } });
    });

    it.each([
      // τ² refunds every history entry, the refund included: the gift card gets the amount twice.
      ['τ²’s quirk', true, [['refund', 407945, 'gift_card_7219486'], ['refund', 407945, 'credit_card_9789590'], ['refund', 407945, 'gift_card_7219486']], 4900 + 407945 * 3],
      ['net refunds', false, [['refund', 407945, 'credit_card_9789590']], 4900 + 407945],
    ] as const)('cancelling after a switch from a gift card to a card, with %s', async (_n, quirk, refunds, balance) => {
      oms.reset({ ...loadTau2World(), quirks: { modify_items_uses_last_variant: true, cancel_refunds_every_transaction: quirk } });
      expect((await call('POST', `${order('#W6779827')}/payment_method`, { payment_method_id: 'credit_card_9789590' })).status).toBe(200);
      expect(await giftCard('ethan_lopez_6291', 'gift_card_7219486')).toEqual(usd(4900 + 407945));
      const res = await call('POST', `${order('#W6779827')}/cancel`, { reason: 'no longer needed' });
      expect(res.body).toMatchObject({ status: 'cancelled', cancel_reason: 'no longer needed' });
      expect(res.body.payment_history.slice(3).map((t: any) => [t.transaction_type, t.amount.amount, t.payment_method_id])).toEqual(refunds);
      expect(await giftCard('ethan_lopez_6291', 'gift_card_7219486')).toEqual(usd(balance));
    });

    it('refunds a gift-card-paid order onto the gift card at once when it is cancelled', async () => {
      const res = await call('POST', `${order('#W6779827')}/cancel`, { reason: 'ordered by mistake' });
      expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'refund', amount: usd(407945), payment_method_id: 'gift_card_7219486' });
      expect(await giftCard('ethan_lopez_6291', 'gift_card_7219486')).toEqual(usd(4900 + 407945));
    });
  });

  describe('items of a pending order', () => {
    const cheaperShirt = { items: [{ line_item_id: 'LI-W1080318-1', new_sku: '9612497925' }], payment_method_id: 'credit_card_3577130' };

    it('switches a variant once, refunding the difference, and keeps address and payment changeable', async () => {
      const res = await call('POST', `${order('#W1080318')}/modify_items`, cheaperShirt);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending_items_modified', total: usd(5088) });
      expect(res.body.line_items[0]).toMatchObject({ sku: '9612497925', name: 'T-Shirt', unit_price: usd(5088), options: { color: 'blue', size: 'M', material: 'cotton', style: 'crew neck' } });
      expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'refund', amount: usd(255), payment_method_id: 'credit_card_3577130' });
      const address = { line1: '1 Main St', line2: '', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' };
      expect((await call('POST', `${order('#W1080318')}/shipping_address`, address)).body.shipping_address).toMatchObject(address);
      expect(await call('POST', `${order('#W1080318')}/cancel`, { reason: 'no longer needed' })).toMatchObject({ status: 409, body: { error: { code: 'order_not_cancellable' } } });
    });

    it('charges a more expensive variant to a gift card, which must cover it', async () => {
      const dearer = { items: [{ line_item_id: 'LI-W1080318-1', new_sku: '9647292434' }], payment_method_id: 'gift_card_3749819' };
      const res = await call('POST', `${order('#W1080318')}/modify_items`, dearer);
      expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'payment', amount: usd(5348 - 5343), payment_method_id: 'gift_card_3749819' });
      expect(await giftCard('omar_kim_3528', 'gift_card_3749819')).toEqual(usd(9100 - 5));
    });

    it.each([
      [true, [4666, 4666, 4666]],
      [false, [46675, 13524, 4666]],
    ] as const)('with modify_items_uses_last_variant=%s, prices the changed items as %j', async (quirk, prices) => {
      oms.reset({ ...loadTau2World(), quirks: { modify_items_uses_last_variant: quirk, cancel_refunds_every_transaction: true } });
      const items = [
        { line_item_id: 'LI-W9348897-1', new_sku: '6700049080' },
        { line_item_id: 'LI-W9348897-3', new_sku: '5320792178' },
        { line_item_id: 'LI-W9348897-4', new_sku: '3234800602' },
      ];
      const res = await call('POST', `${order('#W9348897')}/modify_items`, { items, payment_method_id: 'credit_card_8853416' });
      const changed = res.body.line_items.filter((li: { id: string }) => items.some((i) => i.line_item_id === li.id));
      expect(changed.map((li: any) => li.sku)).toEqual(['6700049080', '5320792178', '3234800602']);
      const variants = await Promise.all(items.map(async (i) => (await call('GET', `/v1/variants/${i.new_sku}`)).body));
      // Action camera, desk lamp, t-shirt: τ² gives all three the t-shirt's price and options.
      expect(changed.map((li: any) => li.unit_price.amount)).toEqual(prices);
      expect(changed.map((li: any) => li.options)).toEqual(quirk ? variants.map(() => variants[2].options) : variants.map((v) => v.options));
      // The money moved is the true difference either way.
      expect(res.body.payment_history.at(-1)).toEqual({ transaction_type: 'refund', amount: usd(3613), payment_method_id: 'credit_card_8853416' });
    });
  });

  describe('return and exchange requests on a delivered order', () => {
    it('requests a return to the original method or a gift card, once', async () => {
      const res = await call('POST', `${order('#W5866402')}/return_request`, { line_item_ids: ['LI-W5866402-2'], refund_payment_method_id: 'gift_card_7794233', reason: 'too big' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'return_requested',
        return_request: { line_item_ids: ['LI-W5866402-2'], refund_payment_method_id: 'gift_card_7794233', reason: 'too big', requested_at: '2026-11-20T12:00:00Z' },
      });
      expect(await giftCard('olivia_ito_3591', 'gift_card_7794233')).toEqual(usd(5600));
      expect(await call('POST', `${order('#W5866402')}/exchange_request`, { items: [{ line_item_id: 'LI-W5866402-1', new_sku: '6242772310' }], payment_method_id: 'paypal_8049766' })).toMatchObject({
        status: 409,
        body: { error: { code: 'order_not_exchangeable' } },
      });
      expect(await call('POST', `${order('#W5866402')}/returns`, { line_item_ids: ['LI-W5866402-1'], reason: 'x' })).toMatchObject({ status: 409, body: { error: { code: 'order_not_returnable' } } });
    });

    it('requests an exchange, recording the price difference without moving money', async () => {
      const res = await call('POST', `${order('#W4817420')}/exchange_request`, { items: [{ line_item_id: 'LI-W4817420-1', new_sku: '5758737025' }], payment_method_id: 'gift_card_8168843' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'exchange_requested',
        exchange_request: { items: [{ line_item_id: 'LI-W4817420-1', new_sku: '5758737025' }], payment_method_id: 'gift_card_8168843', price_difference: usd(4509 - 4776), reason: null },
      });
      expect(res.body.line_items[0].sku).toBe('6777246137');
      expect(await giftCard('ava_moore_2033', 'gift_card_8168843')).toEqual(usd(6900));
    });

    it('refuses a return request for items already in a return authorization', async () => {
      expect((await call('POST', `${order('#W5866402')}/returns`, { line_item_ids: ['LI-W5866402-1'], reason: 'x' })).status).toBe(201);
      expect(await call('POST', `${order('#W5866402')}/return_request`, { line_item_ids: ['LI-W5866402-1'], refund_payment_method_id: 'paypal_8049766' })).toMatchObject({
        status: 409,
        body: { error: { code: 'line_items_already_returned' } },
      });
    });
  });

  describe('refusals write nothing', () => {
    const shirt = (sku: string, pm = 'credit_card_3577130') => ({ items: [{ line_item_id: 'LI-W1080318-1', new_sku: sku }], payment_method_id: pm });
    it.each([
      ['cancel a processed order', 409, 'order_not_cancellable', '#W2611340', 'cancel', { reason: 'no longer needed' }],
      ['cancel a delivered order', 409, 'order_not_cancellable', '#W4817420', 'cancel', { reason: 'no longer needed' }],
      ['cancel for a reason τ² does not accept', 422, 'invalid_cancel_reason', '#W1080318', 'cancel', { reason: 'found it cheaper' }],
      ['return a pending order', 409, 'order_not_returnable', '#W1080318', 'return_request', { line_item_ids: ['LI-W1080318-1'], refund_payment_method_id: 'credit_card_3577130' }],
      ['exchange a pending order', 409, 'order_not_exchangeable', '#W1080318', 'exchange_request', shirt('9612497925')],
      ['modify the items of a delivered order', 409, 'order_not_modifiable', '#W4817420', 'modify_items', { items: [{ line_item_id: 'LI-W4817420-1', new_sku: '5758737025' }], payment_method_id: 'gift_card_8168843' }],
      ['change the payment of a delivered order', 409, 'order_not_modifiable', '#W4817420', 'payment_method', { payment_method_id: 'gift_card_8168843' }],
      ['pay with a gift card that is short', 409, 'insufficient_gift_card_balance', '#W2443586', 'payment_method', { payment_method_id: 'gift_card_2742113' }],
      ['switch to an unavailable variant', 409, 'variant_unavailable', '#W1080318', 'modify_items', shirt('5047954489')],
      ['refund a return to another card', 409, 'refund_method_not_allowed', '#W5866402', 'return_request', { line_item_ids: ['LI-W5866402-1'], refund_payment_method_id: 'credit_card_9753331' }],
      ['switch to another product’s item', 422, 'unknown_variant', '#W1080318', 'modify_items', shirt('6469567736')],
      ['switch to the same variant', 422, 'same_variant', '#W1080318', 'modify_items', shirt('8349118980')],
      ['pay with someone else’s method', 422, 'unknown_payment_method', '#W1080318', 'modify_items', shirt('9612497925', 'paypal_8049766')],
      ['switch to the method already paying', 422, 'payment_method_unchanged', '#W1080318', 'payment_method', { payment_method_id: 'credit_card_3577130' }],
      ['change an unknown line item', 422, 'unknown_line_item', '#W1080318', 'modify_items', { items: [{ line_item_id: 'LI-nope', new_sku: '9612497925' }], payment_method_id: 'credit_card_3577130' }],
      ['name a line item twice', 422, 'validation_failed', '#W5866402', 'return_request', { line_item_ids: ['LI-W5866402-1', 'LI-W5866402-1'], refund_payment_method_id: 'paypal_8049766' }],
      ['change an unknown order', 404, 'order_not_found', '#W0000000', 'payment_method', { payment_method_id: 'x' }],
    ] as const)('%s → %i %s', async (_n, status, code, id, op, body) => {
      const before = oms.dump();
      expect(await call('POST', `${order(id)}/${op}`, body)).toMatchObject({ status, body: { error: { code } } });
      expect(oms.dump()).toEqual(before);
    });

    it('modifying items a second time → 409 order_items_already_modified', async () => {
      expect((await call('POST', `${order('#W1080318')}/modify_items`, shirt('9612497925'))).status).toBe(200);
      const before = oms.dump();
      expect(await call('POST', `${order('#W1080318')}/modify_items`, shirt('1176194968'))).toMatchObject({ status: 409, body: { error: { code: 'order_items_already_modified' } } });
      expect(await call('POST', `${order('#W1080318')}/payment_method`, { payment_method_id: 'gift_card_3749819' })).toMatchObject({ status: 409, body: { error: { code: 'payment_not_changeable' } } });
      expect(oms.dump()).toEqual(before);
    });
  });

  describe('customer default address', () => {
    const address = { line1: '445 Maple Drive', line2: 'Suite 394', city: 'Fort Worth', state: 'TX', postal_code: '76165', country: 'US' };

    it('changes it, replays it for the same key, and refuses the key for another address', async () => {
      const first = await call('POST', '/v1/customers/mei_patel_7272/default_address', address, 'k-addr');
      expect(first.status).toBe(200);
      expect(first.body.default_address).toEqual({ name: null, ...address });
      const again = await call('POST', '/v1/customers/mei_patel_7272/default_address', address, 'k-addr');
      expect([again.status, again.replayed, again.body]).toEqual([200, 'true', first.body]);
      expect(await call('POST', '/v1/customers/mei_patel_7272/default_address', { ...address, city: 'Dallas' }, 'k-addr')).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
      // Orders keep the address they were placed with.
      expect((await call('GET', order('#W9583042'))).body.shipping_address.line1).toBe('443 Maple Drive');
    });

    it('refuses an unknown customer and an incomplete address', async () => {
      expect(await call('POST', '/v1/customers/nobody_1/default_address', address)).toMatchObject({ status: 404, body: { error: { code: 'customer_not_found' } } });
      expect(await call('POST', '/v1/customers/mei_patel_7272/default_address', { line1: 'x' })).toMatchObject({ status: 422, body: { error: { code: 'validation_failed' } } });
    });
  });

  it('replays an order change for the same key without applying it twice', async () => {
    const body = { items: [{ line_item_id: 'LI-W1080318-1', new_sku: '9612497925' }], payment_method_id: 'gift_card_3749819' };
    const first = await call('POST', `${order('#W1080318')}/modify_items`, body, 'k-items');
    const again = await call('POST', `${order('#W1080318')}/modify_items`, body, 'k-items');
    expect([again.status, again.replayed, again.body]).toEqual([200, 'true', first.body]);
    expect(await giftCard('omar_kim_3528', 'gift_card_3749819')).toEqual(usd(9100 + 255));
  });
});
