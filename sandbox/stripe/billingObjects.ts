// Builds the API objects of the billing side — price, subscription (with its items), invoice (with its
// lines) — from the world's records: Stripe's fixture overlaid with the sandbox's real values.
import { fixtureTemplate, sub, type Json } from './fixtureTemplate.js';
import { listObject } from './stripeList.js';
import { idSuffix, toUnix, type StripeState } from './StripeState.js';
import type { InvoiceRecord, PriceRecord, StripeInvoiceLine, SubscriptionRecord } from './StripeWorld.js';

export function priceObject(p: PriceRecord): Json {
  const t = fixtureTemplate('price');
  return {
    ...t,
    id: p.id,
    active: p.active,
    billing_scheme: 'per_unit',
    created: toUnix(p.created),
    currency: p.currency,
    custom_unit_amount: null,
    lookup_key: null,
    metadata: p.metadata,
    nickname: p.nickname,
    product: p.product,
    recurring: { interval: p.interval, interval_count: p.interval_count, meter: null, usage_type: 'licensed', trial_period_days: null },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: p.unit_amount,
    unit_amount_decimal: String(p.unit_amount),
  };
}

// Stripe still sends the legacy `plan` next to `price` on subscription items.
function planObject(p: PriceRecord, template: Json): Json {
  return {
    ...template,
    id: p.id,
    active: p.active,
    amount: p.unit_amount,
    amount_decimal: String(p.unit_amount),
    billing_scheme: 'per_unit',
    created: toUnix(p.created),
    currency: p.currency,
    interval: p.interval,
    interval_count: p.interval_count,
    livemode: false,
    metadata: p.metadata,
    meter: null,
    nickname: p.nickname,
    product: p.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: 'licensed',
  };
}

export function subscriptionObject(state: StripeState, s: SubscriptionRecord): Json {
  const t = fixtureTemplate('subscription');
  const itemsTemplate = sub(t, 'items');
  const itemTemplate = (itemsTemplate.data as Json[])[0]!;
  const periodStart = toUnix(s.current_period_start);
  const periodEnd = toUnix(s.current_period_end);
  const items = s.items.map((it) => {
    const price = state.price(it.price);
    return {
      ...structuredClone(itemTemplate),
      id: it.id,
      created: toUnix(it.created ?? s.created),
      current_period_start: periodStart,
      current_period_end: periodEnd,
      discounts: [],
      metadata: {},
      price: priceObject(price),
      plan: planObject(price, structuredClone(itemTemplate.plan) as Json),
      quantity: it.quantity,
      subscription: s.id,
      tax_rates: [],
      billing_thresholds: null,
    };
  });
  const firstPrice = state.price(s.items[0]!.price);
  return {
    ...t,
    id: s.id,
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: periodStart,
    billing_cycle_anchor_config: null,
    billing_thresholds: null,
    billing_schedules: [],
    cancel_at: s.cancel_at_period_end ? periodEnd : null,
    cancel_at_period_end: s.cancel_at_period_end,
    canceled_at: s.canceled_at ? toUnix(s.canceled_at) : null,
    cancellation_details: { comment: null, feedback: null, reason: s.cancellation_reason },
    collection_method: s.collection_method,
    created: toUnix(s.created),
    currency: firstPrice.currency,
    customer: s.customer,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    description: null,
    discounts: [],
    ended_at: s.ended_at ? toUnix(s.ended_at) : null,
    items: { ...itemsTemplate, data: items, has_more: false, url: `/v1/subscription_items?subscription=${s.id}` },
    latest_invoice: s.latest_invoice,
    metadata: s.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: toUnix(s.created),
    status: s.status,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_start: null,
    managed_payments: { enabled: false },
  };
}

/** Money of an invoice: lines plus the customer balance carried in (negative balance = credit). */
export function invoiceTotals(inv: Pick<InvoiceRecord, 'lines' | 'starting_balance' | 'status'>) {
  const total = inv.lines.reduce((sum, l) => sum + l.amount, 0);
  const carried = total + inv.starting_balance;
  const amountDue = Math.max(0, carried);
  const amountPaid = inv.status === 'paid' ? amountDue : 0;
  return { total, amountDue, amountPaid, amountRemaining: amountDue - amountPaid, endingBalance: Math.min(0, carried) };
}

