// The τ²-retail world in the OMS sandbox: db.json converts into an OMS world and back without a
// difference, and its customers and catalog are served by the customer and product endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OmsWorldSchema } from '../../../sandbox/oms/OmsWorld.js';
import { loadTau2World, TAU2_OMS_KEY, TAU2_OMS_READONLY_KEY } from '../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { readTau2Db, toCents } from '../../../sandbox/worlds/tau2-retail/tau2Records.js';
import { toTau2 } from '../../../sandbox/worlds/tau2-retail/toTau2.js';
import { startTau2Oms, type Tau2Oms } from './tau2Fixtures.js';

const db = readTau2Db();

describe('τ²-retail world conversion', () => {
  const world = OmsWorldSchema.parse(loadTau2World(db));

  it('holds 500 customers, 1,000 orders and 50 products with 591 variants', () => {
    expect([world.customers.length, world.orders.length, world.products.length]).toEqual([500, 1000, 50]);
    expect(world.products.flatMap((p) => p.variants)).toHaveLength(591);
  });

  it('gives db.json’s users and orders back exactly (bit for bit, floats included)', () => {
    const back = toTau2(world);
    expect(back.users).toStrictEqual(db.users);
    expect(back.orders).toStrictEqual(db.orders);
  });

  it('also round-trips a dump of the running sandbox', async () => {
    const oms = await startTau2Oms();
    try {
      const back = toTau2(oms.dump());
      expect([back.users, back.orders]).toStrictEqual([db.users, db.orders]);
    } finally {
      await oms.sb.close();
    }
  });

  it.each([
    ['pending', 'pending', 423],
    ['processed', 'shipped', 102],
    ['delivered', 'delivered', 373],
    ['cancelled', 'cancelled', 102],
  ])('maps τ² %s to %s (%i orders)', (tau2, status, count) => {
    expect(Object.values(db.orders).filter((o) => o.status === tau2)).toHaveLength(count);
    expect(world.orders.filter((o) => o.status === status)).toHaveLength(count);
  });

  it('converts money to integer cents exactly', () => {
    const o = world.orders.find((x) => x.id === '#W2611340')!;
    expect(o.line_items.map((li) => li.unit_price.amount)).toEqual([4784, 48881]);
    expect([o.total.amount, o.payment_history[0]!.amount.amount]).toEqual([53665, 53665]);
    for (const [x, cents] of [[0.29, 29], [1.005 * 100, 10050], [4079.45, 407945], [261.11, 26111]] as const) expect(toCents(x)).toBe(cents);
  });

  it('keeps each customer’s orders in τ²’s order through their placed_at', () => {
    const user = Object.values(db.users).find((u) => u.orders.length >= 3)!;
    const mine = world.orders.filter((o) => o.customer.id === user.user_id).sort((a, b) => a.placed_at.localeCompare(b.placed_at));
    expect(mine.map((o) => o.id)).toEqual(user.orders);
    expect(mine.every((o) => o.placed_at < world.now!)).toBe(true);
  });
});

