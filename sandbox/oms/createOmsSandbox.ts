// The OMS sandbox: a stateful implementation of the order-management contract in docs/oms-api.md,
// plus the pages its links point at (/admin/orders/{id}, /admin/customers/{id}, /labels/{rma}.pdf).
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { SandboxDefinition, SandboxEnv } from '../kit/SandboxServer.js';
import { IdempotencyStore } from '../kit/IdempotencyStore.js';
import { omsApiRoutes } from './omsApiRoutes.js';
import { OmsStore } from './OmsStore.js';
import { OmsWorldSchema, type OmsWorld } from './OmsWorld.js';

export { OmsWorldSchema, type OmsWorld };

export interface OmsSandboxOptions {
  /** Clock for new records; defaults to the real one. */
  now?: () => Date;
}

export function createOmsSandbox(seed: OmsWorld, options: OmsSandboxOptions = {}): SandboxDefinition {
  const initial = OmsWorldSchema.parse(seed);
  const store = new OmsStore(initial, options.now ?? (() => new Date()));
  const idempotency = new IdempotencyStore();
  const app = new Hono<SandboxEnv>();

  app.get('/admin/orders/:id', (c) => {
    const o = store.order(c.req.param('id'));
    if (!o) return c.html('<h1>Order not found</h1>', 404);
    const shipments = o.shipments.map(
      (s) => html`<li>${s.id} · ${s.carrier} ${s.tracking_number} · ${s.status} · promised ${s.promised_delivery_at ?? '-'} · delivered ${s.delivered_at ?? '-'}</li>`,
    );
    return c.html(html`<!doctype html><title>${o.id}</title><h1>Order ${o.id}</h1>
      <p>${o.customer.name} &lt;${o.customer.email}&gt; · ${o.status} · placed ${o.placed_at}</p>
      <p>Total ${o.total.amount} ${o.total.currency} · refunds ${o.refunds.length} · returns ${o.returns.length}</p><ul>${shipments}</ul>`);
  });
  app.get('/admin/customers/:id', (c) => {
    const cu = store.customer(c.req.param('id'));
    if (!cu) return c.html('<h1>Customer not found</h1>', 404);
    const orders = store.ordersOf(cu.id).map((o) => html`<li>${o.id} · ${o.status}</li>`);
    return c.html(html`<!doctype html><title>${cu.id}</title><h1>${cu.first_name} ${cu.last_name}</h1>
      <p>${cu.email} · ${cu.default_address.line1}, ${cu.default_address.city} ${cu.default_address.postal_code}</p><ul>${orders}</ul>`);
  });
  app.get('/labels/:file', (c) => {
    const rma = c.req.param('file').replace(/\.pdf$/, '');
    if (!store.hasReturn(rma)) return c.text('no such return label', 404);
    return c.body(`%PDF-1.4\n% sandbox return label ${rma}\n%%EOF\n`, 200, { 'content-type': 'application/pdf' });
  });
  app.route('/', omsApiRoutes(store, idempotency));

  return {
    name: 'oms',
    app,
    dumpWorld: () => store.dump(),
    resetWorld: (world) => {
      store.reset(world ?? initial);
      idempotency.clear();
    },
  };
}
