import { describe, expect, it } from 'vitest';
import type { Customer, LineItem, Order, PaymentMethod } from '../../../functions/src/ports/OrderSystem.js';
import {
  candidateOrder, customerFacts, extractCancelReason, extractNameAndZip, extractRefundMethod, matchLineItems, resolveRefundMethod,
} from '../../../functions/src/engine/customerFacts.js';

const li = (n: number, name: string): LineItem => ({ id: `LI-W1-${n}`, sku: String(n), name, quantity: 1, unitPrice: { amount: 100, currency: 'usd' } });
const items = [li(1, 'Headphones'), li(2, 'Vacuum Cleaner'), li(3, 'Mechanical Keyboard'), li(4, 'Smart Watch')];
const order = (over: Partial<Order> = {}): Order => ({
  id: '#W1', customer: { id: 'c1', email: 'c1@example.com', name: 'C One' }, status: 'delivered', placedAt: '2026-11-01T00:00:00Z',
  total: { amount: 400, currency: 'usd' }, shippingCost: { amount: 0, currency: 'usd' }, lineItems: items,
  shippingAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'US' }, payment: { provider: 'store', chargeId: null, paymentIntentId: null },
  shipments: [], refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'l',
  paymentHistory: [{ type: 'payment', amount: { amount: 400, currency: 'usd' }, paymentMethodId: 'credit_card_1' }], ...over,
});
const pm = (id: string, type: PaymentMethod['type']): PaymentMethod => ({ id, type, brand: null, lastFour: null, balance: null });
const methods = [pm('credit_card_1', 'credit_card'), pm('gift_card_9', 'gift_card'), pm('paypal_5', 'paypal')];

describe('extractCancelReason', () => {
  it.each([
    ['I ordered those items by mistake.', 'ordered by mistake'],
    ['It was ordered by mistake', 'ordered by mistake'],
    ['as I no longer need them', 'no longer needed'],
    ['I no longer want it', 'no longer needed'],
    ['Please cancel order #W1.', null],
    ['I no longer need it and ordered it by mistake', null],
    ['It is too expensive', null],
  ])('%s → %s', (text, want) => expect(extractCancelReason(text)).toBe(want));
});

describe('extractRefundMethod', () => {
  it.each([
    ['Refunds can go to my gift card', 'gift_card'],
    ['refund to the original payment method', 'original'],
    ['Refund my PayPal.', 'paypal'],
    ['with the refund going to my card', 'credit_card'],
    ['put it on my credit card', 'credit_card'],
    ['PayPal if possible, otherwise my credit card', null],
    ['Please return it', null],
  ])('%s → %s', (text, want) => expect(extractRefundMethod(text)).toBe(want));
});

describe('extractNameAndZip', () => {
  it.each([
    ['Hi, Yusuf Rossi, zip 19122. Order #W2378156 has arrived', { firstName: 'Yusuf', lastName: 'Rossi', postalCode: '19122' }],
    ['Hello, Fatima Johnson here, zip 78712.', { firstName: 'Fatima', lastName: 'Johnson', postalCode: '78712' }],
    ['Mei Davis, zip 80217. From my order…', { firstName: 'Mei', lastName: 'Davis', postalCode: '80217' }],
    ["Hello, Aarav Lee, Phoenix, AZ 85025. I'd like", { firstName: 'Aarav', lastName: 'Lee', postalCode: '85025' }],
    ['Hi, I am Yara Muller. Please cancel.', null],
    ['zip 85041 and zip 85042, Yara Muller here', null],
    ['Hello, Yara Muller here, zip 85041. My friend is John Smith here too.', null],
  ])('%s', (text, want) => expect(extractNameAndZip(text)).toEqual(want));
});

describe('matchLineItems', () => {
  it.each([
    ['return the vacuum cleaner, the headphones and the smart watch I received', ['LI-W1-1', 'LI-W1-2', 'LI-W1-4']],
    ['return the watch I received', ['LI-W1-4']],
    ['return my keyboard. Please keep the headphones.', ['LI-W1-3']],
    ["Don't process anything for the vacuum cleaner. Return the keyboard.", ['LI-W1-3']],
    ['return the T-shirt', null],
  ])('%s', (text, want) => expect(matchLineItems(text, items)).toEqual(want));

  it('two items of the same name → null (which one?)', () => {
    expect(matchLineItems('return the vacuum cleaner', [...items, li(5, 'Vacuum Cleaner')])).toBeNull();
  });
});

