// Money is always integer minor units with an ISO currency; no floats cross this boundary.
export interface Money {
  amount: number;
  currency: string;
}

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  return { amount, currency: currency.toLowerCase() };
}

/** Percentage of an amount, rounded down so we never pay out more than the policy allows. */
export function percentOf(m: Money, percent: number): Money {
  return money(Math.floor((m.amount * percent) / 100), m.currency);
}

export function minMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return a.amount <= b.amount ? a : b;
}

export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function formatMoney(m: Money, locale = 'en'): string {
  const digits = ZERO_DECIMAL.has(m.currency) ? 0 : 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency.toUpperCase() }).format(
    m.amount / 10 ** digits,
  );
}

const ZERO_DECIMAL = new Set(['jpy', 'krw', 'vnd', 'clp', 'pyg', 'ugx', 'xaf', 'xof']);
