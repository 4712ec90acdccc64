// Locale-aware formatting of money (integer minor units), dates and fact values.
import type { FactValue } from '../../../functions/src/domain/evidence.js';
import type { Money } from '../../../functions/src/domain/money.js';

export function isMoney(value: unknown): value is Money {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && typeof (value as Money).amount === 'number' && typeof (value as Money).currency === 'string';
}

export function formatMoney(m: Money, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency.toUpperCase() });
  // Intl knows each currency's minor unit (2 for USD, 0 for JPY, 3 for BHD).
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(m.amount / 10 ** digits);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A cost in US dollars that may be a fraction of a cent (model use): 2 to 4 decimals. */
export function formatUsd(usd: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(usd);
}

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatList(items: string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

export function formatFactValue(value: FactValue, locale: string, words: { yes: string; no: string; none: string }): string {
  if (value === null) return words.none;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (Array.isArray(value)) return value.length ? formatList(value, locale) : words.none;
  if (isMoney(value)) return formatMoney(value, locale);
  if (isIsoDate(value)) return formatDateTime(value, locale);
  return value;
}
