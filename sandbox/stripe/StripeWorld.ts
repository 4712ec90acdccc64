// The seed/dump format of the Stripe sandbox: customers, charges (with their payment intents),
// refunds, prices, subscriptions, invoices and pending invoice items, in Stripe's snake_case.
// Times are ISO-8601 strings so sandbox/kit/rebaseDates.ts can shift a whole world; the sandbox turns
// them into the unix seconds Stripe's API speaks. A dump of a running sandbox is itself a valid seed.
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });
const Currency = z
  .string()
  .length(3)
  .transform((c) => c.toLowerCase());
const Metadata = z.record(z.string(), z.string()).default({});
const Amount = z.number().int();
const prefixed = (prefix: string) => z.string().startsWith(prefix);

export const RefundStatusSchema = z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);
export type RefundStatus = z.infer<typeof RefundStatusSchema>;

export const StripeCustomerSchema = z.object({
  id: prefixed('cus_'),
  email: z.string().nullable().default(null),
  name: z.string().nullable().default(null),
  phone: z.string().nullable().default(null),
  description: z.string().nullable().default(null),
  created: Iso,
  /** Negative = credit the customer has with us (Stripe's sign convention). */
  balance: Amount.default(0),
  currency: Currency.default('usd'),
  preferred_locales: z.array(z.string()).default([]),
  metadata: Metadata,
});

export const StripeChargeSchema = z.object({
  id: prefixed('ch_'),
  payment_intent: prefixed('pi_').nullable().default(null),
  customer: prefixed('cus_').nullable().default(null),
  amount: Amount.positive(),
  currency: Currency,
  created: Iso,
  status: z.enum(['succeeded', 'pending', 'failed']).default('succeeded'),
  description: z.string().nullable().default(null),
  /** A disputed charge refuses refunds (charge_disputed). */
  disputed: z.boolean().default(false),
  failure_code: z.string().nullable().default(null),
  failure_message: z.string().nullable().default(null),
  /**
   * What happens to refunds of this charge: "succeeded" at once; "pending" stays pending until
   * settled through POST /__sandbox/stripe/refunds/:id; "failed" is created pending and has failed by
   * the next request (a later verification or follow-up sees the failure).
   */
  refund_outcome: z.enum(['succeeded', 'pending', 'failed']).default('succeeded'),
  card: z
    .object({ brand: z.string(), last4: z.string().length(4), exp_month: z.number().int(), exp_year: z.number().int() })
    .default({ brand: 'visa', last4: '4242', exp_month: 8, exp_year: 2030 }),
  metadata: Metadata,
});

export const StripeRefundSchema = z.object({
  id: prefixed('re_'),
  charge: prefixed('ch_'),
  amount: Amount.positive(),
  status: RefundStatusSchema.default('succeeded'),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer', 'expired_uncaptured_charge']).nullable().default(null),
  created: Iso,
  metadata: Metadata,
  failure_reason: z.string().nullable().default(null),
  /** The status this refund takes at the start of the next request (see refund_outcome). */
  settles_to: z.enum(['succeeded', 'failed']).nullable().default(null),
});

export const StripePriceSchema = z.object({
  id: prefixed('price_'),
  product: prefixed('prod_'),
  nickname: z.string().nullable().default(null),
  unit_amount: Amount.nonnegative(),
  currency: Currency,
  interval: z.enum(['day', 'week', 'month', 'year']),
  interval_count: z.number().int().positive().default(1),
  active: z.boolean().default(true),
  created: Iso,
  metadata: Metadata,
});

export const StripeSubscriptionItemSchema = z.object({
  id: prefixed('si_'),
  price: prefixed('price_'),
  quantity: z.number().int().positive().default(1),
  created: Iso.optional(),
});

