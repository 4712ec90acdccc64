// Turns τ²-bench's public retail world (db.json: 500 users, 1,000 orders, 50 products) into an OMS
// sandbox world. Every τ² field maps to an OMS field, so toTau2 gives the records back exactly;
// what τ² does not have (dates, carriers) is filled in deterministically and documented in README.md.
import type { OmsWorld } from '../../oms/OmsWorld.js';
import {
  lineItemIdsFor,
  readTau2Db,
  STATUS_TO_OMS,
  toAlpha2,
  toCents,
  type Tau2Address,
  type Tau2Db,
  type Tau2Order,
  type Tau2PaymentMethod,
  type Tau2User,
} from './tau2Records.js';

export const TAU2_NOW = '2026-11-20T12:00:00Z';
export const TAU2_OMS_KEY = 'tau2-oms-key';
export const TAU2_OMS_READONLY_KEY = 'tau2-oms-readonly-key';
/** τ²'s cancel_pending_order accepts exactly these reasons. */
export const TAU2_CANCEL_REASONS = ['no longer needed', 'ordered by mistake'];

type WorldOrder = NonNullable<OmsWorld['orders']>[number];
type WorldCustomer = NonNullable<OmsWorld['customers']>[number];

const DAY = 86_400_000;
const usd = (dollars: number) => ({ amount: toCents(dollars), currency: 'usd' });
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

export function toOmsAddress(a: Tau2Address) {
  return { line1: a.address1, line2: a.address2, city: a.city, state: a.state, postal_code: a.zip, country: toAlpha2(a.country) };
}

function paymentMethod(m: Tau2PaymentMethod) {
  switch (m.source) {
    case 'credit_card':
      return { id: m.id, type: m.source, brand: m.brand, last_four: m.last_four };
    case 'gift_card':
      return { id: m.id, type: m.source, balance: usd(m.balance) };
    case 'paypal':
      return { id: m.id, type: m.source };
  }
}

function customer(u: Tau2User): WorldCustomer {
  return {
    id: u.user_id,
    email: u.email,
    first_name: u.name.first_name,
    last_name: u.name.last_name,
    default_address: toOmsAddress(u.address),
    payment_methods: Object.values(u.payment_methods).map(paymentMethod),
  };
}

/**
 * τ² orders have no dates. The k-th of a user's n orders is placed (n - k) * 4 days before `now`,
 * so a customer's orders sorted by placed_at are in τ²'s `user.orders` order (toTau2 relies on it);
 * shipped orders left a day later and delivered ones arrived two days after that.
 */
function placedAt(user: Tau2User, orderId: string): number {
  const k = user.orders.indexOf(orderId);
  return Date.parse(TAU2_NOW) - (user.orders.length - k) * DAY * 4;
}

export function toOmsOrder(o: Tau2Order, user: Tau2User): WorldOrder {
  const base = o.order_id.replace(/^#/, '');
  const lineItems = o.items.map((it, i) => ({
    id: `LI-${base}-${i + 1}`,
    sku: it.item_id,
    name: it.name,
    quantity: 1,
    unit_price: usd(it.price),
    product_id: it.product_id,
    options: { ...it.options },
  }));
  const placed = placedAt(user, o.order_id);
  const status = STATUS_TO_OMS[o.status];
  const shipped = ['shipped', 'delivered', 'return_requested', 'exchange_requested'].includes(status);
  const delivered = status !== 'shipped' && shipped;
  const ids = (itemIds: string[]) => lineItemIdsFor(lineItems, itemIds).map((id, i) => id ?? `unknown-item-${itemIds[i]}`);
  const sortedPairs = (olds: string[], news: string[]) => ids([...olds].sort()).map((line_item_id, i) => ({ line_item_id, new_sku: [...news].sort()[i]! }));
  return {
    id: o.order_id,
    customer: { id: user.user_id, email: user.email, name: `${user.name.first_name} ${user.name.last_name}` },
    status,
    placed_at: iso(placed),
    line_items: lineItems,
    shipping_cost: usd(0),
    total: { amount: lineItems.reduce((s, li) => s + li.unit_price.amount, 0), currency: 'usd' },
    shipping_address: toOmsAddress(o.address),
    payment: { provider: 'store', charge_id: null, payment_intent_id: null },
    payment_history: o.payment_history.map((p) => ({ transaction_type: p.transaction_type, amount: usd(p.amount), payment_method_id: p.payment_method_id })),
    shipments: o.fulfillments.map((f) => ({
      id: `SHP-${f.tracking_id.join('-')}`,
      carrier: 'unknown',
      tracking_number: f.tracking_id.join(','),
      // A cancelled τ² order may still hold a tracking number: the label existed, nothing moved.
      status: delivered ? 'delivered' : shipped ? 'in_transit' : 'label_created',
      line_item_ids: ids(f.item_ids),
      shipped_at: shipped ? iso(placed + DAY) : null,
      promised_delivery_at: null,
      delivered_at: delivered ? iso(placed + 3 * DAY) : null,
    })),
    cancel_reason: o.cancel_reason ?? null,
    return_request: o.return_items
      ? { line_item_ids: ids(o.return_items), refund_payment_method_id: o.return_payment_method_id ?? '', reason: null, requested_at: TAU2_NOW }
      : null,
    // τ² keeps the old and new item ids as two sorted lists, so the pairing is not recoverable;
    // pairing them in sorted order projects back to the same lists.
    exchange_request: o.exchange_items
      ? {
          items: sortedPairs(o.exchange_items, o.exchange_new_items ?? []),
          payment_method_id: o.exchange_payment_method_id ?? '',
          price_difference: usd(o.exchange_price_difference ?? 0),
          reason: null,
          requested_at: TAU2_NOW,
        }
      : null,
  };
}

/** The OMS world of a τ² database (db.json by default); the quirks reproduce τ²'s end states exactly. */
export function loadTau2World(db: Tau2Db = readTau2Db()): OmsWorld {
  return {
    now: TAU2_NOW,
    api_keys: [
      { key: TAU2_OMS_KEY, scope: 'read_write' },
      { key: TAU2_OMS_READONLY_KEY, scope: 'read_only' },
    ],
    customers: Object.values(db.users).map(customer),
    products: Object.values(db.products).map((p) => ({
      id: p.product_id,
      name: p.name,
      variants: Object.values(p.variants).map((v) => ({ sku: v.item_id, options: { ...v.options }, price: usd(v.price), available: v.available })),
    })),
    orders: Object.values(db.orders).map((o) => {
      const user = db.users[o.user_id];
      if (!user) throw new Error(`τ² order ${o.order_id} belongs to unknown user ${o.user_id}`);
      return toOmsOrder(o, user);
    }),
    cancel_reasons: TAU2_CANCEL_REASONS,
    quirks: { modify_items_uses_last_variant: true, cancel_refunds_every_transaction: true },
  };
}
