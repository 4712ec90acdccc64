// Small in-memory records and connectors for the agent tests. Connectors only implement what the
// read-only tools call; anything else throws, so a tool that tried to write would fail the test.
import { connectorError } from '../../../../functions/src/domain/connectorError.js';
import { err, ok } from '../../../../functions/src/domain/result.js';
import type { Connectors } from '../../../../functions/src/engine/EngineDeps.js';
import { ToolTrace } from '../../../../functions/src/engine/traced.js';
import type { BillingGateway, Charge, Subscription } from '../../../../functions/src/ports/BillingGateway.js';
import type { EntitlementAccount, EntitlementSystem } from '../../../../functions/src/ports/EntitlementSystem.js';
import type { Article, HelpDesk, HelpDeskUser, Organization, Ticket, TicketComment } from '../../../../functions/src/ports/HelpDesk.js';
import type { Order, OrderSystem } from '../../../../functions/src/ports/OrderSystem.js';

export const usd = (amount: number) => ({ amount, currency: 'usd' });
export const NOW = '2026-11-20T12:00:00.000Z';
export const clock = { now: () => new Date(NOW) };

export const ticket: Ticket = {
  id: '101', subject: 'Late order', description: 'My order ORD-1001 came late.', status: 'new', tags: [], customFields: {},
  requesterId: '9001', organizationId: null, groupId: null, channel: 'email', createdAt: NOW, updatedAt: NOW, link: 'https://z.example/agent/tickets/101',
};
export const requester: HelpDeskUser = { id: '9001', name: 'Jane Doe', email: 'jane@example.com', organizationId: '7001', tags: [], locale: 'en-US', link: 'https://z.example/agent/users/9001' };
export const organization: Organization = { id: '7001', name: 'Acme', tags: ['vip'], link: 'https://z.example/agent/organizations/7001' };

export function order(over: Partial<Order> = {}): Order {
  return {
    id: 'ORD-1001', customer: { id: 'c1', email: 'jane@example.com', name: 'Jane Doe' }, status: 'delivered', placedAt: '2026-11-02T10:00:00Z',
    total: usd(4550), shippingCost: usd(500),
    lineItems: [{ id: 'li1', sku: 'SHOE-42', name: 'Trail shoes', quantity: 1, unitPrice: usd(4050) }],
    shippingAddress: { name: 'Jane Doe', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    payment: { provider: 'stripe', chargeId: 'ch_1', paymentIntentId: null },
    shipments: [{
      id: 'S1', carrier: 'UPS', trackingNumber: '1Z999', status: 'delivered', lineItemIds: ['li1'], shippedAt: '2026-11-04T10:00:00Z',
      promisedDeliveryAt: '2026-11-08T20:00:00Z', deliveredAt: '2026-11-13T15:30:00Z',
      events: [{ at: '2026-11-13T15:30:00Z', status: 'delivered', description: 'Delivered', location: 'Springfield' }],
    }],
    refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'https://oms.example/orders/ORD-1001',
    ...over,
  };
}

export const charge: Charge = { id: 'ch_1', amount: usd(4550), amountRefunded: usd(0), status: 'succeeded', paid: true, refunded: false, customerId: 'cus_1', paymentIntentId: null, created: '2026-11-02T10:00:05Z', link: 'https://dashboard.stripe.com/payments/ch_1' };

export const subscription: Subscription = {
  id: 'sub_1', customerId: 'cus_1', status: 'active', items: [{ id: 'si_1', priceId: 'price_pro', quantity: 1, unitAmount: usd(2900) }],
  currentPeriodStart: '2026-11-01T00:00:00Z', currentPeriodEnd: '2026-12-01T00:00:00Z', cancelAtPeriodEnd: false, canceledAt: null, link: 'https://dashboard.stripe.com/subscriptions/sub_1',
};

export const account: EntitlementAccount = {
  id: 'acct_1', name: 'Jane workspace', ownerEmail: 'jane@example.com', billing: { customerId: 'cus_1', subscriptionId: 'sub_1' },
  plan: { id: 'pro', name: 'Pro', seats: 5 }, status: 'locked', lockReason: 'payment_failed', lockedAt: '2026-11-18T00:00:00Z', features: [],
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-11-18T00:00:00Z',
  audit: [{ id: 'a1', at: '2026-11-18T00:00:00Z', actor: 'billing-sync', action: 'account.locked', reason: 'invoice unpaid', evidenceRef: null, changes: [] }],
  link: 'https://admin.example/accounts/acct_1',
};

export const article: Article = {
  id: '360050000001', title: 'Refund policy', body: `We refund within 30 days. ${'Long text. '.repeat(200)}`, snippet: 'We refund within 30 days.',
  locale: 'en-us', labels: ['refund'], updatedAt: '2025-01-15T10:00:00Z', link: 'https://z.example/hc/en-us/articles/360050000001-refund-policy',
};

const unexpected = (name: string) => () => {
  throw new Error(`unexpected connector call ${name}`);
};

/** Connectors over fixed records. Writes and unknown reads throw. */
export function connectors(opts: { orders?: Order[]; comments?: TicketComment[]; withEntitlements?: boolean; articles?: Article[]; requester?: HelpDeskUser } = {}): Connectors {
  const user = opts.requester ?? requester;
  const orders = opts.orders ?? [order()];
  const helpDesk: Partial<HelpDesk> = {
    getTicket: async (id) => (id === ticket.id ? ok(ticket) : err(connectorError('zendesk', 'not_found', 'no ticket'))),
    listComments: async () => ok(opts.comments ?? [{ id: 'c1', authorId: '9001', body: 'Any news?', public: true, createdAt: NOW }]),
    getUser: async (id) => (id === user.id ? ok(user) : err(connectorError('zendesk', 'not_found', 'no user'))),
    getOrganization: async () => ok(organization),
    updateTicket: unexpected('updateTicket'),
    searchArticles: async () => ok(opts.articles ?? [article]),
  };
  const orderSystem = {
    getOrder: async (id: string) => {
      const o = orders.find((x) => x.id === id);
      return o ? ok(o) : err(connectorError('oms', 'not_found', `no order ${id}`));
    },
    listOrdersForCustomer: async (email: string) => ok(orders.filter((o) => o.customer.email === email)),
  } as Partial<OrderSystem>;
  const billing = {
    getCharge: async (id: string) => (id === charge.id ? ok(charge) : err(connectorError('stripe', 'not_found', 'no charge'))),
    findCustomersByEmail: async () => ok([{ id: 'cus_1', email: 'jane@example.com', name: 'Jane', link: 'https://dashboard.stripe.com/customers/cus_1' }]),
    listSubscriptions: async () => ok([subscription]),
  } as Partial<BillingGateway>;
  const entitlements = { findAccountsByEmail: async () => ok([account]) } as Partial<EntitlementSystem>;
  const throwing = <T extends object>(partial: Partial<T>, label: string): T =>
    new Proxy(partial, { get: (t, p) => (p in t ? (t as Record<PropertyKey, unknown>)[p] : typeof p === 'string' ? unexpected(`${label}.${p}`) : undefined) }) as T;
  return {
    helpDesk: throwing(helpDesk, 'helpDesk'),
    orders: throwing(orderSystem, 'orders'),
    billing: throwing(billing, 'billing'),
    ...(opts.withEntitlements ? { entitlements: throwing(entitlements, 'entitlements') } : {}),
  };
}

export const newTrace = () => new ToolTrace(clock);
