import { describe, expect, it } from 'vitest';
import { priceChangeLines, prorate, remainingFraction, unusedTimeLine } from '../../../sandbox/stripe/proration.js';

const u = (iso: string) => Date.parse(iso) / 1000;
const NOV = { start: u('2026-11-05T00:00:00Z'), end: u('2026-12-05T00:00:00Z') };
const PRO = { id: 'price_pro', label: 'Pro', unitAmount: 4900 };
const BASIC = { id: 'price_basic', label: 'Basic', unitAmount: 1900 };

describe('proration', () => {
  it.each([
    { at: '2026-11-05T00:00:00Z', fraction: 1 },
    { at: '2026-11-20T00:00:00Z', fraction: 0.5 },
    { at: '2026-11-20T12:00:00Z', fraction: 1_252_800 / 2_592_000 },
    { at: '2026-12-05T00:00:00Z', fraction: 0 },
    { at: '2026-10-01T00:00:00Z', fraction: 1 }, // before the period: clamped
    { at: '2027-01-01T00:00:00Z', fraction: 0 }, // after the period: clamped
  ])('leaves $fraction of the period at $at', ({ at, fraction }) => {
    expect(remainingFraction(NOV.start, NOV.end, u(at))).toBeCloseTo(fraction, 12);
  });

  it.each([
    { amount: 4900, fraction: 1_252_800 / 2_592_000, cents: 2368 }, // 2368.33
    { amount: 1900, fraction: 1_252_800 / 2_592_000, cents: 918 }, // 918.33
    { amount: 1001, fraction: 0.5, cents: 501 }, // 500.5 rounds half up
    { amount: 999, fraction: 1 / 3, cents: 333 },
  ])('prorates $amount by $fraction to $cents', ({ amount, fraction, cents }) => {
    expect(prorate(amount, fraction)).toBe(cents);
  });

  it('credits unused time on the old price and charges remaining time on the new one', () => {
    const lines = priceChangeLines(PRO, BASIC, 1, NOV, u('2026-11-20T12:00:00Z'));
    expect(lines.map((l) => [l.description, l.amount, l.price])).toEqual([
      ['Unused time on Pro after 20 Nov 2026', -2368, 'price_pro'],
      ['Remaining time on Basic after 20 Nov 2026', 918, 'price_basic'],
    ]);
    expect(lines.every((l) => l.periodStart === u('2026-11-20T12:00:00Z') && l.periodEnd === NOV.end)).toBe(true);
  });

  it('multiplies by quantity and never produces -0', () => {
    expect(unusedTimeLine(PRO, 3, NOV, u('2026-11-20T00:00:00Z'))).toMatchObject({ amount: -7350, description: 'Unused time on 3 × Pro after 20 Nov 2026' });
    expect(Object.is(unusedTimeLine(PRO, 1, NOV, NOV.end).amount, 0)).toBe(true);
  });
});
