// Stripe objects → the BillingGateway port's types: camelCase, ISO-8601 times instead of unix
// seconds, Money instead of bare integers, and a Stripe Dashboard link on every record.
import type Stripe from 'stripe';
import { money } from '../../domain/money.js';
import type {
  BillingCustomer,
  Charge,
  Invoice,
  ProrationPreview,
  Refund,
  Subscription,
} from '../../ports/BillingGateway.js';

export const unixToIso = (unix: number): string => new Date(unix * 1000).toISOString();

/**
 * Stripe's enums are open (new values appear without an SDK release); the port's are closed. An unknown
 * value maps to a non-final fallback so nothing downstream mistakes it for a settled state.
 */
function narrow<T extends string>(value: string | null | undefined, known: readonly T[], fallback: T): T {
  return known.includes(value as T) ? (value as T) : fallback;
}

const CHARGE_STATUSES = ['succeeded', 'pending', 'failed'] as const;
const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;
const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'trialing', 'paused'] as const;
const INVOICE_STATUSES = ['draft', 'open', 'paid', 'uncollectible', 'void'] as const;

const idOf = (v: string | { id: string } | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : v.id);

export interface DashboardLinks {
  customer(id: string): string;
  payment(id: string): string;
  refund(id: string): string;
  subscription(id: string): string;
  invoice(id: string): string;
}

/** Test-mode keys see test data, which the Dashboard serves under /test/. */
export function dashboardLinks(apiKey: string): DashboardLinks {
  const base = `https://dashboard.stripe.com/${/^(sk|rk)_test_/.test(apiKey) ? 'test/' : ''}`;
  return {
    customer: (id) => `${base}customers/${id}`,
    payment: (id) => `${base}payments/${id}`,
    refund: (id) => `${base}refunds/${id}`,
    subscription: (id) => `${base}subscriptions/${id}`,
    invoice: (id) => `${base}invoices/${id}`,
  };
}

export function mapCustomer(c: Stripe.Customer, links: DashboardLinks): BillingCustomer {
  return { id: c.id, email: c.email ?? null, name: c.name ?? null, link: links.customer(c.id) };
}

export function mapCharge(c: Stripe.Charge, links: DashboardLinks): Charge {
  return {
    id: c.id,
    amount: money(c.amount, c.currency),
    amountRefunded: money(c.amount_refunded, c.currency),
    status: narrow(c.status, CHARGE_STATUSES, 'pending'),
    paid: c.paid,
    refunded: c.refunded,
    customerId: idOf(c.customer),
    paymentIntentId: idOf(c.payment_intent),
    created: unixToIso(c.created),
    link: links.payment(c.id),
  };
}

export function mapRefund(r: Stripe.Refund, links: DashboardLinks): Refund {
  return {
    id: r.id,
    chargeId: idOf(r.charge) ?? '',
    amount: money(r.amount, r.currency),
    status: narrow(r.status, REFUND_STATUSES, 'pending'),
    created: unixToIso(r.created),
    metadata: { ...(r.metadata ?? {}) },
    link: links.refund(r.id),
  };
}

export function mapSubscription(s: Stripe.Subscription, links: DashboardLinks): Subscription {
  const items = s.items.data;
  // Since API 2025-03-31 the billing period lives on each item; items of one subscription share it.
  const first = items[0];
  return {
    id: s.id,
    customerId: idOf(s.customer) ?? '',
    status: narrow(s.status, SUBSCRIPTION_STATUSES, 'incomplete'),
    items: items.map((it) => ({
      id: it.id,
      priceId: it.price.id,
      quantity: it.quantity ?? 1,
      unitAmount: money(it.price.unit_amount ?? 0, it.price.currency),
    })),
    currentPeriodStart: first ? unixToIso(first.current_period_start) : unixToIso(s.start_date),
    currentPeriodEnd: first ? unixToIso(first.current_period_end) : unixToIso(s.start_date),
    cancelAtPeriodEnd: s.cancel_at_period_end,
    canceledAt: s.canceled_at ? unixToIso(s.canceled_at) : null,
    link: links.subscription(s.id),
  };
}

function mapLines(inv: Stripe.Invoice): Invoice['lines'] {
  return inv.lines.data.map((l) => ({
    description: l.description ?? null,
    amount: money(l.amount, l.currency),
    proration: l.parent?.subscription_item_details?.proration ?? l.parent?.invoice_item_details?.proration ?? false,
  }));
}

export function mapInvoice(inv: Stripe.Invoice, links: DashboardLinks): Invoice {
  return {
    id: inv.id,
    customerId: idOf(inv.customer) ?? '',
    subscriptionId: idOf(inv.parent?.subscription_details?.subscription),
    status: narrow(inv.status, INVOICE_STATUSES, 'draft'),
    amountDue: money(inv.amount_due, inv.currency),
    amountPaid: money(inv.amount_paid, inv.currency),
    created: unixToIso(inv.created),
    lines: mapLines(inv),
    link: links.invoice(inv.id),
  };
}

export function mapPreview(subscriptionId: string, inv: Stripe.Invoice): ProrationPreview {
  // `total`, not `amount_due`: Stripe floors amount_due at zero and books a net credit to the
  // customer balance, while the port reports a credit as a negative amount.
  return { subscriptionId, amountDue: money(inv.total, inv.currency), lines: mapLines(inv) };
}
