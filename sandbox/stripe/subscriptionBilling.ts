// Subscription changes as Stripe bills them: moving items to other prices with a proration behaviour
// (create_prorations → pending invoice items, always_invoice → an invoice now, none → nothing),
// cancelling now with optional prorated credit, and previewing the invoice such a change produces.
// Invoices the sandbox creates are paid at once; a negative total becomes customer credit.
import { invoiceTotals } from './billingObjects.js';
import { priceChangeLines, unusedTimeLine, type ProrationLine, type ProrationPrice } from './proration.js';
import { invalidParam, invalidRequest } from './StripeApiError.js';
import { toIso, toUnix, type StripeState } from './StripeState.js';
import type { InvoiceRecord, PriceRecord, StripeInvoiceLine, SubscriptionRecord } from './StripeWorld.js';

export const PRORATION_BEHAVIORS = ['create_prorations', 'always_invoice', 'none'] as const;
export type ProrationBehavior = (typeof PRORATION_BEHAVIORS)[number];

export interface ItemChange {
  itemId: string;
  priceId: string;
  param: string; // e.g. items[0], for errors
}

const label = (p: PriceRecord): string => p.nickname ?? p.product;
const prorationPrice = (p: PriceRecord): ProrationPrice => ({ id: p.id, label: label(p), unitAmount: p.unit_amount });

