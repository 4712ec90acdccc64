// Projects an OMS world (a seed or a sandbox dump) back into τ²-bench's `users` and `orders`
// records, so an end state can be compared with τ²'s expected one field for field.
import { OmsWorldSchema, type OmsAddress, type OmsOrder, type OmsPaymentMethod, type OmsWorld, type ParsedOmsWorld } from '../../oms/OmsWorld.js';
import { fromCents, STATUS_TO_TAU2, toAlpha3, type Tau2Address, type Tau2Order, type Tau2PaymentMethod, type Tau2User } from './tau2Records.js';

export function toTau2Address(a: OmsAddress): Tau2Address {
  return { address1: a.line1, address2: a.line2 ?? '', city: a.city, country: toAlpha3(a.country), state: a.state ?? '', zip: a.postal_code };
}

function paymentMethod(m: OmsPaymentMethod): Tau2PaymentMethod {
  switch (m.type) {
    case 'credit_card':
      return { source: m.type, id: m.id, brand: m.brand ?? '', last_four: m.last_four ?? '' };
    case 'gift_card':
      return { source: m.type, id: m.id, balance: fromCents(m.balance?.amount ?? 0) };
    case 'paypal':
      return { source: m.type, id: m.id };
  }
}

export function toTau2Order(o: OmsOrder): Tau2Order {
  const status = STATUS_TO_TAU2[o.status];
  if (!status) throw new Error(`order ${o.id} is ${o.status}, which τ² has no word for`);
  const sku = (lineItemId: string) => {
    const li = o.line_items.find((x) => x.id === lineItemId);
    if (!li) throw new Error(`order ${o.id} has no line item ${lineItemId}`);
    return li.sku;
  };
  const order: Tau2Order = {
    order_id: o.id,
    user_id: o.customer.id,
    address: toTau2Address(o.shipping_address),
    items: o.line_items.map((li) => {
      if (!li.product_id || !li.options || li.quantity !== 1) throw new Error(`line item ${li.id} of ${o.id} is not a single catalog variant`);
      return { name: li.name, product_id: li.product_id, item_id: li.sku, price: fromCents(li.unit_price.amount), options: { ...li.options } };
    }),
    status,
    fulfillments: o.shipments.map((s) => ({ tracking_id: s.tracking_number.split(','), item_ids: s.line_item_ids.map(sku) })),
    payment_history: o.payment_history.map((t) => ({ transaction_type: t.transaction_type, amount: fromCents(t.amount.amount), payment_method_id: t.payment_method_id })),
  };
  if (o.cancel_reason !== null) order.cancel_reason = o.cancel_reason;
  if (o.return_request) {
    order.return_items = o.return_request.line_item_ids.map(sku).sort();
    order.return_payment_method_id = o.return_request.refund_payment_method_id;
  }
  if (o.exchange_request) {
    order.exchange_items = o.exchange_request.items.map((i) => sku(i.line_item_id)).sort();
    order.exchange_new_items = o.exchange_request.items.map((i) => i.new_sku).sort();
    order.exchange_payment_method_id = o.exchange_request.payment_method_id;
    order.exchange_price_difference = fromCents(o.exchange_request.price_difference.amount);
  }
  return order;
}

/** τ²'s `users` and `orders`, in the world's order; a user's `orders` list is theirs by placed_at. */
export function toTau2(world: OmsWorld | ParsedOmsWorld): { users: Record<string, Tau2User>; orders: Record<string, Tau2Order> } {
  const w = OmsWorldSchema.parse(world);
  const byCustomer = new Map<string, OmsOrder[]>();
  for (const o of w.orders) byCustomer.set(o.customer.id, [...(byCustomer.get(o.customer.id) ?? []), o]);
  const users = Object.fromEntries(
    w.customers.map((c): [string, Tau2User] => [
      c.id,
      {
        user_id: c.id,
        name: { first_name: c.first_name, last_name: c.last_name },
        address: toTau2Address(c.default_address),
        email: c.email,
        payment_methods: Object.fromEntries(c.payment_methods.map((m) => [m.id, paymentMethod(m)])),
        orders: (byCustomer.get(c.id) ?? []).sort((a, b) => Date.parse(a.placed_at) - Date.parse(b.placed_at) || a.id.localeCompare(b.id)).map((o) => o.id),
      },
    ]),
  );
  const orders = Object.fromEntries(w.orders.map((o) => [o.id, toTau2Order(o)]));
  return { users, orders };
}
