// The entitlements HTTP API of docs/entitlements-api.md: Bearer API keys with a scope and a name,
// `{error:{code,message}}` envelopes, and Idempotency-Key handling on every POST (replay of the
// stored response, refusal of a reused key).
import { Hono, type Context } from 'hono';
import { bearerApiKey, errorJson, idempotentWrite } from '../kit/jsonApi.js';
import type { SandboxEnv } from '../kit/SandboxServer.js';
import type { IdempotencyStore } from '../kit/IdempotencyStore.js';
import { accountJson, planJson } from './entitlementsJson.js';
import type { EntitlementsStore, EntOutcome } from './EntitlementsStore.js';
import type { EntAccount, EntApiKey } from './EntitlementsWorld.js';

type ApiEnv = SandboxEnv & { Variables: { apiKey: EntApiKey } };

export function entitlementsApiRoutes(store: EntitlementsStore, idempotency: IdempotencyStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const adminUrl = (c: Context) => store.adminUrl ?? new URL(c.req.url).origin;
  // The world schema guarantees every account's plan exists, and plans are never removed.
  const render = (c: Context, a: EntAccount) => accountJson(a, store.plan(a.plan_id)!, adminUrl(c));

  app.use('/v1/*', bearerApiKey((key) => store.apiKey(key)));

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

  const write = (path: string, action: (id: string, body: unknown, actor: string) => EntOutcome<EntAccount>) =>
    app.post(path, idempotentWrite<EntApiKey>(idempotency, (c, body, apiKey) => {
      const outcome = action(c.req.param('id') ?? '', body, apiKey.name);
      return outcome.ok ? { ...outcome, value: render(c, outcome.value) } : outcome;
    }));

  write('/v1/accounts/:id/unlock', (id, body, actor) => store.unlock(id, body, actor));
  write('/v1/accounts/:id/plan', (id, body, actor) => store.setPlan(id, body, actor));

  app.all('/v1/*', (c) => errorJson(c, 404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}
