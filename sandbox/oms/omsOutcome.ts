// The result shape of every OMS sandbox operation: a value with its HTTP status, or a failure with
// the contract's status and error code (docs/oms-api.md), plus the helpers that build them.
import type { z } from 'zod';

export interface OmsFailure {
  status: 400 | 404 | 409 | 422;
  code: string;
  message: string;
  details?: unknown;
}
export type OmsOutcome<T> = { ok: true; status: 200 | 201; value: T } | { ok: false; failure: OmsFailure };
export type OmsRefusal = { ok: false; failure: OmsFailure };

export const fail = (status: OmsFailure['status'], code: string, message: string, details?: unknown): OmsRefusal => ({
  ok: false,
  failure: { status, code, message, ...(details === undefined ? {} : { details }) },
});

export const done = <T>(value: T, status: 200 | 201 = 200): OmsOutcome<T> => ({ ok: true, status, value });

export function validate<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | OmsRefusal {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  return fail(422, 'validation_failed', `invalid request body: ${details.map((d) => `${d.field || 'body'} ${d.message}`).join('; ')}`, details);
}

export const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