function addInterval(unix: number, p: PriceRecord): number {
  const d = new Date(unix * 1000);
  const n = p.interval_count;
  if (p.interval === 'day') d.setUTCDate(d.getUTCDate() + n);
  else if (p.interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (p.interval === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return Math.floor(d.getTime() / 1000);
}

export function assertUpdatable(sub: SubscriptionRecord): void {
  if (sub.status === 'canceled') {
    throw invalidRequest(null, 'A canceled subscription can only update its cancellation_details and metadata.');
  }
}

/** Checks the requested item changes against the subscription and the catalog. */
export function validateChanges(state: StripeState, sub: SubscriptionRecord, changes: ItemChange[]): void {
  for (const ch of changes) {
    const item = sub.items.find((it) => it.id === ch.itemId);
    if (!item) throw invalidParam('resource_missing', `No such subscription item: '${ch.itemId}'`, `${ch.param}[id]`);
    const from = state.price(item.price);
    const to = state.price(ch.priceId, `${ch.param}[price]`);
    if (!to.active) throw invalidParam(null, `The price specified is inactive. This field only accepts active prices.`, `${ch.param}[price]`);
    if (to.currency !== from.currency) {
      throw invalidParam(null, `The price specified uses currency ${to.currency}, but this subscription uses ${from.currency}.`, `${ch.param}[price]`);
    }
  }
}

function toLine(itemId: string, l: ProrationLine, proration: boolean): StripeInvoiceLine {
  return {
    description: l.description,
    amount: l.amount,
    price: l.price,
    quantity: l.quantity,
    proration,
    subscription_item: itemId,
    period_start: toIso(l.periodStart),
    period_end: toIso(l.periodEnd),
  };
}

function period(sub: SubscriptionRecord) {
  return { start: toUnix(sub.current_period_start), end: toUnix(sub.current_period_end) };
}

export function changeProrations(state: StripeState, sub: SubscriptionRecord, changes: ItemChange[], at: number): StripeInvoiceLine[] {
  return changes.flatMap((ch) => {
    const item = sub.items.find((it) => it.id === ch.itemId)!;
    if (item.price === ch.priceId) return [];
    const lines = priceChangeLines(prorationPrice(state.price(item.price)), prorationPrice(state.price(ch.priceId)), item.quantity, period(sub), at);
    return lines.map((l) => toLine(item.id, l, true));
  });
}

/** The renewal lines of the next period, with the item prices as they would be after `changes`. */
function nextPeriodLines(state: StripeState, sub: SubscriptionRecord, changes: ItemChange[]): StripeInvoiceLine[] {
  return sub.items.map((it) => {
    const price = state.price(changes.find((c) => c.itemId === it.id)?.priceId ?? it.price);
    const start = toUnix(sub.current_period_end);
    return {
      description: `${it.quantity} × ${label(price)}`,
      amount: price.unit_amount * it.quantity,
      price: price.id,
      quantity: it.quantity,
      proration: false,
      subscription_item: it.id,
      period_start: toIso(start),
      period_end: toIso(addInterval(start, price)),
    };
  });
}

function hasPending(state: StripeState, sub: SubscriptionRecord): boolean {
  return state.world.invoice_items.some((ii) => ii.subscription === sub.id && ii.invoice === null);
}

function pendingLines(state: StripeState, sub: SubscriptionRecord): StripeInvoiceLine[] {
  return state.world.invoice_items
    .filter((ii) => ii.subscription === sub.id && ii.invoice === null)
    .map((ii) => ({
      description: ii.description,
      amount: ii.amount,
      price: null,
      quantity: 1,
      proration: ii.proration,
      subscription_item: ii.subscription_item,
      period_start: ii.period_start,
      period_end: ii.period_end,
    }));
}

function currencyOf(state: StripeState, sub: SubscriptionRecord): string {
  return state.price(sub.items[0]!.price).currency;
}

/** The invoice a change would produce, not stored (POST /v1/invoices/create_preview). */
export function previewInvoice(state: StripeState, sub: SubscriptionRecord, changes: ItemChange[], behavior: ProrationBehavior, at: number): InvoiceRecord {
  const prorations = behavior === 'none' ? [] : changeProrations(state, sub, changes, at);
  const lines =
    behavior === 'always_invoice'
      ? [...pendingLines(state, sub), ...prorations]
      : [...pendingLines(state, sub), ...prorations, ...nextPeriodLines(state, sub, changes)];
  const invoiceNow = behavior === 'always_invoice';
  return {
    id: `upcoming_in_${sub.id.slice(4)}`,
    customer: sub.customer,
    subscription: sub.id,
    status: 'draft',
    billing_reason: invoiceNow ? 'subscription_update' : 'upcoming',
    number: null,
    currency: currencyOf(state, sub),
    created: toIso(at),
    period_start: invoiceNow ? toIso(at) : sub.current_period_start,
    period_end: invoiceNow ? toIso(at) : sub.current_period_end,
    starting_balance: state.customer(sub.customer).balance,
    lines,
    metadata: {},
  };
}

/** Creates a paid invoice now, taking pending items of the subscription and moving the customer balance. */
function invoiceNow(state: StripeState, sub: SubscriptionRecord, extra: StripeInvoiceLine[], at: number): InvoiceRecord {
  const customer = state.customer(sub.customer);
  const id = state.newId('in');
  const pending = pendingLines(state, sub);
  for (const ii of state.world.invoice_items) if (ii.subscription === sub.id && ii.invoice === null) ii.invoice = id;
  const invoice: InvoiceRecord = {
    id,
    customer: sub.customer,
    subscription: sub.id,
    status: 'paid',
    billing_reason: 'subscription_update',
    number: `${customer.id.slice(4, 12).toUpperCase()}-${String(state.world.invoices.filter((i) => i.customer === customer.id).length + 1).padStart(4, '0')}`,
    currency: currencyOf(state, sub),
    created: toIso(at),
    period_start: toIso(at),
    period_end: toIso(at),
    starting_balance: customer.balance,
    lines: [...pending, ...extra],
    metadata: {},
  };
  customer.balance = invoiceTotals(invoice).endingBalance;
  state.world.invoices.push(invoice);
  sub.latest_invoice = id;
  return invoice;
}

function addPendingItems(state: StripeState, sub: SubscriptionRecord, lines: StripeInvoiceLine[], at: number): void {
  for (const l of lines) {
    state.world.invoice_items.push({
      id: state.newId('ii'),
      customer: sub.customer,
      subscription: sub.id,
      subscription_item: l.subscription_item,
      amount: l.amount,
      currency: currencyOf(state, sub),
      description: l.description,
      proration: l.proration,
      created: toIso(at),
      period_start: l.period_start,
      period_end: l.period_end,
      invoice: null,
    });
  }
}

export function changePrices(state: StripeState, sub: SubscriptionRecord, changes: ItemChange[], behavior: ProrationBehavior, at: number): void {
  const prorations = behavior === 'none' ? [] : changeProrations(state, sub, changes, at);
  for (const ch of changes) sub.items.find((it) => it.id === ch.itemId)!.price = ch.priceId;
  if (behavior === 'always_invoice') {
    if (prorations.length > 0 || hasPending(state, sub)) invoiceNow(state, sub, prorations, at);
  }
  else if (prorations.length > 0) addPendingItems(state, sub, prorations, at);
}

/** DELETE /v1/subscriptions/:id — `prorate` credits unused time, `invoice_now` bills it (and pending items) at once. */
export function cancelNow(state: StripeState, sub: SubscriptionRecord, opts: { prorate: boolean; invoiceNow: boolean }, at: number): void {
  if (sub.status === 'canceled') throw invalidRequest(null, `This subscription has already been canceled: '${sub.id}'.`);
  const credits = opts.prorate
    ? sub.items
        .map((it) => toLine(it.id, unusedTimeLine(prorationPrice(state.price(it.price)), it.quantity, period(sub), at), true))
        .filter((l) => l.amount !== 0)
    : [];
  if (opts.invoiceNow && (credits.length > 0 || hasPending(state, sub))) invoiceNow(state, sub, credits, at);
  else addPendingItems(state, sub, credits, at);
  sub.status = 'canceled';
  sub.canceled_at = toIso(at);
  sub.ended_at = toIso(at);
  sub.cancel_at_period_end = false;
  sub.cancellation_reason = 'cancellation_requested';
}
