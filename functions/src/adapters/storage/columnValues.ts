// Turns what the two drivers hand back into the plain values the ports promise: pg and PGlite
// disagree on int8/numeric (string vs number), and both give timestamptz as Date.
import { sql, type RawBuilder } from 'kysely';

/** An ISO string as a timestamptz operand: timestamps are always sent as strings, never as Date. */
export function timestamptz(iso: string): RawBuilder<Date> {
  return sql<Date>`${iso}::timestamptz`;
}

/** timestamptz → ISO-8601 with milliseconds and Z, the form Date#toISOString writes everywhere else. */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** int8 / numeric column → number; refuses values a JS number cannot carry exactly. */
export function toSafeNumber(value: string | number | bigint | null): number {
  const n = Number(value ?? 0);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new RangeError(`database value ${String(value)} does not fit a JS number`);
  }
  return n;
}
