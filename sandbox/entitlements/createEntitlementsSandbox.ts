// The entitlements sandbox: a stateful implementation of the SaaS admin contract in
// docs/entitlements-api.md, plus the admin page its `url` links point at, for the demo.
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { SandboxDefinition, SandboxEnv } from '../kit/SandboxServer.js';
import { IdempotencyStore } from '../kit/IdempotencyStore.js';
import { entitlementsApiRoutes } from './entitlementsApiRoutes.js';
import { EntitlementsStore } from './EntitlementsStore.js';
import { EntitlementsWorldSchema, type EntitlementsWorld } from './EntitlementsWorld.js';

export { EntitlementsWorldSchema, type EntitlementsWorld };

export interface EntitlementsSandboxOptions {
  /** Clock for audit entries and `updated_at`; defaults to the real one. */
  now?: () => Date;
}

export function createEntitlementsSandbox(seed: EntitlementsWorld, options: EntitlementsSandboxOptions = {}): SandboxDefinition {
  const initial = EntitlementsWorldSchema.parse(seed);
  const store = new EntitlementsStore(initial, options.now ?? (() => new Date()));
  const idempotency = new IdempotencyStore();
  const app = new Hono<SandboxEnv>();

  app.get('/admin/accounts/:id', (c) => {
    const a = store.account(c.req.param('id'));
    if (!a) return c.html('<h1>Account not found</h1>', 404);
    const audit = a.audit.map((e) => html`<li>${e.at} · ${e.actor} · ${e.action} · ${e.reason}${e.evidence_ref ? ` (${e.evidence_ref})` : ''}</li>`);
    return c.html(html`<!doctype html><title>${a.id}</title><h1>${a.name} (${a.id})</h1>
      <p>Owner ${a.owner_email} · plan ${a.plan_id} · ${a.status}${a.lock_reason ? ` (${a.lock_reason})` : ''}</p>
      <p>Billing ${a.billing.stripe_customer_id ?? '-'} / ${a.billing.stripe_subscription_id ?? '-'}</p><ol>${audit}</ol>`);
  });
  app.route('/', entitlementsApiRoutes(store, idempotency));

  return {
    name: 'entitlements',
    app,
    dumpWorld: () => store.dump(),
    resetWorld: (world) => {
      store.reset(world ?? initial);
      idempotency.clear();
    },
  };
}
