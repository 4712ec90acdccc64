// Read-only investigation tools the model may call. Each one reads through a connector (traced, so
// it is an audit event like every other outside call), turns the record into one cited fact
// (`agent.<record type>.<id>`, its value the compact JSON the model saw) and hands the model a
// trimmed view: the fields that matter for a support case, long free text cut short. Nothing here
// writes. Lookups by email use the requester's own address, so the model cannot browse other
// customers by naming an address.
import { z } from 'zod';
import type { ConnectorError, SystemName } from '../../domain/connectorError.js';
import type { Citation, Fact } from '../../domain/evidence.js';
import type { Result } from '../../domain/result.js';
import type { Charge, Subscription } from '../../ports/BillingGateway.js';
import type { Clock } from '../../ports/Clock.js';
import type { EntitlementAccount } from '../../ports/EntitlementSystem.js';
import type { Article, HelpDeskUser, Organization, Ticket, TicketComment } from '../../ports/HelpDesk.js';
import type { Order } from '../../ports/OrderSystem.js';
import type { Connectors } from '../EngineDeps.js';
import type { ToolTrace } from '../traced.js';
import type { AgentTool, ToolOutput } from './loop.js';

export interface ToolContext {
  connectors: Connectors;
  clock: Clock;
  trace: ToolTrace;
  reading: { ticket: Pick<Ticket, 'id' | 'requesterId' | 'organizationId' | 'link'>; requester: Pick<HelpDeskUser, 'id' | 'email'> };
}

/** Free text longer than this is cut (comments, notes, articles): enough to understand, cheap to send. */
export const TEXT_LIMIT = 400;
const MAX_COMMENTS = 8;
const MAX_ORDERS = 10;
const MAX_ARTICLES = 3;

