// τ² order changes from the customer's words: payment method named, target variant per item, and
// the customerFacts / candidateOrder wiring for the change intents.
import { describe, expect, it } from 'vitest';
import type { Customer, LineItem, Order, PaymentMethod, Product, ProductVariant } from '../../../functions/src/ports/OrderSystem.js';
import { candidateOrder, customerFacts } from '../../../functions/src/engine/customerFacts.js';
import {
  currentPaymentMethodId, extractPaymentChoice, namedOptionValues, resolveItemChanges, resolvePaymentChoice, resolveTargetVariant,
} from '../../../functions/src/engine/orderChangeFacts.js';

const usd = (amount: number) => ({ amount, currency: 'usd' });
const variant = (sku: string, options: Record<string, string>, price: number, available = true): ProductVariant => ({ sku, productId: 'p-shirt', options, price: usd(price), available });
const shirt: Product = {
  id: 'p-shirt', name: 'T-Shirt',
  variants: [
    variant('blue-S-poly-v', { color: 'blue', size: 'S', material: 'polyester', style: 'v-neck' }, 5484, false),
    variant('red-XXL-cot-crew', { color: 'red', size: 'XXL', material: 'cotton', style: 'crew neck' }, 4685),
    variant('blue-L-poly-v', { color: 'blue', size: 'L', material: 'polyester', style: 'v-neck' }, 5000),
    variant('red-L-poly-v', { color: 'red', size: 'L', material: 'polyester', style: 'v-neck' }, 5100, false),
    variant('black-S-poly-v', { color: 'black', size: 'S', material: 'polyester', style: 'v-neck' }, 5300),
  ],
};
const buds: Product = {
  id: 'p-buds', name: 'Wireless Earbuds',
  variants: [
    { sku: 'blue-8-ipx4', productId: 'p-buds', options: { color: 'blue', 'battery life': '8 hours', 'water resistance': 'IPX4' }, price: usd(22649), available: true },
    { sku: 'black-4-none', productId: 'p-buds', options: { color: 'black', 'battery life': '4 hours', 'water resistance': 'not resistant' }, price: usd(24334), available: true },
    { sku: 'black-4-ipx7', productId: 'p-buds', options: { color: 'black', 'battery life': '4 hours', 'water resistance': 'IPX7' }, price: usd(25738), available: true },
  ],
};
const item = (id: string, name: string, productId: string, sku: string, options: Record<string, string>, price: number): LineItem =>
  ({ id, sku, name, quantity: 1, unitPrice: usd(price), productId, options });
const tee = item('LI-1', 'T-Shirt', 'p-shirt', 'blue-S-poly-v', { color: 'blue', size: 'S', material: 'polyester', style: 'v-neck' }, 5484);
const earbuds = item('LI-2', 'Wireless Earbuds', 'p-buds', 'blue-8-ipx4', { color: 'blue', 'battery life': '8 hours', 'water resistance': 'IPX4' }, 22649);
const order = (over: Partial<Order> = {}): Order => ({
  id: '#W1', customer: { id: 'c1', email: 'c1@example.com', name: 'C One' }, status: 'pending', placedAt: '2026-11-01T00:00:00Z',
  total: usd(28133), shippingCost: usd(0), lineItems: [tee, earbuds],
  shippingAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'US' }, payment: { provider: 'store', chargeId: null, paymentIntentId: null },
  shipments: [], refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'l',
  paymentHistory: [{ type: 'payment', amount: usd(28133), paymentMethodId: 'credit_card_1' }], ...over,
});
const pm = (id: string, type: PaymentMethod['type'], over: Partial<PaymentMethod> = {}): PaymentMethod => ({ id, type, brand: null, lastFour: null, balance: null, ...over });
const methods = [pm('credit_card_1', 'credit_card', { brand: 'visa', lastFour: '1234' }), pm('gift_card_9', 'gift_card', { balance: usd(9100) }), pm('paypal_5', 'paypal')];

describe('extractPaymentChoice', () => {
  it.each([
    ['please switch the payment from my credit card to my gift card', { type: 'gift_card', lastFour: null }],
    ['pay with PayPal instead of my credit card', { type: 'paypal', lastFour: null }],
    ['Use my card on file for any difference.', { type: 'credit_card', lastFour: null }],
    ['put it on my Visa ending in 1234', { type: 'credit_card', lastFour: '1234' }],
    ['Refund any difference to my original payment method', { type: 'original', lastFour: null }],
    ['Any charge or refund should go through PayPal.', { type: 'paypal', lastFour: null }],
    ['pay with my gift card, or my credit card if the gift card won\'t work', null],
    ['change the T-shirt to size L', null],
    ['the card ending in 1234 or the card ending in 9999', null],
  ] as const)('%s', (text, want) => expect(extractPaymentChoice(text)).toEqual(want));
});