export const StripeSubscriptionSchema = z.object({
  id: prefixed('sub_'),
  customer: prefixed('cus_'),
  status: z.enum(['active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'trialing', 'paused']),
  items: z.array(StripeSubscriptionItemSchema).min(1),
  current_period_start: Iso,
  current_period_end: Iso,
  created: Iso,
  cancel_at_period_end: z.boolean().default(false),
  canceled_at: Iso.nullable().default(null),
  ended_at: Iso.nullable().default(null),
  cancellation_reason: z.enum(['cancellation_requested', 'payment_disputed', 'payment_failed']).nullable().default(null),
  latest_invoice: prefixed('in_').nullable().default(null),
  collection_method: z.enum(['charge_automatically', 'send_invoice']).default('charge_automatically'),
  metadata: Metadata,
});

export const StripeInvoiceLineSchema = z.object({
  id: prefixed('il_').optional(),
  description: z.string().nullable().default(null),
  amount: Amount,
  price: prefixed('price_').nullable().default(null),
  quantity: z.number().int().positive().default(1),
  proration: z.boolean().default(false),
  subscription_item: prefixed('si_').nullable().default(null),
  period_start: Iso,
  period_end: Iso,
});
export type StripeInvoiceLine = z.infer<typeof StripeInvoiceLineSchema>;

export const StripeInvoiceSchema = z.object({
  id: prefixed('in_'),
  customer: prefixed('cus_'),
  subscription: prefixed('sub_').nullable().default(null),
  status: z.enum(['draft', 'open', 'paid', 'uncollectible', 'void']),
  billing_reason: z.string().default('subscription_cycle'),
  number: z.string().nullable().default(null),
  currency: Currency,
  created: Iso,
  period_start: Iso,
  period_end: Iso,
  /** Customer balance before this invoice (negative = credit). */
  starting_balance: Amount.default(0),
  lines: z.array(StripeInvoiceLineSchema),
  metadata: Metadata,
});

/** A proration or other item waiting for the customer's next invoice. */
export const StripeInvoiceItemSchema = z.object({
  id: prefixed('ii_'),
  customer: prefixed('cus_'),
  subscription: prefixed('sub_').nullable().default(null),
  subscription_item: prefixed('si_').nullable().default(null),
  amount: Amount,
  currency: Currency,
  description: z.string().nullable().default(null),
  proration: z.boolean().default(false),
  created: Iso,
  period_start: Iso,
  period_end: Iso,
  invoice: prefixed('in_').nullable().default(null),
});

export const StripeWorldSchema = z
  .object({
    /** The world's clock: frozen at this instant so amounts (prorations) are reproducible; real time when absent. */
    now: Iso.optional(),
    /** Secret keys the sandbox accepts; any other key gets Stripe's 401. */
    api_keys: z.array(prefixed('sk_')).min(1).default(['sk_test_sandbox']),
    customers: z.array(StripeCustomerSchema).default([]),
    charges: z.array(StripeChargeSchema).default([]),
    refunds: z.array(StripeRefundSchema).default([]),
    prices: z.array(StripePriceSchema).default([]),
    subscriptions: z.array(StripeSubscriptionSchema).default([]),
    invoices: z.array(StripeInvoiceSchema).default([]),
    invoice_items: z.array(StripeInvoiceItemSchema).default([]),
  })
  .superRefine((w, ctx) => {
    const ids = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
    const customers = ids(w.customers);
    const charges = ids(w.charges);
    const prices = ids(w.prices);
    const missing = (path: (string | number)[], what: string, id: string) =>
      ctx.addIssue({ code: 'custom', path, message: `unknown ${what} ${id}` });
    w.charges.forEach((c, i) => c.customer && !customers.has(c.customer) && missing(['charges', i, 'customer'], 'customer', c.customer));
    w.refunds.forEach((r, i) => !charges.has(r.charge) && missing(['refunds', i, 'charge'], 'charge', r.charge));
    w.subscriptions.forEach((s, i) => {
      if (!customers.has(s.customer)) missing(['subscriptions', i, 'customer'], 'customer', s.customer);
      s.items.forEach((it, j) => !prices.has(it.price) && missing(['subscriptions', i, 'items', j, 'price'], 'price', it.price));
    });
    w.invoices.forEach((inv, i) => !customers.has(inv.customer) && missing(['invoices', i, 'customer'], 'customer', inv.customer));
    for (const [name, list] of Object.entries({
      customers: w.customers,
      charges: w.charges,
      refunds: w.refunds,
      prices: w.prices,
      subscriptions: w.subscriptions,
      invoices: w.invoices,
      invoice_items: w.invoice_items,
    })) {
      const seen = new Set<string>();
      list.forEach((x, i) => {
        if (seen.has(x.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `duplicate id ${x.id}` });
        seen.add(x.id);
      });
    }
  });

export type StripeWorld = z.input<typeof StripeWorldSchema>;
export type StripeWorldData = z.output<typeof StripeWorldSchema>;
export type CustomerRecord = StripeWorldData['customers'][number];
export type ChargeRecord = StripeWorldData['charges'][number];
export type RefundRecord = StripeWorldData['refunds'][number];
export type PriceRecord = StripeWorldData['prices'][number];
export type SubscriptionRecord = StripeWorldData['subscriptions'][number];
export type InvoiceRecord = StripeWorldData['invoices'][number];
export type InvoiceItemRecord = StripeWorldData['invoice_items'][number];
