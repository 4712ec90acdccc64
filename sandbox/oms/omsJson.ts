// Renders OMS state as the API's resources (docs/oms-api.md): derived amounts and deep links are
// computed here so the stored world stays minimal.
import type { OmsOrder, OmsReturn } from './OmsWorld.js';

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
    })),
    subtotal: { amount: subtotal, currency },
    shipping_cost: { ...o.shipping_cost },
    total: { ...o.total },
    amount_refunded: { amount: refunded, currency },
    shipping_address: { name: o.shipping_address.name ?? null, ...o.shipping_address },
    payment: { ...o.payment },
    shipments: o.shipments.map((s) => ({ ...s, line_item_ids: [...s.line_item_ids], events: s.events.map((e) => ({ ...e })) })),
    refunds: o.refunds.map((r) => ({ ...r, amount: { ...r.amount } })),
    returns: o.returns.map((r) => returnJson(r, o.id)),
    cancelled_at: o.cancelled_at,
    cancel_reason: o.cancel_reason,
    notes: o.notes,
  };
}