describe('resolvePaymentChoice', () => {
  it.each([
    [{ type: 'gift_card', lastFour: null }, 'gift_card_9'],
    [{ type: 'paypal', lastFour: null }, 'paypal_5'],
    [{ type: 'credit_card', lastFour: '1234' }, 'credit_card_1'],
    [{ type: 'credit_card', lastFour: '9999' }, null], // no such card
    [{ type: 'original', lastFour: null }, 'credit_card_1'],
    [null, null],
  ] as const)('%j → %s', (choice, want) => expect(resolvePaymentChoice(choice, order(), methods)?.id ?? null).toBe(want));

  it('two credit cards and no last four → null (which one?)', () => {
    expect(resolvePaymentChoice({ type: 'credit_card', lastFour: null }, order(), [...methods, pm('credit_card_2', 'credit_card', { lastFour: '5555' })])).toBeNull();
  });
});

describe('currentPaymentMethodId', () => {
  it('is the latest payment, not a refund', () => {
    const o = order({ paymentHistory: [
      { type: 'payment', amount: usd(10), paymentMethodId: 'credit_card_1' },
      { type: 'payment', amount: usd(10), paymentMethodId: 'gift_card_9' },
      { type: 'refund', amount: usd(10), paymentMethodId: 'credit_card_1' },
    ] });
    expect(currentPaymentMethodId(o)).toBe('gift_card_9');
  });
});

describe('namedOptionValues', () => {
  it.each([
    ['a red one in XXL, cotton, crew neck', { color: ['red'], size: ['XXL'], material: ['cotton'], style: ['crew neck'] }],
    ["size L, it's blue", { size: ['L'], color: ['blue'] }], // "it's" is not size S
    ['something nicer', {}],
  ] as const)('%s', (segment, want) => expect(namedOptionValues(segment, shirt)).toEqual(want));

  it('"4-hour" is "4 hours"; "no water resistance" is "not resistant"', () => {
    expect(namedOptionValues('a black pair with 4-hour battery and no water resistance', buds)).toEqual({ color: ['black'], 'battery life': ['4 hours'], 'water resistance': ['not resistant'] });
  });
});

describe('resolveTargetVariant', () => {
  it.each([
    ['exchange the blue, size S, polyester v-neck T-shirt for a red one in XXL, cotton, crew neck', 'red-XXL-cot-crew'],
    ['change the t-shirt to size L', 'blue-L-poly-v'], // unnamed options keep their value
    ['change the T-shirt to black', 'black-S-poly-v'],
    ['change the t-shirt to size L, red', 'red-L-poly-v'], // exists, unavailable: a check refuses it
    ['change the t-shirt to size L or XXL', null], // two sizes
    ['change the t-shirt to green', null], // no such value
    ['change the t-shirt to cotton', null], // blue S cotton v-neck does not exist
    ['change the t-shirt to blue', null], // that is the item itself
    ["Don't change the t-shirt to size L.", null], // negated
    ['I like the t-shirt', null], // nothing asked
  ] as const)('%s → %s', (text, sku) => expect(resolveTargetVariant(text, tee, shirt)?.sku ?? null).toBe(sku));

  it('reads each item\'s own words when two are named in one sentence', () => {
    const text = 'please change the t-shirt to size L and the wireless earbuds to a black pair with 4-hour battery and no water resistance';
    expect(resolveTargetVariant(text, tee, shirt, ['Wireless Earbuds'])?.sku).toBe('blue-L-poly-v');
    expect(resolveTargetVariant(text, earbuds, buds, ['T-Shirt'])?.sku).toBe('black-4-none');
  });
});

describe('resolveItemChanges', () => {
  it('pairs each item with its variant and sums the price difference', () => {
    const text = 'change the t-shirt to size L and the wireless earbuds to a black pair with 4-hour battery and no water resistance';
    expect(resolveItemChanges(text, order(), ['LI-1', 'LI-2'], [shirt, buds])).toEqual({
      lineItemIds: ['LI-1', 'LI-2'], names: ['T-Shirt', 'Wireless Earbuds'], newSkus: ['blue-L-poly-v', 'black-4-none'],
      newVariants: ['T-Shirt (color blue, size L, material polyester, style v-neck)', 'Wireless Earbuds (color black, battery life 4 hours, water resistance not resistant)'],
      allAvailable: true, priceDifference: usd(5000 - 5484 + 24334 - 22649),
    });
  });
  it.each([
    ['one item unresolved → null', 'change the t-shirt to size L and the wireless earbuds to something', ['LI-1', 'LI-2'], [shirt, buds]],
    ['product not read → null', 'change the t-shirt to size L', ['LI-1'], []],
    ['no items → null', 'change the t-shirt to size L', null, [shirt]],
  ] as const)('%s', (_n, text, ids, products) => expect(resolveItemChanges(text, order(), ids, products)).toBeNull());
  it('an unavailable variant is resolved and flagged', () => {
    expect(resolveItemChanges('change the t-shirt to size L, red', order(), ['LI-1'], [shirt])?.allAvailable).toBe(false);
  });
});

