import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, orderFacts } from '../../../functions/src/engine/facts.js';
import type { Order } from '../../../functions/src/ports/OrderSystem.js';
import type { Charge } from '../../../functions/src/ports/BillingGateway.js';
import type { HelpDeskUser } from '../../../functions/src/ports/HelpDesk.js';

describe('calendarDaysBetween', () => {
  it.each([
    ['2026-11-08T20:00:00Z', '2026-11-13T15:30:00Z', 5],
    ['2026-11-08T23:59:00Z', '2026-11-09T00:01:00Z', 1],
    ['2026-11-08T00:00:00Z', '2026-11-08T23:00:00Z', 0],
    ['2026-11-10T00:00:00Z', '2026-11-08T00:00:00Z', -2],
  ])('%s → %s = %s', (a, b, d) => expect(calendarDaysBetween(a, b)).toBe(d));
});

const usd = (amount: number) => ({ amount, currency: 'usd' });
const order: Order = {
  id: 'ORD-1', customer: { id: 'c', email: 'Jane@Example.com', name: 'Jane' }, status: 'delivered', placedAt: '2026-11-02T10:00:00Z',
  total: usd(8400), shippingCost: usd(900), lineItems: [], shippingAddress: { line1: 'x', city: 'y', postalCode: '1', country: 'US' },
  payment: { provider: 'stripe', chargeId: 'ch_1', paymentIntentId: null },
  shipments: [{ id: 'S1', carrier: 'UPS', trackingNumber: '1Z', status: 'delivered', lineItemIds: [], shippedAt: null, promisedDeliveryAt: '2026-11-08T20:00:00Z', deliveredAt: '2026-11-13T15:30:00Z', events: [] }],
  refunds: [], returns: [], cancelledAt: null, cancelReason: null, notes: null, link: 'https://oms.example/orders/ORD-1',
};
const charge: Charge = { id: 'ch_1', amount: usd(8400), amountRefunded: usd(0), status: 'succeeded', paid: true, refunded: false, customerId: null, paymentIntentId: null, created: '2026-11-02T10:00:05Z', link: 'https://dashboard.stripe.com/payments/ch_1' };
const requester: HelpDeskUser = { id: '9001', name: 'Jane', email: 'jane@example.com', organizationId: null, tags: [], locale: 'en-US', link: 'z' };
const at = { zendesk: '2026-11-20T12:00:00Z', oms: '2026-11-20T12:00:01Z', stripe: '2026-11-20T12:00:02Z' };

describe('orderFacts', () => {
  it('cites every fact and derives lateness from promised and delivered dates', () => {
    const { facts, conflicts } = orderFacts({ order, charge, requester, now: '2026-11-20T12:00:00Z' }, at);
    const byKey = Object.fromEntries(facts.map((f) => [f.key, f]));
    expect(byKey['delivery.daysLate']?.value).toBe(5);
    expect(byKey['delivery.daysLate']?.citations[0]).toMatchObject({ system: 'oms', recordType: 'shipment', recordId: 'S1', fields: ['promised_delivery_at', 'delivered_at'] });
    expect(byKey['requester.ownsOrder']?.value).toBe(true);
    expect(byKey['requester.ownsOrder']?.citations.map((c) => c.system)).toEqual(['zendesk', 'oms']);
    expect(byKey['payment.refundable']).toMatchObject({ value: usd(8400), citations: [{ system: 'stripe', recordId: 'ch_1', fetchedAt: at.stripe, link: charge.link }] });
    for (const f of facts) expect(f.citations.length).toBeGreaterThan(0);
    expect(conflicts).toEqual([]);
  });

  it('calls out systems that disagree', () => {
    const { conflicts } = orderFacts({ order, charge: { ...charge, amount: usd(8000), amountRefunded: usd(500), status: 'failed' }, requester, now: '2026-11-20T12:00:00Z' }, at);
    expect(conflicts.map((c) => c.key).sort()).toEqual(['payment.amount', 'payment.amountRefunded', 'payment.status']);
    expect(conflicts[0]!.citations.map((c) => c.system)).toEqual(['oms', 'stripe']);
  });
});
