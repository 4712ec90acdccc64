// Renders OMS state as the API's resources (docs/oms-api.md): derived amounts, names and deep links
// are computed here so the stored world stays minimal.
import type { OmsCustomer, OmsOrder, OmsProduct, OmsReturn, OmsVariant } from './OmsWorld.js';

export function returnJson(r: OmsReturn, orderId: string) {
  return { id: r.id, object: 'return', order_id: orderId, line_item_ids: [...r.line_item_ids], status: r.status, label_url: r.label_url, reason: r.reason, created_at: r.created_at };
}

export function orderJson(o: OmsOrder, adminUrl: string) {
  const currency = o.total.currency;
  const subtotal = o.line_items.reduce((s, li) => s + li.unit_price.amount * li.quantity, 0);
  const refunded = o.refunds.reduce((s, r) => s + r.amount.amount, 0);
  return {
    id: o.id,
    object: 'order',
    url: `${adminUrl}/admin/orders/${encodeURIComponent(o.id)}`,
    customer: { ...o.customer },
    status: o.status,
    placed_at: o.placed_at,
    updated_at: o.updated_at ?? o.placed_at,
    currency,
    line_items: o.line_items.map((li) => ({
      ...li,
      unit_price: { ...li.unit_price },
      total: { amount: li.unit_price.amount * li.quantity, currency: li.unit_price.currency },
      options: li.options ? { ...li.options } : null,
    })),
    subtotal: { amount: subtotal, currency },
    shipping_cost: { ...o.shipping_cost },
    total: { ...o.total },
    amount_refunded: { amount: refunded, currency },
    shipping_address: { name: o.shipping_address.name ?? null, ...o.shipping_address },
    payment: { ...o.payment },
    payment_history: o.payment_history.map((t) => ({ ...t, amount: { ...t.amount } })),
    shipments: o.shipments.map((s) => ({ ...s, line_item_ids: [...s.line_item_ids], events: s.events.map((e) => ({ ...e })) })),
    refunds: o.refunds.map((r) => ({ ...r, amount: { ...r.amount } })),
    returns: o.returns.map((r) => returnJson(r, o.id)),
    return_request: o.return_request ? { ...o.return_request, line_item_ids: [...o.return_request.line_item_ids] } : null,
    exchange_request: o.exchange_request
      ? { ...o.exchange_request, items: o.exchange_request.items.map((i) => ({ ...i })), price_difference: { ...o.exchange_request.price_difference } }
      : null,
    cancelled_at: o.cancelled_at,
    cancel_reason: o.cancel_reason,
    notes: o.notes,
  };
}

/** `orderIds` oldest first; the OMS links customers to orders through `order.customer.id`. */
export function customerJson(c: OmsCustomer, orderIds: string[], adminUrl: string) {
  return {
    id: c.id,
    object: 'customer',
    url: `${adminUrl}/admin/customers/${encodeURIComponent(c.id)}`,
    email: c.email,
    first_name: c.first_name,
    last_name: c.last_name,
    name: `${c.first_name} ${c.last_name}`.trim(),
    default_address: { name: c.default_address.name ?? null, ...c.default_address },
    payment_methods: c.payment_methods.map((m) => ({ ...m, balance: m.balance ? { ...m.balance } : null })),
    order_ids: orderIds,
  };
}

export function variantJson(v: OmsVariant, product: OmsProduct) {
  return { sku: v.sku, object: 'variant', product_id: product.id, product_name: product.name, options: { ...v.options }, price: { ...v.price }, available: v.available };
}

export function productJson(p: OmsProduct) {
  return { id: p.id, object: 'product', name: p.name, variants: p.variants.map((v) => variantJson(v, p)) };
}