describe('candidateOrder for the change intents', () => {
  const delivered = order({ id: '#W2', status: 'delivered' });
  const modified = order({ id: '#W3', status: 'pending_items_modified' });
  it.each([
    ['address: the one pending order', 'change_address', 'change my address', [order(), delivered], '#W1'],
    ['address: pending (items modified) counts', 'change_address', 'change my address', [modified, delivered], '#W3'],
    ['payment: two pending orders', 'change_payment_method', 'switch payment', [order(), modified], null],
    ['items: the pending order with the item', 'modify_order_items', 'change the t-shirt to size L', [order(), delivered], '#W1'],
    ['items: not once modified', 'modify_order_items', 'change the t-shirt to size L', [modified], null],
    ['exchange: the delivered order with the item', 'exchange_order', 'exchange the t-shirt for size L', [order(), delivered], '#W2'],
    ['default address: no order', 'change_default_address', 'update my default address', [order()], null],
  ] as const)('%s', (_n, intent, text, orders, want) => expect(candidateOrder(intent, text, orders)?.id ?? null).toBe(want));
});

describe('customerFacts for the change intents', () => {
  const customer = { id: 'c1', email: 'c1@example.com', firstName: 'C', lastName: 'One', name: 'C One', defaultAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'US' }, paymentMethods: methods, orderIds: ['#W1'], link: 'cl' } as Customer;
  const requester = { id: '7', name: 'C One', email: 'c1@example.com', locale: 'en-US', link: 'ul' } as never;
  const at = { zendesk: '2026-11-20T12:00:00Z', oms: '2026-11-20T12:00:00Z' };
  const run = (over: Partial<Parameters<typeof customerFacts>[0]>) => customerFacts({
    requester, customer, verifiedBy: 'email', order: order(), intent: 'modify_order_items', text: '', ticket: { id: '1', link: 'tl' }, products: [shirt, buds], ...over,
  }, at);
  const values = (over: Partial<Parameters<typeof customerFacts>[0]>) => Object.fromEntries(run(over).map((f) => [f.key, f.value]));

  it('payment change: the new method, its type and gift-card balance, and the current method', () => {
    expect(values({ intent: 'change_payment_method', text: 'switch the payment to my gift card' })).toMatchObject({
      'payment.currentMethodId': 'credit_card_1', 'payment.newMethodId': 'gift_card_9', 'payment.newMethodType': 'gift_card', 'payment.newMethodBalance': usd(9100),
    });
    expect(values({ intent: 'change_payment_method', text: 'switch the payment please' })['payment.newMethodId']).toBeNull();
  });
  it.each(['modify_order_items', 'exchange_order'] as const)('%s: items, variants, difference and the method paying it', (intent) => {
    expect(values({ intent, text: 'change the t-shirt to size L. Use my PayPal for any difference.' })).toMatchObject({
      'items.lineItemIds': ['LI-1'], 'items.newSkus': ['blue-L-poly-v'], 'items.names': ['T-Shirt'], 'items.allAvailable': true,
      'items.priceDifference': usd(-484), 'items.refundDue': usd(484), 'items.paymentMethodId': 'paypal_5', 'items.paymentMethodType': 'paypal',
    });
  });
  it('items not understood → items.newSkus null (ask), no difference', () => {
    const f = values({ text: 'change the t-shirt please, PayPal' });
    expect(f['items.newSkus']).toBeNull();
    expect(f['items.lineItemIds']).toEqual(['LI-1']); // the item is known, what it should become is not
    expect(f).not.toHaveProperty('items.priceDifference');
  });
  it.each(['change_address', 'change_default_address'] as const)('%s: the address stated in the ticket', (intent) => {
    expect(values({ intent, text: 'please change it to 943 Maple Drive, Suite 356, Chicago, IL 60621, USA. Thanks', order: intent === 'change_address' ? order() : null })).toMatchObject({
      'address.new.line1': '943 Maple Drive', 'address.new.line2': 'Suite 356', 'address.new.city': 'Chicago', 'address.new.state': 'IL', 'address.new.postalCode': '60621', 'address.new.country': 'US',
    });
  });
  it('default address: customer.verified only for a verified customer; no address facts when none is stated', () => {
    expect(values({ intent: 'change_default_address', order: null, text: 'update my default address' })).toMatchObject({ 'customer.verified': true });
    expect(values({ intent: 'change_default_address', order: null, text: 'update my default address' })).not.toHaveProperty('address.new.line1');
    expect(values({ intent: 'change_default_address', order: null, customer: null, verifiedBy: null, text: 'x' })['customer.verified']).toBe(false);
  });
  it('other intents get none of these facts', () => {
    const f = values({ intent: 'cancel_order', text: 'change the t-shirt to size L to 943 Maple Drive, Chicago, IL 60621, USA' });
    for (const k of ['items.newSkus', 'payment.newMethodId', 'address.new.line1', 'customer.verified']) expect(f).not.toHaveProperty(k);
  });
  it('every fact is cited', () => {
    for (const intent of ['modify_order_items', 'change_payment_method', 'change_default_address']) {
      for (const f of run({ intent, text: 'change the t-shirt to size L with my gift card to 1 Main St, Dover, DE 19901, USA' })) expect(f.citations.length, f.key).toBeGreaterThan(0);
    }
  });
});
