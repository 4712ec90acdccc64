// The systems a playbook needs evidence from, each as a source that turns reads into cited facts.
// A playbook lists its sources; the investigation runs them in parallel.
import type { Conflict, Fact } from '../domain/evidence.js';
import type { EvidenceSourceName } from '../domain/playbook.js';
import type { Charge } from '../ports/BillingGateway.js';
import type { Customer, Order, Product } from '../ports/OrderSystem.js';
import type { Clock } from '../ports/Clock.js';
import type { Connectors } from './EngineDeps.js';
import { candidateOrder, customerFacts, extractNameAndZip, matchLineItems } from './customerFacts.js';
import { entitlementFacts } from './entitlementFacts.js';
import { orderFacts } from './facts.js';
import { requestedPlan, subscriptionFacts } from './subscriptionFacts.js';
import type { Reading, TicketReading } from './investigate.js';
import type { ToolTrace } from './traced.js';


export interface Evidence {
  facts: Fact[];
  conflicts: Conflict[];
}

type Source = (c: Connectors, clock: Clock, t: TicketReading, trace: ToolTrace, policy: Record<string, unknown>) => Promise<Reading<Evidence>>;

const NOTHING: Reading<Evidence> = { kind: 'ok', value: { facts: [], conflicts: [] } };

const order: Source = async ({ orders, billing }, clock, t, trace) => {
  const orderId = t.intent.orderIds[0];
  if (!orderId) return NOTHING;
  const orderR = await trace.call('oms', 'get_order', { orderId }, () => orders.getOrder(orderId), (o) => ({ id: o.id, status: o.status }));
  if (!orderR.ok) return orderR.error.code === 'not_found' ? { kind: 'not_found', what: 'order', id: orderId } : { kind: 'system_error', error: orderR.error };
  const o = orderR.value;
  const omsAt = clock.now().toISOString();
  let charge: Charge | null = null;
  const { chargeId, paymentIntentId } = o.payment;
  if (chargeId || paymentIntentId) {
    const chargeR = chargeId
      ? await trace.call('stripe', 'get_charge', { chargeId }, () => billing.getCharge(chargeId), (c) => ({ id: c.id, status: c.status }))
      : await trace.call('stripe', 'get_charge_for_payment_intent', { paymentIntentId }, () => billing.getChargeForPaymentIntent(paymentIntentId!), (c) => ({ id: c.id, status: c.status }));
    if (!chargeR.ok && chargeR.error.code !== 'not_found') return { kind: 'system_error', error: chargeR.error };
    charge = chargeR.ok ? chargeR.value : null;
  }
  const now = clock.now().toISOString();
  return { kind: 'ok', value: orderFacts({ order: o, charge, requester: t.requester, now, ticket: { id: t.ticket.id, link: t.ticket.link, text: t.customerText } }, { zendesk: t.readAt, oms: omsAt, stripe: charge ? now : null }) };
};

const entitlement: Source = async ({ entitlements, billing }, clock, t, trace) => {
  if (!entitlements) return { kind: 'not_found', what: 'entitlement_connector', id: 'entitlements' };
  const email = t.requester.email;
  if (!email) return NOTHING;
  const accountsR = await trace.call('entitlements', 'find_accounts_by_email', { email }, () => entitlements.findAccountsByEmail(email), (a) => ({ ids: a.map((x) => x.id) }));
  if (!accountsR.ok) return { kind: 'system_error', error: accountsR.error };
  // Several accounts: the one that is locked is the one the customer writes about; none locked, the first.
  const account = accountsR.value.find((a) => a.status === 'locked') ?? accountsR.value[0];
  if (!account) return NOTHING;
  const accountAt = clock.now().toISOString();
  const subscriptionId = account.billing.subscriptionId;
  const customerId = account.billing.customerId;
  const [subR, invoicesR] = await Promise.all([
    subscriptionId ? trace.call('stripe', 'get_subscription', { subscriptionId }, () => billing.getSubscription(subscriptionId), (s) => ({ status: s.status })) : Promise.resolve(null),
    customerId ? trace.call('stripe', 'list_invoices', { customerId }, () => billing.listInvoices(customerId), (i) => ({ count: i.length })) : Promise.resolve(null),
  ]);
  for (const r of [subR, invoicesR]) if (r && !r.ok && r.error.code !== 'not_found') return { kind: 'system_error', error: r.error };
  return {
    kind: 'ok',
    value: entitlementFacts({
      account,
      subscription: subR && subR.ok ? subR.value : null,
      invoices: invoicesR && invoicesR.ok ? invoicesR.value : [],
      requester: t.requester,
    }, { zendesk: t.readAt, entitlements: accountAt, stripe: clock.now().toISOString() }),
  };
};