function lineObject(inv: InvoiceRecord, line: StripeInvoiceLine, index: number, template: Json): Json {
  const parent = sub(template, 'parent');
  const itemDetails = sub(parent, 'subscription_item_details');
  return {
    ...template,
    id: line.id ?? `il_${idSuffix(inv.id)}_${index + 1}`,
    amount: line.amount,
    currency: inv.currency,
    description: line.description,
    discount_amounts: [],
    discountable: !line.proration,
    discounts: [],
    invoice: inv.id,
    livemode: false,
    metadata: {},
    period: { start: toUnix(line.period_start), end: toUnix(line.period_end) },
    quantity: line.quantity,
    subscription: inv.subscription,
    pretax_credit_amounts: null,
    taxes: [],
    parent: inv.subscription
      ? {
          ...parent,
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: {
            ...itemDetails,
            invoice_item: null,
            proration: line.proration,
            proration_details: { credited_items: null },
            subscription: inv.subscription,
            subscription_item: line.subscription_item,
          },
        }
      : null,
    pricing: {
      type: 'price_details',
      price_details: line.price ? { price: line.price, product: null } : null,
      unit_amount_decimal: line.quantity ? String(Math.round(line.amount / line.quantity)) : null,
    },
    subtotal: line.amount,
    quantity_decimal: String(line.quantity),
  };
}

export function invoiceObject(state: StripeState, inv: InvoiceRecord, opts: { preview?: boolean } = {}): Json {
  const t = fixtureTemplate('invoice');
  const customer = state.customer(inv.customer);
  const lines = sub(t, 'lines');
  const lineTemplate = (lines.data as Json[])[0]!;
  const totals = invoiceTotals(inv);
  const created = toUnix(inv.created);
  const finalized = inv.status !== 'draft';
  return {
    ...t,
    id: inv.id,
    account_name: 'Case Closer Sandbox',
    account_tax_ids: null,
    amount_due: totals.amountDue,
    amount_paid: totals.amountPaid,
    amount_remaining: totals.amountRemaining,
    amount_shipping: 0,
    amount_overpaid: 0,
    application: null,
    attempt_count: inv.status === 'paid' && totals.amountDue > 0 ? 1 : 0,
    attempted: inv.status === 'paid' && totals.amountDue > 0,
    auto_advance: !finalized,
    automatic_tax: { enabled: false, liability: null, status: null, disabled_reason: null, provider: null },
    automatically_finalizes_at: null,
    billing_reason: inv.billing_reason,
    collection_method: 'charge_automatically',
    created,
    currency: inv.currency,
    customer: inv.customer,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: customer.phone,
    customer_shipping: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: finalized ? created : null,
    ending_balance: finalized ? totals.endingBalance : null,
    from_invoice: null,
    hosted_invoice_url: opts.preview ? null : `https://invoice.stripe.com/i/sandbox/${inv.id}`,
    invoice_pdf: opts.preview ? null : `https://pay.stripe.com/invoice/sandbox/${inv.id}/pdf`,
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      ...lines,
      data: inv.lines.map((l, i) => lineObject(inv, l, i, structuredClone(lineTemplate))),
      has_more: false,
      url: `/v1/invoices/${inv.id}/lines`,
    },
    metadata: inv.metadata,
    next_payment_attempt: inv.status === 'open' ? created + 3600 : null,
    number: inv.number,
    on_behalf_of: null,
    parent: inv.subscription
      ? { ...sub(t, 'parent'), type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: inv.subscription } }
      : null,
    period_end: toUnix(inv.period_end),
    period_start: toUnix(inv.period_start),
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: inv.starting_balance,
    status: inv.status,
    status_transitions: {
      finalized_at: finalized ? created : null,
      marked_uncollectible_at: null,
      paid_at: inv.status === 'paid' ? created : null,
      voided_at: null,
    },
    subscription: inv.subscription,
    subtotal: totals.total,
    subtotal_excluding_tax: totals.total,
    test_clock: null,
    total: totals.total,
    total_discount_amounts: [],
    total_excluding_tax: totals.total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: finalized ? created : null,
  };
}
