// A Stripe-compatible API for dev and tests, spoken the way the official `stripe` SDK sends it:
// bearer secret keys (unknown ones get Stripe's 401), form-encoded params, Idempotency-Key on POSTs,
// Stripe's error envelope and statuses, and objects shaped like Stripe's own fixtures.
// Sandbox-only: POST /__sandbox/stripe/refunds/:id {"status": "succeeded"|"failed"|"canceled"} settles
// a pending refund, standing in for the bank's later answer.
import { Hono, type Context } from 'hono';
import type { SandboxDefinition, SandboxEnv } from '../kit/SandboxServer.js';
import { registerBillingRoutes } from './billingRoutes.js';
import { parseFormParams, type Params } from './formParams.js';
import { requestFingerprint } from './IdempotencyStore.js';
import { registerPaymentRoutes } from './paymentRoutes.js';
import {
  StripeApiError,
  idempotencyKeyInUse,
  idempotencyMismatch,
  internalError,
  invalidParam,
  unauthorized,
  unrecognizedUrl,
} from './StripeApiError.js';
import type { RouteFn, StripeMethod } from './stripeRoute.js';
import { StripeState } from './StripeState.js';
import { RefundStatusSchema, type StripeWorld } from './StripeWorld.js';

export { StripeWorldSchema, type StripeWorld } from './StripeWorld.js';

type Ctx = Context<SandboxEnv>;

function redact(key: string): string {
  return key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '*'.repeat(key.length);
}

/** The secret key of a request (Bearer, or Basic with the key as user name, as curl -u sends it). */
function authenticate(c: Ctx, state: StripeState): string {
  const header = c.req.header('authorization') ?? '';
  const [scheme, value = ''] = header.split(' ', 2);
  let key = '';
  if (scheme?.toLowerCase() === 'bearer') key = value.trim();
  else if (scheme?.toLowerCase() === 'basic') key = Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key) {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (!state.isValidKey(key)) throw unauthorized(`Invalid API Key provided: ${redact(key)}`);
  return key;
}

async function readParams(c: Ctx, method: StripeMethod): Promise<Params> {
  if (method === 'POST') return parseFormParams(await c.req.text());
  return parseFormParams(new URL(c.req.url).search.slice(1));
}

export function createStripeSandbox(seed: StripeWorld): SandboxDefinition {
  const state = new StripeState(seed);
  const app = new Hono<SandboxEnv>();
  let requests = 0;
  const nextRequestId = () => `req_sbx${String(++requests).padStart(10, '0')}`;

  const send = (c: Ctx, status: number, body: unknown, requestId: string, extra: Record<string, string> = {}) => {
    const version = c.req.header('stripe-version');
    return c.json(body as object, status as 200, { 'Request-Id': requestId, ...(version ? { 'Stripe-Version': version } : {}), ...extra });
  };

  const fail = (c: Ctx, e: unknown, requestId: string) => {
    const error = e instanceof StripeApiError ? e : internalError(`Sandbox error: ${e instanceof Error ? e.message : String(e)}`);
    // 409 means "retry shortly" (a twin with the same idempotency key is still running).
    return send(c, error.status, error.envelope(), requestId, error.status === 409 ? { 'Stripe-Should-Retry': 'true' } : {});
  };

  const route: RouteFn = (method, pattern, handler) => {
    app.on(method, pattern, async (c) => {
      const requestId = nextRequestId();
      const path = new URL(c.req.url).pathname;
      let scope: string | null = null;
      let owned = false; // this request claimed the key and must save or release it
      try {
        const apiKey = authenticate(c, state);
        state.settleRefunds();
        const key = method === 'POST' ? c.req.header('idempotency-key') : undefined;
        if (key) {
          scope = `${apiKey}\u0000${key}`;
          // Claimed before the first await, so a concurrent request with the same key sees it running.
          const claim = state.idempotency.claim(scope);
          if (claim.kind === 'in_flight') throw idempotencyKeyInUse(key);
          owned = claim.kind === 'claimed';
          const params = await readParams(c, method);
          const fingerprint = requestFingerprint(method, path, params);
          if (claim.kind === 'saved') {
            if (claim.fingerprint !== fingerprint) throw idempotencyMismatch(key);
            const saved = claim.response;
            return send(c, saved.status, saved.body, requestId, { 'Idempotent-Replayed': 'true', 'Original-Request': saved.requestId });
          }
          let status = 200;
          let body: unknown;
          try {
            body = handler({ params, path: c.req.param() as Record<string, string> });
          } catch (e) {
            if (!(e instanceof StripeApiError) || !e.saved) throw e;
            status = e.status;
            body = e.envelope();
          }
          state.idempotency.save(scope, fingerprint, { status, body, requestId });
          owned = false;
          return send(c, status, body, requestId);
        }
        const params = await readParams(c, method);
        return send(c, 200, handler({ params, path: c.req.param() as Record<string, string> }), requestId);
      } catch (e) {
        return fail(c, e, requestId);
      } finally {
        if (scope && owned) state.idempotency.release(scope);
      }
    });
  };

  registerPaymentRoutes(route, state);
  registerBillingRoutes(route, state);

  app.post('/__sandbox/stripe/refunds/:id', async (c) => {
    const requestId = nextRequestId();
    try {
      const parsed = RefundStatusSchema.safeParse(((await c.req.json()) as { status?: unknown }).status);
      if (!parsed.success) throw invalidParam(null, 'status must be a refund status', 'status');
      const refund = state.refund(c.req.param('id'));
      refund.status = parsed.data;
      refund.settles_to = null;
      refund.failure_reason = parsed.data === 'failed' ? 'expired_or_canceled_card' : null;
      return send(c, 200, { ok: true, refund: refund.id, status: refund.status }, requestId);
    } catch (e) {
      return fail(c, e, requestId);
    }
  });

  app.all('/v1/*', (c) => {
    const requestId = nextRequestId();
    try {
      authenticate(c, state);
      throw unrecognizedUrl(c.req.method, new URL(c.req.url).pathname);
    } catch (e) {
      return fail(c, e, requestId);
    }
  });

  return {
    name: 'stripe',
    app,
    dumpWorld: () => structuredClone(state.world),
    resetWorld: (world) => state.reset(world),
  };
}
