// The OMS resources of docs/oms-api.md as the adapter reads them, and their translation into the
// OrderSystem port's camelCase types. Unknown fields are ignored; enums are checked.
import { z } from 'zod';
import type { Address, ItemChange, Order, ReturnAuthorization } from '../../ports/OrderSystem.js';

export const Money = z.object({ amount: z.number().int(), currency: z.string().transform((c) => c.toLowerCase()) });
export const Nullable = z.string().nullable().optional().transform((v) => v ?? null);
const Options = z.record(z.string(), z.string());
const ItemChangeSchema = z.object({ line_item_id: z.string(), new_sku: z.string() });

export const ReturnSchema = z.object({
  id: z.string(),
  order_id: z.string(),
  line_item_ids: z.array(z.string()),
  status: z.enum(['authorized', 'label_issued', 'received', 'refunded', 'cancelled']),
  label_url: Nullable,
  reason: z.string(),
  created_at: z.string(),
});

export const AddressSchema = z.object({
  name: Nullable,
  line1: z.string(),
  line2: Nullable,
  city: z.string(),
  state: Nullable,
  postal_code: z.string(),
  country: z.string(),
});

export const OrderSchema = z.object({
  id: z.string(),
  url: z.string(),
  customer: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  status: z.enum([
    'pending',
    'processing',
    'partially_shipped',
    'shipped',
    'delivered',
    'cancelled',
    'returned',
    'pending_items_modified',
    'return_requested',
    'exchange_requested',
  ]),
  placed_at: z.string(),
  total: Money,
  shipping_cost: Money,
  line_items: z.array(
    z.object({ id: z.string(), sku: z.string(), name: z.string(), quantity: z.number().int(), unit_price: Money, product_id: Nullable, options: Options.nullish() }),
  ),
  shipping_address: AddressSchema,
  payment: z.object({ provider: z.enum(['stripe', 'store']), charge_id: Nullable, payment_intent_id: Nullable }),
  // Fields added with customers and the catalog; an OMS that predates them simply omits them.
  payment_history: z
    .array(z.object({ transaction_type: z.enum(['payment', 'refund']), amount: Money, payment_method_id: z.string() }))
    .optional()
    .transform((v) => v ?? []),
  return_request: z
    .object({ line_item_ids: z.array(z.string()), refund_payment_method_id: z.string(), reason: Nullable, requested_at: z.string() })
    .nullish()
    .transform((v) => v ?? null),
  exchange_request: z
    .object({ items: z.array(ItemChangeSchema), payment_method_id: z.string(), price_difference: Money, reason: Nullable, requested_at: z.string() })
    .nullish()
    .transform((v) => v ?? null),
  shipments: z.array(
    z.object({
      id: z.string(),
      carrier: z.string(),
      tracking_number: z.string(),
      status: z.enum(['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'held', 'returned']),
      line_item_ids: z.array(z.string()),
      shipped_at: Nullable,
      promised_delivery_at: Nullable,
      delivered_at: Nullable,
      // Added with delay detection; an OMS that predates it omits it (unknown ETA).
      estimated_delivery_at: Nullable,
      events: z.array(z.object({ at: z.string(), status: z.string(), description: z.string(), location: Nullable })),
    }),
  ),
  refunds: z.array(z.object({ id: z.string(), amount: Money, reason: z.string(), external_refund_id: Nullable, created_at: z.string() })),
  returns: z.array(ReturnSchema),
  cancelled_at: Nullable,
  cancel_reason: Nullable,
  notes: Nullable,
});

export const OrderListSchema = z.object({ data: z.array(OrderSchema), has_more: z.boolean() });

type OmsOrder = z.output<typeof OrderSchema>;

export function toReturn(r: z.output<typeof ReturnSchema>): ReturnAuthorization {
  return { id: r.id, orderId: r.order_id, lineItemIds: r.line_item_ids, status: r.status, labelUrl: r.label_url, reason: r.reason, createdAt: r.created_at };
}

export function toAddress(a: z.output<typeof AddressSchema>): Address {
  return { ...(a.name ? { name: a.name } : {}), line1: a.line1, line2: a.line2, city: a.city, state: a.state, postalCode: a.postal_code, country: a.country };
}

export function fromAddress(a: Address): Record<string, unknown> {
  return { ...(a.name ? { name: a.name } : {}), line1: a.line1, line2: a.line2 ?? null, city: a.city, state: a.state ?? null, postal_code: a.postalCode, country: a.country };
}

export function toOrder(o: OmsOrder): Order {
  return {
    id: o.id,
    customer: o.customer,
    status: o.status,
    placedAt: o.placed_at,
    total: o.total,
    shippingCost: o.shipping_cost,
    lineItems: o.line_items.map((li) => ({
      id: li.id,
      sku: li.sku,
      name: li.name,
      quantity: li.quantity,
      unitPrice: li.unit_price,
      ...(li.product_id ? { productId: li.product_id } : {}),
      ...(li.options ? { options: li.options } : {}),
    })),
    shippingAddress: toAddress(o.shipping_address),
    payment: { provider: o.payment.provider, chargeId: o.payment.charge_id, paymentIntentId: o.payment.payment_intent_id },
    shipments: o.shipments.map((s) => ({
      id: s.id,
      carrier: s.carrier,
      trackingNumber: s.tracking_number,
      status: s.status,
      lineItemIds: s.line_item_ids,
      shippedAt: s.shipped_at,
      promisedDeliveryAt: s.promised_delivery_at,
      deliveredAt: s.delivered_at,
      estimatedDeliveryAt: s.estimated_delivery_at,
      events: s.events.map((e) => ({ at: e.at, status: e.status, description: e.description, location: e.location })),
    })),
    refunds: o.refunds.map((r) => ({ id: r.id, amount: r.amount, reason: r.reason, externalRefundId: r.external_refund_id, createdAt: r.created_at })),
    returns: o.returns.map(toReturn),
    cancelledAt: o.cancelled_at,
    cancelReason: o.cancel_reason,
    notes: o.notes,
    link: o.url,
    paymentHistory: o.payment_history.map((t) => ({ type: t.transaction_type, amount: t.amount, paymentMethodId: t.payment_method_id })),
    returnRequest: o.return_request && {
      lineItemIds: o.return_request.line_item_ids,
      refundPaymentMethodId: o.return_request.refund_payment_method_id,
      reason: o.return_request.reason,
      requestedAt: o.return_request.requested_at,
    },
    exchangeRequest: o.exchange_request && {
      items: o.exchange_request.items.map((i) => ({ lineItemId: i.line_item_id, newSku: i.new_sku })),
      paymentMethodId: o.exchange_request.payment_method_id,
      priceDifference: o.exchange_request.price_difference,
      reason: o.exchange_request.reason,
      requestedAt: o.exchange_request.requested_at,
    },
  };
}

export const fromItemChanges = (items: ItemChange[]) => items.map((i) => ({ line_item_id: i.lineItemId, new_sku: i.newSku }));