// The requester's billing customer (by their email; else by an email the ticket names, which then
// fails the ownership fact), its live subscription, and the preview of a plan change they name.
const subscription: Source = async ({ billing }, clock, t, trace, policy) => {
  const emails = [...new Set([t.requester.email, ...t.intent.emails].filter((e): e is string => !!e))];
  let customer = null;
  for (const email of emails) {
    const r = await trace.call('stripe', 'find_customers_by_email', { email }, () => billing.findCustomersByEmail(email), (c) => ({ ids: c.map((x) => x.id) }));
    if (!r.ok) return { kind: 'system_error', error: r.error };
    customer = r.value[0] ?? null;
    if (customer) break;
  }
  if (!customer) return NOTHING;
  const found = customer;
  const subsR = await trace.call('stripe', 'list_subscriptions', { customerId: found.id }, () => billing.listSubscriptions(found.id), (s) => ({ ids: s.map((x) => x.id) }));
  if (!subsR.ok) return { kind: 'system_error', error: subsR.error };
  // The live one the customer writes about; none live, the newest (so "already canceled" can be said).
  const sub = subsR.value.find((s) => s.status !== 'canceled' && s.status !== 'incomplete_expired') ?? subsR.value[0] ?? null;
  let preview = null;
  const plan = sub ? requestedPlan(t.customerText, policy, sub.items[0]?.priceId ?? null) : null;
  if (sub && plan && plan.priceId !== sub.items[0]?.priceId && sub.status !== 'canceled') {
    const pr = await trace.call('stripe', 'preview_price_change', { subscriptionId: sub.id, newPriceId: plan.priceId }, () => billing.previewPriceChange(sub.id, plan.priceId), (p) => ({ amountDue: p.amountDue }));
    if (!pr.ok && pr.error.retryable) return { kind: 'system_error', error: pr.error };
    preview = pr.ok ? pr.value : null;
  }
  const now = clock.now().toISOString();
  const facts = subscriptionFacts(
    { customer: found, subscription: sub, requester: t.requester, ticket: { id: t.ticket.id, link: t.ticket.link, text: t.customerText }, preview, now, policy },
    { zendesk: t.readAt, stripe: now },
  );
  return { kind: 'ok', value: { facts, conflicts: [] } };
};

// τ²-retail identity: the OMS customer with the requester's email, else the single customer with the
// first name, last name and zip the ticket states; then the order the ticket is about (named, else
// the one candidate among that customer's orders) and whether it is theirs.
const customer: Source = async ({ orders }, clock, t, trace) => {
  const email = t.requester.email;
  let found: Customer | null = null;
  let verifiedBy: 'email' | 'name_zip' | null = null;
  if (email) {
    const r = await trace.call('oms', 'find_customer_by_email', { email }, () => orders.findCustomerByEmail(email), (c) => ({ id: c?.id ?? null }));
    if (!r.ok) return { kind: 'system_error', error: r.error };
    if (r.value) [found, verifiedBy] = [r.value, 'email'];
  }
  const stated = found ? null : extractNameAndZip(t.customerText);
  if (stated) {
    const r = await trace.call('oms', 'find_customers_by_name_and_zip', stated, () => orders.findCustomersByNameAndZip(stated), (c) => ({ ids: c.map((x) => x.id) }));
    if (!r.ok) return { kind: 'system_error', error: r.error };
    if (r.value.length === 1) [found, verifiedBy] = [r.value[0]!, 'name_zip'];
  }
  let target: Order | null = null;
  const named = t.intent.orderIds[0];
  if (named) {
    const r = await trace.call('oms', 'get_order', { orderId: named }, () => orders.getOrder(named), (o) => ({ id: o.id, status: o.status }));
    if (!r.ok) return r.error.code === 'not_found' ? { kind: 'not_found', what: 'order', id: named } : { kind: 'system_error', error: r.error };
    target = r.value;
  } else if (found) {
    const mine: Order[] = [];
    for (const id of found.orderIds) {
      const r = await trace.call('oms', 'get_order', { orderId: id }, () => orders.getOrder(id), (o) => ({ id: o.id, status: o.status }));
      if (!r.ok) return { kind: 'system_error', error: r.error };
      mine.push(r.value);
    }
    target = candidateOrder(t.intent.intent, t.customerText, mine);
  }
  // Item changes and exchanges: the catalog products of the items the customer names, for their variants.
  const products: Product[] = [];
  if (target && (t.intent.intent === 'modify_order_items' || t.intent.intent === 'exchange_order')) {
    const ids = new Set((matchLineItems(t.customerText, target.lineItems) ?? []).map((id) => target!.lineItems.find((li) => li.id === id)?.productId));
    for (const productId of ids) {
      if (!productId) continue;
      const r = await trace.call('oms', 'get_product', { productId }, () => orders.getProduct(productId), (p) => ({ id: p.id, variants: p.variants.length }));
      if (!r.ok && r.error.code !== 'not_found') return { kind: 'system_error', error: r.error };
      if (r.ok) products.push(r.value);
    }
  }
  const facts = customerFacts(
    { requester: t.requester, customer: found, verifiedBy, order: target, intent: t.intent.intent, text: t.customerText, ticket: { id: t.ticket.id, link: t.ticket.link }, products },
    { zendesk: t.readAt, oms: clock.now().toISOString() },
  );
  return { kind: 'ok', value: { facts, conflicts: [] } };
};

const SOURCES: Record<EvidenceSourceName, Source> = { order, entitlement, subscription, customer };

/** Runs the sources in parallel; the first failure (not found, system error) wins, in source order. */
export async function gatherEvidence(
  names: readonly EvidenceSourceName[], c: Connectors, clock: Clock, t: TicketReading, trace: ToolTrace, policy: Record<string, unknown> = {},
): Promise<Reading<Evidence>> {
  const results = await Promise.all(names.map((n) => SOURCES[n](c, clock, t, trace, policy)));
  const failure = results.find((r) => r.kind !== 'ok');
  if (failure) return failure;
  return {
    kind: 'ok',
    value: {
      facts: results.flatMap((r) => (r.kind === 'ok' ? r.value.facts : [])),
      conflicts: results.flatMap((r) => (r.kind === 'ok' ? r.value.conflicts : [])),
    },
  };
}