describe('resolveRefundMethod (original method or an existing gift card only)', () => {
  it.each([
    ['original', 'credit_card_1'],
    ['credit_card', 'credit_card_1'],
    ['gift_card', 'gift_card_9'],
    ['paypal', null], // not the original method, not a gift card
    [null, null],
  ] as const)('%s → %s', (word, want) => expect(resolveRefundMethod(word, order(), methods)).toBe(want));

  it('two gift cards → null', () => expect(resolveRefundMethod('gift_card', order(), [...methods, pm('gift_card_8', 'gift_card')])).toBeNull());
});

describe('candidateOrder', () => {
  const pending = order({ id: '#W2', status: 'pending' });
  it.each([
    ['cancel, one pending order', 'cancel_order', 'cancel it, I no longer need it', [order(), pending], '#W2'],
    ['cancel, two pending orders', 'cancel_order', 'cancel all', [pending, { ...pending, id: '#W3' }], null],
    ['return, the delivered order with that item', 'return_order', 'return the keyboard', [order(), pending], '#W1'],
    ['return, item in two delivered orders', 'return_order', 'return the keyboard', [order(), order({ id: '#W4' })], null],
    ['return, no item named', 'return_order', 'return it', [order()], null],
  ] as const)('%s', (_n, intent, text, orders, want) => expect(candidateOrder(intent, text, orders)?.id ?? null).toBe(want));
});

describe('customerFacts', () => {
  const customer = { id: 'c1', email: 'c1@example.com', firstName: 'C', lastName: 'One', name: 'C One', defaultAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'US' }, paymentMethods: methods, orderIds: ['#W1'], link: 'cl' } as Customer;
  const requester = { id: '7', name: 'C One', email: 'c1@example.com', locale: 'en-US', link: 'ul' } as never;
  const at = { zendesk: '2026-11-20T12:00:00Z', oms: '2026-11-20T12:00:00Z' };
  const run = (over: Partial<Parameters<typeof customerFacts>[0]>) => Object.fromEntries(customerFacts({
    requester, customer, verifiedBy: 'email', order: order(), intent: 'return_order', text: 'return the keyboard to my gift card', ticket: { id: '1', link: 'tl' }, ...over,
  }, at).map((f) => [f.key, f.value]));

  it('owner verified by email; return items and refund method resolved', () => {
    expect(run({})).toMatchObject({ 'customer.id': 'c1', 'customer.verifiedBy': 'email', 'customer.ownsOrder': true, 'return.lineItemIds': ['LI-W1-3'], 'return.itemNames': ['Mechanical Keyboard'], 'return.refundMethodId': 'gift_card_9' });
  });
  it('another customer\'s order → ownsOrder false', () => {
    expect(run({ order: order({ customer: { id: 'c2', email: 'c2@example.com', name: 'C Two' } }) })['customer.ownsOrder']).toBe(false);
  });
  it('not verified → customer.id null and ownsOrder false', () => {
    expect(run({ customer: null, verifiedBy: null })).toMatchObject({ 'customer.id': null, 'customer.verifiedBy': null, 'customer.ownsOrder': false });
  });
  it('cancel intent → the reason, no return facts', () => {
    const f = run({ intent: 'cancel_order', text: 'cancel it, ordered by mistake' });
    expect(f['cancel.reason']).toBe('ordered by mistake');
    expect(f).not.toHaveProperty('return.lineItemIds');
  });
  it('every fact is cited', () => {
    for (const f of customerFacts({ requester, customer, verifiedBy: 'name_zip', order: order(), intent: 'return_order', text: 'return the watch', ticket: { id: '1', link: 'tl' } }, at)) expect(f.citations.length).toBeGreaterThan(0);
  });
});
