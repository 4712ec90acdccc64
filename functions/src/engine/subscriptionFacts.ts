// Cited facts about the requester's billing customer and subscription, the prorated credit of
// cancelling it, and the plan the customer asks to move to (ticket words mapped to a price through
// the policy's `plans.names.<word>` values) with the prorated amount of that move. Pure.
import type { Citation, Fact, FactValue } from '../domain/evidence.js';
import { money } from '../domain/money.js';
import type { BillingCustomer, ProrationPreview, Subscription } from '../ports/BillingGateway.js';
import type { HelpDeskUser } from '../ports/HelpDesk.js';

export interface SubscriptionFactsInput {
  customer: BillingCustomer | null;
  subscription: Subscription | null;
  requester: HelpDeskUser;
  ticket: { id: string; link?: string; text: string };
  /** Preview of moving the subscription to `plan.targetPriceId`, when one was named. */
  preview: ProrationPreview | null;
  now: string;
  policy: Record<string, unknown>;
}

const NAME_PREFIX = 'plans.names.';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Plan words of the policy found in the text, each with its price id (accents and case ignored). */
export function planNamesIn(text: string, policy: Record<string, unknown>): { name: string; priceId: string }[] {
  const folded = fold(text);
  return Object.entries(policy)
    .filter((e): e is [string, string] => e[0].startsWith(NAME_PREFIX) && typeof e[1] === 'string')
    .map(([key, priceId]) => ({ name: key.slice(NAME_PREFIX.length), priceId }))
    .filter(({ name }) => new RegExp(`(^|[^a-z0-9])${escape(fold(name))}([^a-z0-9]|$)`).test(folded));
}

/**
 * The price the customer asks to move to: the one named plan that is not the current one; the
 * current one when it is the only one named (so "already on it" can be said); null when none or
 * several are named (the customer is asked).
 */
export function requestedPlan(text: string, policy: Record<string, unknown>, currentPriceId: string | null): { name: string; priceId: string } | null {
  const named = planNamesIn(text, policy);
  const prices = [...new Set(named.map((n) => n.priceId))];
  const others = prices.filter((p) => p !== currentPriceId);
  const target = others.length === 1 ? others[0] : others.length === 0 && prices.length === 1 ? prices[0] : null;
  return target ? named.find((n) => n.priceId === target)! : null;
}

/** Share of the period still to run at `now`, clamped to 0..1, as Stripe prorates. */
export function remainingFraction(start: string, end: string, now: string): number {
  const length = Date.parse(end) - Date.parse(start);
  if (!(length > 0)) return 0;
  return Math.min(1, Math.max(0, (Date.parse(end) - Date.parse(now)) / length));
}

export function subscriptionFacts(input: SubscriptionFactsInput, at: { zendesk: string; stripe: string }): Fact[] {
  const { customer, subscription: sub, requester, policy } = input;
  const facts: Fact[] = [];
  const add = (key: string, value: FactValue, ...citations: Citation[]) => facts.push({ key, value, citations });
  if (!customer) return facts;
  const customerCite = (fields: string[]): Citation => ({ system: 'stripe', recordType: 'customer', recordId: customer.id, fields, fetchedAt: at.stripe, link: customer.link });
  const userCite: Citation = { system: 'zendesk', recordType: 'user', recordId: requester.id, fields: ['email'], fetchedAt: at.zendesk, link: requester.link };

  add('billing.customerId', customer.id, customerCite(['id', 'email']));
  const owns = !!requester.email && !!customer.email && requester.email.toLowerCase() === customer.email.toLowerCase();
  add('requester.ownsSubscription', owns, userCite, customerCite(['email']));
  if (!sub) return facts;

  const subCite = (fields: string[]): Citation => ({ system: 'stripe', recordType: 'subscription', recordId: sub.id, fields, fetchedAt: at.stripe, link: sub.link });
  const item = sub.items[0];
  add('subscription.id', sub.id, subCite(['id', 'customer']));
  add('subscription.status', sub.status, subCite(['status']));
  add('subscription.priceId', item?.priceId ?? null, subCite(['items.price']));
  add('subscription.currentPeriodStart', sub.currentPeriodStart, subCite(['current_period_start']));
  add('subscription.currentPeriodEnd', sub.currentPeriodEnd, subCite(['current_period_end']));
  add('subscription.cancelAtPeriodEnd', sub.cancelAtPeriodEnd, subCite(['cancel_at_period_end']));

  // Unused time, as Stripe credits it on a prorated cancellation: each item's amount × the share of
  // the period still to run, rounded half up.
  const currency = item?.unitAmount.currency ?? 'usd';
  const fraction = remainingFraction(sub.currentPeriodStart, sub.currentPeriodEnd, input.now);
  const unused = sub.items.reduce((s, it) => s + Math.round(it.unitAmount.amount * it.quantity * fraction), 0);
  const periodCite = subCite(['items.price.unit_amount', 'items.quantity', 'current_period_start', 'current_period_end']);
  add('subscription.unusedCredit', money(unused, currency), periodCite);
  // What cancelling under this policy credits and when it takes effect: nothing and the period end
  // when it ends at period end or without proration; the unused time and now otherwise.
  const atPeriodEnd = policy['subscription.cancelAtPeriodEnd'] === true;
  const prorate = policy['subscription.cancelProrate'] === true;
  add('subscription.cancelCredit', money(!atPeriodEnd && prorate ? unused : 0, currency), periodCite);
  add('subscription.cancelEffectiveAt', atPeriodEnd ? sub.currentPeriodEnd : input.now, subCite(['current_period_end']));

  const plan = requestedPlan(input.ticket.text, policy, item?.priceId ?? null);
  if (plan) {
    const ticketCite: Citation = { system: 'zendesk', recordType: 'ticket', recordId: input.ticket.id, fields: ['description'], fetchedAt: at.zendesk, ...(input.ticket.link ? { link: input.ticket.link } : {}) };
    add('plan.requestedName', plan.name, ticketCite);
    add('plan.targetPriceId', plan.priceId, ticketCite);
  }
  if (plan && input.preview && input.preview.subscriptionId === sub.id) {
    const previewCite = subCite(['items', 'current_period_end', 'upcoming_invoice.amount_due']);
    const due = input.preview.amountDue;
    add('plan.prorationAmount', due, previewCite);
    add('plan.prorationCredit', money(Math.max(0, -due.amount), due.currency), previewCite);
  }
  return facts;
}