export const cut = (s: string | null | undefined, n = TEXT_LIMIT): string | null => {
  if (s === null || s === undefined) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

const compact = (v: unknown) => JSON.stringify(v);

function cited(key: string, content: unknown, citation: Citation): Fact {
  return { key, value: compact(content), citations: [citation] };
}

/** A failed read goes back to the model as data it can reason about; no fact. */
const failed = (e: ConnectorError): ToolOutput => ({ content: { error: e.code, system: e.system, retryable: e.retryable } });

async function read<T>(
  ctx: ToolContext,
  system: SystemName,
  operation: string,
  input: Record<string, unknown>,
  run: () => Promise<Result<T, ConnectorError>>,
): Promise<Result<T, ConnectorError>> {
  return ctx.trace.call(system, operation, { ...input, via: 'agent' }, run, () => ({}));
}

const now = (ctx: ToolContext) => ctx.clock.now().toISOString();

export function orderView(o: Order) {
  return {
    id: o.id,
    status: o.status,
    placedAt: o.placedAt,
    total: o.total,
    customerEmail: o.customer.email,
    items: o.lineItems.map((li) => ({ id: li.id, sku: li.sku, name: li.name, qty: li.quantity, unitPrice: li.unitPrice })),
    shipTo: [o.shippingAddress.city, o.shippingAddress.postalCode, o.shippingAddress.country].filter(Boolean).join(', '),
    payment: { provider: o.payment.provider, chargeId: o.payment.chargeId, paymentIntentId: o.payment.paymentIntentId },
    shipments: o.shipments.map((s) => {
      const last = s.events[s.events.length - 1];
      return {
        id: s.id,
        status: s.status,
        carrier: s.carrier,
        tracking: s.trackingNumber,
        items: s.lineItemIds,
        promisedAt: s.promisedDeliveryAt,
        deliveredAt: s.deliveredAt,
        lastEvent: last ? { at: last.at, what: cut(last.description, 120), where: last.location ?? null } : null,
      };
    }),
    refunded: o.refunds.map((r) => r.amount),
    returns: o.returns.map((r) => ({ id: r.id, status: r.status, items: r.lineItemIds })),
    cancelledAt: o.cancelledAt,
    notes: cut(o.notes),
  };
}

export function chargeView(c: Charge) {
  return { id: c.id, status: c.status, amount: c.amount, refunded: c.amountRefunded, created: c.created, paymentIntentId: c.paymentIntentId };
}

export function subscriptionView(s: Subscription) {
  return {
    id: s.id,
    status: s.status,
    items: s.items.map((i) => ({ priceId: i.priceId, quantity: i.quantity, unitAmount: i.unitAmount })),
    periodEnd: s.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    canceledAt: s.canceledAt,
  };
}

export function accountView(a: EntitlementAccount) {
  return {
    id: a.id,
    name: cut(a.name, 80),
    plan: a.plan.name,
    status: a.status,
    lockReason: a.lockReason,
    lockedAt: a.lockedAt,
    billing: a.billing,
    lastChanges: a.audit.slice(-3).map((e) => ({ at: e.at, action: e.action, reason: cut(e.reason, 120) })),
  };
}

export function articleView(a: Article) {
  return { id: a.id, title: cut(a.title, 120), text: cut(a.body), locale: a.locale, link: a.link };
}

function commentView(c: TicketComment, requesterId: string) {
  return { at: c.createdAt, by: c.authorId === requesterId ? 'customer' : 'staff', public: c.public, text: cut(c.body) };
}

function userView(u: HelpDeskUser, org: Organization | null) {
  return { name: cut(u.name, 80), email: u.email, locale: u.locale, tags: u.tags, organization: org ? { name: cut(org.name, 80), tags: org.tags } : null };
}

const NoArgs = z.object({});

const sameEmail = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The read-only tools over the installation's connectors. The entitlement tool only exists with an entitlement connector. */
export function investigationTools(ctx: ToolContext): AgentTool<any>[] {
  const { connectors } = ctx;
  const { ticket, requester } = ctx.reading;
  const tools: AgentTool<any>[] = [];

  const ticketHistory: AgentTool<z.output<typeof NoArgs>> = {
    name: 'get_ticket_history',
    description: `Comments on this ticket, newest ${MAX_COMMENTS}, each cut to ${TEXT_LIMIT} chars.`,
    args: NoArgs,
    run: async () => {
      const r = await read(ctx, 'zendesk', 'list_comments', { ticketId: ticket.id }, () => connectors.helpDesk.listComments(ticket.id));
      if (!r.ok) return failed(r.error);
      const content = { ticketId: ticket.id, comments: r.value.slice(-MAX_COMMENTS).map((c) => commentView(c, requester.id)) };
      const cite: Citation = { system: 'zendesk', recordType: 'ticket', recordId: ticket.id, fields: ['comments'], fetchedAt: now(ctx), link: ticket.link };
      return { content, facts: [cited(`agent.ticket.${ticket.id}.comments`, content, cite)] };
    },
  };
  tools.push(ticketHistory);

  const customer: AgentTool<z.output<typeof NoArgs>> = {
    name: 'get_requester',
    description: 'The requester (name, email, locale, tags) and their organization.',
    args: NoArgs,
    run: async () => {
      const u = await read(ctx, 'zendesk', 'get_user', { userId: ticket.requesterId }, () => connectors.helpDesk.getUser(ticket.requesterId));
      if (!u.ok) return failed(u.error);
      const orgId = u.value.organizationId ?? ticket.organizationId;
      const o = orgId ? await read(ctx, 'zendesk', 'get_organization', { organizationId: orgId }, () => connectors.helpDesk.getOrganization(orgId)) : null;
      const org = o && o.ok ? o.value : null;
      const content = userView(u.value, org);
      const at = now(ctx);
      const facts = [cited(`agent.user.${u.value.id}`, content, { system: 'zendesk', recordType: 'user', recordId: u.value.id, fields: ['name', 'email', 'locale', 'tags'], fetchedAt: at, link: u.value.link })];
      if (org) facts.push(cited(`agent.organization.${org.id}`, content.organization, { system: 'zendesk', recordType: 'organization', recordId: org.id, fields: ['name', 'tags'], fetchedAt: at, link: org.link }));
      return { content, facts };
    },
  };
  tools.push(customer);

  const OrderArgs = z.object({ orderId: z.string().min(1).max(40).describe('as written in the ticket, e.g. ORD-1001 or #W1234567') });
  const getOrder: AgentTool<z.output<typeof OrderArgs>> = {
    name: 'get_order',
    description: 'One order with its items, shipments (tracking), refunds and returns.',
    args: OrderArgs,
    run: async ({ orderId }) => {
      const id = orderId.trim();
      const r = await read(ctx, 'oms', 'get_order', { orderId: id }, () => connectors.orders.getOrder(id));
      if (!r.ok) return failed(r.error);
      const content = orderView(r.value);
      const cite: Citation = { system: 'oms', recordType: 'order', recordId: r.value.id, fields: ['status', 'total', 'line_items', 'shipments', 'refunds', 'returns', 'notes'], fetchedAt: now(ctx), link: r.value.link };
      const theirs = sameEmail(r.value.customer.email, requester.email);
      return { content, facts: [cited(`agent.order.${r.value.id}`, content, cite)], ...(theirs ? { owned: [r.value.id] } : {}) };
    },
  };
  tools.push(getOrder);

  const customerOrders: AgentTool<z.output<typeof NoArgs>> = {
    name: 'list_requester_orders',
    description: `The requester's orders (by their email), newest ${MAX_ORDERS}, one line each.`,
    args: NoArgs,
    run: async () => {
      const email = requester.email;
      if (!email) return { content: { error: 'requester_has_no_email' } };
      const r = await read(ctx, 'oms', 'list_orders_for_customer', { email }, () => connectors.orders.listOrdersForCustomer(email));
      if (!r.ok) return failed(r.error);
      const newest = [...r.value].sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt)).slice(0, MAX_ORDERS);
      const content = { orders: newest.map((o) => ({ id: o.id, status: o.status, placedAt: o.placedAt, total: o.total, items: o.lineItems.map((li) => cut(li.name, 60)) })) };
      const at = now(ctx);
      const facts = newest.map((o, i) => cited(`agent.order.${o.id}.summary`, content.orders[i], { system: 'oms', recordType: 'order', recordId: o.id, fields: ['status', 'placed_at', 'total', 'line_items'], fetchedAt: at, link: o.link }));
      return { content, facts, owned: newest.map((o) => o.id) };
    },
  };
  tools.push(customerOrders);

  const ChargeArgs = z.object({ chargeId: z.string().min(1).max(80).describe('a charge id (ch_…) from an order') });
  const getCharge: AgentTool<z.output<typeof ChargeArgs>> = {
    name: 'get_charge',
    description: 'A payment charge: status, amount, amount refunded.',
    args: ChargeArgs,
    run: async ({ chargeId }) => {
      const r = await read(ctx, 'stripe', 'get_charge', { chargeId }, () => connectors.billing.getCharge(chargeId));
      if (!r.ok) return failed(r.error);
      const content = chargeView(r.value);
      const cite: Citation = { system: 'stripe', recordType: 'charge', recordId: r.value.id, fields: ['status', 'amount', 'amount_refunded'], fetchedAt: now(ctx), link: r.value.link };
      return { content, facts: [cited(`agent.charge.${r.value.id}`, content, cite)] };
    },
  };
  tools.push(getCharge);

  const subscriptions: AgentTool<z.output<typeof NoArgs>> = {
    name: 'list_subscriptions',
    description: "The requester's billing subscriptions (by their email): status, plan price, period end.",
    args: NoArgs,
    run: async () => {
      const email = requester.email;
      if (!email) return { content: { error: 'requester_has_no_email' } };
      const c = await read(ctx, 'stripe', 'find_customers_by_email', { email }, () => connectors.billing.findCustomersByEmail(email));
      if (!c.ok) return failed(c.error);
      const found = c.value[0];
      if (!found) return { content: { subscriptions: [] } };
      const s = await read(ctx, 'stripe', 'list_subscriptions', { customerId: found.id }, () => connectors.billing.listSubscriptions(found.id));
      if (!s.ok) return failed(s.error);
      const content = { customerId: found.id, subscriptions: s.value.slice(0, 5).map(subscriptionView) };
      const at = now(ctx);
      const facts = s.value.slice(0, 5).map((sub, i) => cited(`agent.subscription.${sub.id}`, content.subscriptions[i], { system: 'stripe', recordType: 'subscription', recordId: sub.id, fields: ['status', 'items', 'current_period_end', 'cancel_at_period_end'], fetchedAt: at, link: sub.link }));
      return { content, facts };
    },
  };
  tools.push(subscriptions);

  const entitlements = connectors.entitlements;
  if (entitlements) {
    const account: AgentTool<z.output<typeof NoArgs>> = {
      name: 'get_entitlement_account',
      description: "The requester's product accounts (by their email): plan, status, lock reason, last changes.",
      args: NoArgs,
      run: async () => {
        const email = requester.email;
        if (!email) return { content: { error: 'requester_has_no_email' } };
        const r = await read(ctx, 'entitlements', 'find_accounts_by_email', { email }, () => entitlements.findAccountsByEmail(email));
        if (!r.ok) return failed(r.error);
        const accounts = r.value.slice(0, 3);
        const content = { accounts: accounts.map(accountView) };
        const at = now(ctx);
        const facts = accounts.map((a, i) => cited(`agent.account.${a.id}`, content.accounts[i], { system: 'entitlements', recordType: 'account', recordId: a.id, fields: ['plan', 'status', 'lock_reason', 'audit'], fetchedAt: at, link: a.link }));
        return { content, facts };
      },
    };
    tools.push(account);
  }

  const SearchArgs = z.object({ query: z.string().min(2).max(120).describe('a few keywords') });
  const search: AgentTool<z.output<typeof SearchArgs>> = {
    name: 'search_help_center',
    description: `Help Center articles matching the keywords, best ${MAX_ARTICLES}, text cut to ${TEXT_LIMIT} chars.`,
    args: SearchArgs,
    run: async ({ query }) => {
      const r = await read(ctx, 'zendesk', 'search_articles', { query }, () => connectors.helpDesk.searchArticles(query));
      if (!r.ok) return failed(r.error);
      const best = r.value.slice(0, MAX_ARTICLES);
      const content = { articles: best.map(articleView) };
      const at = now(ctx);
      const facts = best.map((a, i) => cited(`agent.article.${a.id}`, content.articles[i], { system: 'zendesk', recordType: 'article', recordId: a.id, fields: ['title', 'body'], fetchedAt: at, link: a.link }));
      return { content, facts };
    },
  };
  tools.push(search);
  return tools;
}
