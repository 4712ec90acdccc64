import { describe, expect, it } from 'vitest';
import { OmsWorldSchema } from '../../../sandbox/oms/OmsWorld.js';
import { demoOmsWorld } from './demoOmsWorld.js';

const DAY = 86_400_000;

describe('demo OMS world', () => {
  const world = OmsWorldSchema.parse(demoOmsWorld());

  it.each(world.orders.map((o) => [o.id, o] as const))('%s totals add up', (_id, o) => {
    const subtotal = o.line_items.reduce((s, li) => s + li.unit_price.amount * li.quantity, 0);
    expect(subtotal + o.shipping_cost.amount).toBe(o.total.amount);
  });

  it.each([
    ['ORD-1001', 8400, 'delivered', 5],
    ['ORD-1003', 47500, 'delivered', 6],
  ])('%s is %i usd, %s, delivered %i days late', (id, total, status, daysLate) => {
    const o = world.orders.find((x) => x.id === id)!;
    expect([o.total, o.status]).toEqual([{ amount: total, currency: 'usd' }, status]);
    const s = o.shipments[0]!;
    // Late by calendar days, as a customer counts them.
    const day = (iso: string) => Date.parse(iso.slice(0, 10));
    expect((day(s.delivered_at!) - day(s.promised_delivery_at!)) / DAY).toBe(daysLate);
  });

  it('has ORD-1002 processing and unshipped, and nothing for ORD-9999 or Priya', () => {
    expect(world.orders.find((o) => o.id === 'ORD-1002')).toMatchObject({ status: 'processing', shipments: [], total: { amount: 12900 } });
    expect(world.orders.some((o) => o.id === 'ORD-9999' || o.customer.email === 'priya.patel@example.com')).toBe(false);
  });
});
