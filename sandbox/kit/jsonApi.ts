// The JSON API conventions the OMS and entitlement sandboxes share: the error envelope, and POST
// writes under an Idempotency-Key (replay the stored answer, refuse a key reused for another
// request, store only answers of requests that executed).
import type { Context, Handler, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IdempotencyStore } from './IdempotencyStore.js';

export const errorJson = (c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) =>
  c.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);

export interface ApiKeyRef {
  key: string;
  scope: string;
}

export type WriteOutcome =
  | { ok: true; status: ContentfulStatusCode; value: unknown }
  | { ok: false; failure: { status: ContentfulStatusCode; code: string; message: string; details?: unknown } };

/** Bearer API-key authentication: the key found by `lookup` is put on the context as `apiKey`. */
export function bearerApiKey<K extends ApiKeyRef>(lookup: (key: string) => K | undefined): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) return errorJson(c, 401, 'unauthenticated', 'send the API key as "Authorization: Bearer <key>"');
    const apiKey = lookup(header.slice(7).trim());
    if (!apiKey) return errorJson(c, 401, 'invalid_api_key', 'the API key is not valid');
    c.set('apiKey' as never, apiKey as never);
    return next();
  };
}

/**
 * A POST handler that parses the JSON body and runs `run` at most once per Idempotency-Key. Only
 * responses of requests that executed (2xx, and 409 refusals of business rules) are stored under
 * the key; anything else applied nothing, so a retry may safely run again.
 */
export function idempotentWrite<K extends ApiKeyRef>(idempotency: IdempotencyStore, run: (c: Context, body: unknown, apiKey: K) => WriteOutcome): Handler {
  return async (c) => {
    const apiKey = c.get('apiKey' as never) as K;
    if (apiKey.scope !== 'read_write') return errorJson(c, 403, 'insufficient_scope', 'this API key is read-only');
    const key = c.req.header('idempotency-key');
    if (key !== undefined && (key.length === 0 || key.length > 255)) return errorJson(c, 400, 'invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters');
    const text = await c.req.text();
    let body: unknown;
    try {
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      return errorJson(c, 400, 'invalid_json', 'the request body is not valid JSON');
    }
    const fingerprint = IdempotencyStore.fingerprint('POST', new URL(c.req.url).pathname, body);
    if (key) {
      const hit = idempotency.lookup(apiKey.key, key, fingerprint);
      if (hit.kind === 'mismatch') return errorJson(c, 422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request');
      if (hit.kind === 'replay') return c.json(hit.body as object, hit.status as ContentfulStatusCode, { 'Idempotent-Replayed': 'true' });
    }
    const outcome = run(c, body, apiKey);
    const status = outcome.ok ? outcome.status : outcome.failure.status;
    const resBody = outcome.ok
      ? outcome.value
      : { error: { code: outcome.failure.code, message: outcome.failure.message, ...(outcome.failure.details === undefined ? {} : { details: outcome.failure.details }) } };
    if (key && (outcome.ok || status === 409)) idempotency.save(apiKey.key, key, fingerprint, status, resBody);
    return c.json(resBody as object, status);
  };
}