describe('τ²-retail customers and catalog over HTTP', () => {
  let oms: Tau2Oms;
  const get = async (path: string, key = TAU2_OMS_KEY) => {
    const res = await fetch(`${oms.sb.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    oms = await startTau2Oms();
  });
  afterAll(() => oms.sb.close());

  it('finds a customer by email, case-insensitively, with payment methods and orders', async () => {
    const { status, body } = await get('/v1/customers?email=NOAH.BROWN7922%40example.com');
    expect(status).toBe(200);
    expect(body).toEqual({
      object: 'list',
      has_more: false,
      data: [
        {
          id: 'noah_brown_6181',
          object: 'customer',
          url: `${oms.sb.url}/admin/customers/noah_brown_6181`,
          email: 'noah.brown7922@example.com',
          first_name: 'Noah',
          last_name: 'Brown',
          name: 'Noah Brown',
          default_address: { name: null, line1: '986 Sunset Drive', line2: 'Suite 259', city: 'Denver', state: 'CO', postal_code: '80279', country: 'US' },
          payment_methods: [
            { id: 'paypal_5727330', type: 'paypal', brand: null, last_four: null, balance: null },
            { id: 'credit_card_7815826', type: 'credit_card', brand: 'mastercard', last_four: '9212', balance: null },
          ],
          order_ids: ['#W7678072'],
        },
      ],
    });
    expect((await fetch(body.data[0].url)).status).toBe(200);
  });

  it.each([
    ['exact', 'Yusuf', 'Rossi', '19122', ['yusuf_rossi_9620']],
    ['any case and accents', 'yúsuf', 'ROSSI', '19122', ['yusuf_rossi_9620']],
    ['another zip', 'Yusuf', 'Rossi', '19123', []],
  ])('finds a customer by name and zip: %s', async (_n, first, last, zip, ids) => {
    const { body } = await get(`/v1/customers?${new URLSearchParams({ first_name: first, last_name: last, postal_code: zip })}`);
    expect(body.data.map((c: { id: string }) => c.id)).toEqual(ids);
  });

  it('refuses a customer search without a complete filter, and answers unknown ids with 404', async () => {
    expect(await get('/v1/customers')).toMatchObject({ status: 400, body: { error: { code: 'invalid_parameter' } } });
    expect(await get('/v1/customers?first_name=Yusuf&last_name=Rossi')).toMatchObject({ status: 400, body: { error: { code: 'invalid_parameter' } } });
    expect(await get('/v1/customers/nobody_1')).toMatchObject({ status: 404, body: { error: { code: 'customer_not_found' } } });
    expect(await get('/v1/products/123')).toMatchObject({ status: 404, body: { error: { code: 'product_not_found' } } });
    expect(await get('/v1/variants/123')).toMatchObject({ status: 404, body: { error: { code: 'variant_not_found' } } });
  });

  it('serves a gift card balance in cents', async () => {
    const { body } = await get('/v1/customers/ethan_garcia_1261');
    expect(body.payment_methods.find((m: { type: string }) => m.type === 'gift_card')).toEqual({ id: 'gift_card_4332117', type: 'gift_card', brand: null, last_four: null, balance: { amount: 8600, currency: 'usd' } });
  });

  it('serves products with their variants, and a single variant by sku', async () => {
    const list = await get('/v1/products');
    expect(list.body.data).toHaveLength(50);
    const tshirt = await get('/v1/products/9523456873');
    expect(tshirt.body).toMatchObject({ id: '9523456873', object: 'product', name: 'T-Shirt' });
    const blueM = tshirt.body.variants.find((v: { sku: string }) => v.sku === '9612497925');
    expect(blueM).toEqual({
      sku: '9612497925', object: 'variant', product_id: '9523456873', product_name: 'T-Shirt',
      options: { color: 'blue', size: 'M', material: 'cotton', style: 'crew neck' }, price: { amount: 5088, currency: 'usd' }, available: true,
    });
    expect((await get('/v1/variants/9612497925')).body).toEqual(blueM);
    expect(tshirt.body.variants).toHaveLength(Object.keys(db.products['9523456873']!.variants).length);
  });

  it('serves a τ² order (id with “#”) with catalog line items and its payment history', async () => {
    const { status, body } = await get(`/v1/orders/${encodeURIComponent('#W2611340')}`, TAU2_OMS_READONLY_KEY);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: '#W2611340',
      status: 'shipped',
      customer: { id: 'james_li_5688', name: 'James Li' },
      payment: { provider: 'store', charge_id: null, payment_intent_id: null },
      payment_history: [{ transaction_type: 'payment', amount: { amount: 53665, currency: 'usd' }, payment_method_id: 'gift_card_1725971' }],
      return_request: null,
      exchange_request: null,
    });
    expect(body.line_items[0]).toEqual({
      id: 'LI-W2611340-1', sku: '6469567736', name: 'Water Bottle', quantity: 1, product_id: '8310926033',
      options: { capacity: '1000ml', material: 'glass', color: 'blue' }, unit_price: { amount: 4784, currency: 'usd' }, total: { amount: 4784, currency: 'usd' },
    });
    expect(body.shipments[0]).toMatchObject({ tracking_number: '357962501027', status: 'in_transit', line_item_ids: ['LI-W2611340-1', 'LI-W2611340-2'] });
  });
});
