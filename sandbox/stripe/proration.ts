// Proration as Stripe computes it for a mid-period change: the share of the period still to run
// (seconds remaining / period length) of each price, in whole minor units, rounded half up. Unused
// time on the old price is credited, remaining time on the new price is charged.

export interface ProrationPrice {
  id: string;
  label: string; // nickname or product, as shown on Stripe's invoice lines
  unitAmount: number;
}

export interface ProrationLine {
  description: string;
  amount: number;
  price: string;
  quantity: number;
  periodStart: number;
  periodEnd: number;
}

/** Share of [periodStart, periodEnd) left at `at`, clamped to 0..1 (unix seconds). */
export function remainingFraction(periodStart: number, periodEnd: number, at: number): number {
  const length = periodEnd - periodStart;
  if (length <= 0) return 0;
  return Math.min(1, Math.max(0, (periodEnd - at) / length));
}

export function prorate(amount: number, fraction: number): number {
  return Math.round(amount * fraction);
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const day = (unix: number) => dayFormat.format(new Date(unix * 1000));

export function unusedTimeLine(price: ProrationPrice, quantity: number, period: { start: number; end: number }, at: number): ProrationLine {
  const amount = -prorate(price.unitAmount * quantity, remainingFraction(period.start, period.end, at));
  return {
    description: `Unused time on ${quantity > 1 ? `${quantity} × ` : ''}${price.label} after ${day(at)}`,
    amount: amount === 0 ? 0 : amount, // no -0 in JSON amounts
    price: price.id,
    quantity,
    periodStart: at,
    periodEnd: period.end,
  };
}

export function remainingTimeLine(price: ProrationPrice, quantity: number, period: { start: number; end: number }, at: number): ProrationLine {
  return {
    description: `Remaining time on ${quantity > 1 ? `${quantity} × ` : ''}${price.label} after ${day(at)}`,
    amount: prorate(price.unitAmount * quantity, remainingFraction(period.start, period.end, at)),
    price: price.id,
    quantity,
    periodStart: at,
    periodEnd: period.end,
  };
}

/** The two proration lines of moving `quantity` units from one price to another at `at`. */
export function priceChangeLines(
  from: ProrationPrice,
  to: ProrationPrice,
  quantity: number,
  period: { start: number; end: number },
  at: number,
): ProrationLine[] {
  return [unusedTimeLine(from, quantity, period, at), remainingTimeLine(to, quantity, period, at)];
}
