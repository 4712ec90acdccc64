// The one mapping from error codes to HTTP statuses, and the one error body shape:
// {"error":{"code","message","requestId"}}.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../domain/errors.js';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  invalid_signature: 401,
  stale_webhook: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_proposal: 409,
  not_approvable: 409,
  payload_too_large: 413,
  unavailable: 503,
  internal: 500,
};

export function statusFor(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code];
}

export function errorResponse(c: Context, error: unknown) {
  const requestId = (c.get('requestId' as never) as string | undefined) ?? 'unknown';
  if (error instanceof AppError) {
    return c.json({ error: { code: error.code, message: error.message, requestId } }, statusFor(error.code));
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', requestId, error: error instanceof Error ? error.stack : String(error) }));
  return c.json({ error: { code: 'internal', message: 'internal error', requestId } }, 500);
}
