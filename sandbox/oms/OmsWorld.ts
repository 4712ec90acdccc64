// The seed/dump format of the OMS sandbox: API keys and orders (with shipments, refunds and
// returns) in the same snake_case shapes the API returns. Times are ISO-8601 strings so
// sandbox/kit/rebaseDates.ts can shift a whole world.
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

export const OmsMoneySchema = z.object({
  amount: z.number().int(),
  currency: z.string().length(3).transform((c) => c.toLowerCase()),
});

export const OmsAddressSchema = z.object({
  name: z.string().min(1).optional(),
  line1: z.string().min(1),
  line2: z.string().nullable().default(null),
  city: z.string().min(1),
  state: z.string().nullable().default(null),
  postal_code: z.string().min(1),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code').transform((c) => c.toUpperCase()),
});

export const ORDER_STATUSES = ['pending', 'processing', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export const SHIPMENT_STATUSES = ['label_created', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'held', 'returned'] as const;
export const RETURN_STATUSES = ['authorized', 'label_issued', 'received', 'refunded', 'cancelled'] as const;

export const OmsShipmentSchema = z.object({
  id: z.string(),
  carrier: z.string(),
  tracking_number: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  line_item_ids: z.array(z.string()),
  shipped_at: Iso.nullable().default(null),
  promised_delivery_at: Iso.nullable().default(null),
  delivered_at: Iso.nullable().default(null),
  events: z
    .array(z.object({ at: Iso, status: z.string(), description: z.string(), location: z.string().nullable().default(null) }))
    .default([]),
});

export const OmsRefundSchema = z.object({
  id: z.string(),
  amount: OmsMoneySchema,
  reason: z.string(),
  external_refund_id: z.string().nullable().default(null),
  created_at: Iso,
});

export const OmsReturnSchema = z.object({
  id: z.string(),
  line_item_ids: z.array(z.string()),
  status: z.enum(RETURN_STATUSES),
  label_url: z.string().nullable().default(null),
  reason: z.string(),
  created_at: Iso,
});

export const OmsOrderSchema = z.object({
  id: z.string(),
  customer: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  status: z.enum(ORDER_STATUSES),
  placed_at: Iso,
  updated_at: Iso.optional(),
  line_items: z
    .array(z.object({ id: z.string(), sku: z.string(), name: z.string(), quantity: z.number().int().positive(), unit_price: OmsMoneySchema }))
    .min(1),
  shipping_cost: OmsMoneySchema,
  /** Stored, not derived: a real order's total can include tax and discounts. */
  total: OmsMoneySchema,
  shipping_address: OmsAddressSchema,
  payment: z.object({
    provider: z.literal('stripe'),
    charge_id: z.string().nullable().default(null),
    payment_intent_id: z.string().nullable().default(null),
  }),
  shipments: z.array(OmsShipmentSchema).default([]),
  refunds: z.array(OmsRefundSchema).default([]),
  returns: z.array(OmsReturnSchema).default([]),
  cancelled_at: Iso.nullable().default(null),
  cancel_reason: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
});

export const OmsWorldSchema = z.object({
  now: Iso.optional(),
  api_keys: z.array(z.object({ key: z.string().min(1), scope: z.enum(['read_write', 'read_only']).default('read_write') })).min(1),
  /** Base of the `url` deep links; defaults to the sandbox's own origin (it serves /admin/orders/{id}). */
  admin_url: z.string().optional(),
  orders: z.array(OmsOrderSchema).default([]),
});

export type OmsWorld = z.input<typeof OmsWorldSchema>;
export type ParsedOmsWorld = z.output<typeof OmsWorldSchema>;
export type OmsOrder = z.output<typeof OmsOrderSchema>;
export type OmsMoney = z.output<typeof OmsMoneySchema>;
export type OmsReturn = z.output<typeof OmsReturnSchema>;
