// The seed/dump format of the OMS sandbox: API keys, customers (with their payment methods), the
// product catalog and orders (with shipments, refunds, returns and store-held payments) in the same
// snake_case shapes the API returns. Times are ISO-8601 strings so sandbox/kit/rebaseDates.ts can
// shift a whole world.
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

export const ORDER_STATUSES = [
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
] as const;
export type OmsOrderStatus = (typeof ORDER_STATUSES)[number];
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
  /** The carrier's current estimate; null when unknown. Later than `promised_delivery_at` on an undelivered shipment: delayed. */
  estimated_delivery_at: Iso.nullable().default(null),
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

export const OmsTransactionSchema = z.object({
  transaction_type: z.enum(['payment', 'refund']),
  amount: OmsMoneySchema,
  payment_method_id: z.string().min(1),
});

export const OmsItemChangeSchema = z.object({ line_item_id: z.string().min(1), new_sku: z.string().min(1) });

export const OmsReturnRequestSchema = z.object({
  line_item_ids: z.array(z.string()).min(1),
  refund_payment_method_id: z.string(),
  reason: z.string().nullable().default(null),
  requested_at: Iso,
});

export const OmsExchangeRequestSchema = z.object({
  items: z.array(OmsItemChangeSchema).min(1),
  payment_method_id: z.string(),
  /** New prices minus old prices; negative when the customer gets money back. */
  price_difference: OmsMoneySchema,
  reason: z.string().nullable().default(null),
  requested_at: Iso,
});

export const OmsOrderSchema = z.object({
  id: z.string(),
  customer: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  status: z.enum(ORDER_STATUSES),
  placed_at: Iso,
  updated_at: Iso.optional(),
  line_items: z
    .array(
      z.object({
        id: z.string(),
        sku: z.string(),
        name: z.string(),
        quantity: z.number().int().positive(),
        unit_price: OmsMoneySchema,
        /** Catalog product the `sku` (a variant) belongs to; null for items outside the catalog. */
        product_id: z.string().nullable().default(null),
        options: z.record(z.string(), z.string()).nullable().default(null),
      }),
    )
    .min(1),
  shipping_cost: OmsMoneySchema,
  /** Stored, not derived: a real order's total can include tax and discounts. */
  total: OmsMoneySchema,
  shipping_address: OmsAddressSchema,
  payment: z.object({
    /** `store`: paid with the customer's payment methods held by the OMS (see payment_history). */
    provider: z.enum(['stripe', 'store']),
    charge_id: z.string().nullable().default(null),
    payment_intent_id: z.string().nullable().default(null),
  }),
  shipments: z.array(OmsShipmentSchema).default([]),
  refunds: z.array(OmsRefundSchema).default([]),
  returns: z.array(OmsReturnSchema).default([]),
  cancelled_at: Iso.nullable().default(null),
  cancel_reason: z.string().nullable().default(null),
  notes: z.string().nullable().default(null),
  /** Store-paid orders: every payment and refund the OMS made, oldest first. */
  payment_history: z.array(OmsTransactionSchema).default([]),
  return_request: OmsReturnRequestSchema.nullable().default(null),
  exchange_request: OmsExchangeRequestSchema.nullable().default(null),
});

export const OmsPaymentMethodSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['credit_card', 'gift_card', 'paypal']),
  brand: z.string().nullable().default(null),
  last_four: z.string().nullable().default(null),
  /** Gift cards only: what is left to spend. */
  balance: OmsMoneySchema.nullable().default(null),
});

export const OmsCustomerSchema = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  first_name: z.string(),
  last_name: z.string(),
  default_address: OmsAddressSchema,
  payment_methods: z.array(OmsPaymentMethodSchema).default([]),
});

export const OmsVariantSchema = z.object({
  sku: z.string().min(1),
  options: z.record(z.string(), z.string()).default({}),
  price: OmsMoneySchema,
  available: z.boolean().default(true),
});

export const OmsProductSchema = z.object({ id: z.string().min(1), name: z.string(), variants: z.array(OmsVariantSchema).default([]) });

/**
 * Deliberate copies of τ²-bench behaviours, off by default. The τ²-retail world turns them on so
 * its end states match τ²'s exactly; docs/oms-api.md says what each one changes.
 */
export const OmsQuirksSchema = z.object({
  /** Changing several items at once gives every changed item the last new variant's price and options. */
  modify_items_uses_last_variant: z.boolean().default(false),
  /** Cancelling refunds every payment_history entry as it stands (refunds included), not the net paid per method. */
  cancel_refunds_every_transaction: z.boolean().default(false),
});

export const OmsWorldSchema = z.object({
  now: Iso.optional(),
  api_keys: z.array(z.object({ key: z.string().min(1), scope: z.enum(['read_write', 'read_only']).default('read_write') })).min(1),
  /** Base of the `url` deep links; defaults to the sandbox's own origin (it serves /admin/orders/{id}). */
  admin_url: z.string().optional(),
  orders: z.array(OmsOrderSchema).default([]),
  customers: z.array(OmsCustomerSchema).default([]),
  products: z.array(OmsProductSchema).default([]),
  /** When set, a cancellation must give one of these reasons (422 invalid_cancel_reason otherwise). */
  cancel_reasons: z.array(z.string().min(1)).nullable().default(null),
  quirks: OmsQuirksSchema.default({ modify_items_uses_last_variant: false, cancel_refunds_every_transaction: false }),
});

export type OmsWorld = z.input<typeof OmsWorldSchema>;
export type ParsedOmsWorld = z.output<typeof OmsWorldSchema>;
export type OmsOrder = z.output<typeof OmsOrderSchema>;
export type OmsMoney = z.output<typeof OmsMoneySchema>;
export type OmsReturn = z.output<typeof OmsReturnSchema>;
export type OmsLineItem = OmsOrder['line_items'][number];
export type OmsAddress = z.output<typeof OmsAddressSchema>;
export type OmsCustomer = z.output<typeof OmsCustomerSchema>;
export type OmsPaymentMethod = z.output<typeof OmsPaymentMethodSchema>;
export type OmsProduct = z.output<typeof OmsProductSchema>;
export type OmsVariant = z.output<typeof OmsVariantSchema>;
