// The entitlements HTTP API of docs/entitlements-api.md: Bearer API keys with a scope and a name,
// `{error:{code,message}}` envelopes, and Idempotency-Key handling on every POST (replay of the
// stored response, refusal of a reused key).
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SandboxEnv } from '../kit/SandboxServer.js';
import { IdempotencyStore } from '../oms/IdempotencyStore.js';
import { accountJson, planJson } from './entitlementsJson.js';
import type { EntitlementsStore, EntOutcome } from './EntitlementsStore.js';
import type { EntAccount, EntApiKey } from './EntitlementsWorld.js';

type ApiEnv = SandboxEnv & { Variables: { apiKey: EntApiKey } };

const errorJson = (c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) =>
  c.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, status);

export function entitlementsApiRoutes(store: EntitlementsStore, idempotency: IdempotencyStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const adminUrl = (c: Context) => store.adminUrl ?? new URL(c.req.url).origin;
  // The world schema guarantees every account's plan exists, and plans are never removed.
  const render = (c: Context, a: EntAccount) => accountJson(a, store.plan(a.plan_id)!, adminUrl(c));

  app.use('/v1/*', async (c, next) => {
    const header = c.req.header('authorization');
    if (!header?.startsWith('Bearer ')) return errorJson(c, 401, 'unauthenticated', 'send the API key as "Authorization: Bearer <key>"');
    const apiKey = store.apiKey(header.slice(7).trim());
    if (!apiKey) return errorJson(c, 401, 'invalid_api_key', 'the API key is not valid');
    c.set('apiKey', apiKey);
    return next();
  });

  app.get('/v1/plans', (c) => c.json({ object: 'list', data: store.plans().map(planJson), has_more: false }));

  app.get('/v1/accounts', (c) => {
    const limit = Number(c.req.query('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return errorJson(c, 400, 'invalid_parameter', 'limit must be an integer from 1 to 100');
    const email = c.req.query('email');
    const customer = c.req.query('stripe_customer_id');
    const after = c.req.query('starting_after');
    const res = store.findAccounts({ limit, ...(email ? { email } : {}), ...(customer ? { stripeCustomerId: customer } : {}), ...(after ? { startingAfter: after } : {}) });
    if (!res.ok) return errorJson(c, res.failure.status, res.failure.code, res.failure.message);
    return c.json({ object: 'list', data: res.value.accounts.map((a) => render(c, a)), has_more: res.value.hasMore });
  });

  app.get('/v1/accounts/:id', (c) => {
    const a = store.account(c.req.param('id'));
    return a ? c.json(render(c, a)) : errorJson(c, 404, 'account_not_found', `no account ${c.req.param('id')}`);
  });

  /**
   * Every write goes through here. Only responses of requests that executed (2xx, and 409 refusals
   * of the state rules) are stored under the key; anything else applied nothing, so a retry may
   * safely run again.
   */
  const write = (path: string, action: (id: string, body: unknown, actor: string) => EntOutcome<EntAccount>) =>
    app.post(path, async (c) => {
      const apiKey = c.get('apiKey');
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
      const outcome = action(c.req.param('id') ?? '', body, apiKey.name);
      const status = outcome.ok ? outcome.status : outcome.failure.status;
      const resBody = outcome.ok
        ? render(c, outcome.value)
        : { error: { code: outcome.failure.code, message: outcome.failure.message, ...(outcome.failure.details === undefined ? {} : { details: outcome.failure.details }) } };
      if (key && (outcome.ok || status === 409)) idempotency.save(apiKey.key, key, fingerprint, status, resBody);
      return c.json(resBody, status);
    });

  write('/v1/accounts/:id/unlock', (id, body, actor) => store.unlock(id, body, actor));
  write('/v1/accounts/:id/plan', (id, body, actor) => store.setPlan(id, body, actor));

  app.all('/v1/*', (c) => errorJson(c, 404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}
