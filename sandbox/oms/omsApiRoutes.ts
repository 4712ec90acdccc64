// The OMS HTTP API of docs/oms-api.md: Bearer API keys, `{error:{code,message}}` envelopes, and
// Idempotency-Key handling on every POST (replay of the stored response, refusal of a reused key).
// Orders, customers (identity lookups, default address) and the product catalog.
import { Hono, type Context } from 'hono';
import { bearerApiKey, errorJson, idempotentWrite, type ApiKeyRef } from '../kit/jsonApi.js';
import type { SandboxEnv } from '../kit/SandboxServer.js';
import type { IdempotencyStore } from '../kit/IdempotencyStore.js';
import { customerJson, orderJson, productJson, returnJson, variantJson } from './omsJson.js';
import type { OmsOutcome, OmsStore } from './OmsStore.js';

type ApiKey = NonNullable<ReturnType<OmsStore['apiKey']>>;
type ApiEnv = SandboxEnv & { Variables: { apiKey: ApiKey } };

export function omsApiRoutes(store: OmsStore, idempotency: IdempotencyStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const adminUrl = (c: Context) => store.adminUrl ?? new URL(c.req.url).origin;

  app.use('/v1/*', bearerApiKey((key) => store.apiKey(key)));

  app.get('/v1/orders', (c) => {
    const limit = Number(c.req.query('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return errorJson(c, 400, 'invalid_parameter', 'limit must be an integer from 1 to 100');
    const email = c.req.query('customer_email');
    const status = c.req.query('status');
    const after = c.req.query('starting_after');
    const delayed = c.req.query('delayed');
    if (delayed !== undefined && delayed !== 'true' && delayed !== 'false') return errorJson(c, 400, 'invalid_parameter', 'delayed must be true or false');
    const res = store.listOrders({ limit, ...(email ? { customerEmail: email } : {}), ...(status ? { status } : {}), ...(delayed === 'true' ? { delayed: true } : {}), ...(after ? { startingAfter: after } : {}) });
    if (!res.ok) return errorJson(c, res.failure.status, res.failure.code, res.failure.message);
    return c.json({ object: 'list', data: res.value.orders.map((o) => orderJson(o, adminUrl(c))), has_more: res.value.hasMore });
  });

  app.get('/v1/orders/:id', (c) => {
    const o = store.order(c.req.param('id'));
    return o ? c.json(orderJson(o, adminUrl(c))) : errorJson(c, 404, 'order_not_found', `no order ${c.req.param('id')}`);
  });

  const asCustomer = (c: Context, customer: Parameters<typeof customerJson>[0]) =>
    customerJson(customer, store.ordersOf(customer.id).map((o) => o.id), adminUrl(c));

  // Identity lookups only: there is deliberately no way to list every customer.
  app.get('/v1/customers', (c) => {
    const { email, first_name: first, last_name: last, postal_code: zip } = c.req.query();
    const found = email
      ? store.findCustomers({ email })
      : first && last && zip
        ? store.findCustomers({ firstName: first, lastName: last, postalCode: zip })
        : undefined;
    if (!found) return errorJson(c, 400, 'invalid_parameter', 'search by email, or by first_name, last_name and postal_code together');
    return c.json({ object: 'list', data: found.map((x) => asCustomer(c, x)), has_more: false });
  });

  app.get('/v1/customers/:id', (c) => {
    const customer = store.customer(c.req.param('id'));
    return customer ? c.json(asCustomer(c, customer)) : errorJson(c, 404, 'customer_not_found', `no customer ${c.req.param('id')}`);
  });

  app.get('/v1/products', (c) => c.json({ object: 'list', data: store.products().map(productJson), has_more: false }));

  app.get('/v1/products/:id', (c) => {
    const p = store.product(c.req.param('id'));
    return p ? c.json(productJson(p)) : errorJson(c, 404, 'product_not_found', `no product ${c.req.param('id')}`);
  });

  app.get('/v1/variants/:sku', (c) => {
    const hit = store.variant(c.req.param('sku'));
    return hit ? c.json(variantJson(hit.variant, hit.product)) : errorJson(c, 404, 'variant_not_found', `no variant ${c.req.param('sku')}`);
  });

  const write = (path: string, action: (c: Context<ApiEnv>, id: string, body: unknown) => OmsOutcome<unknown>) =>
    app.post(path, idempotentWrite<ApiKeyRef>(idempotency, (c, body) => action(c as Context<ApiEnv>, c.req.param('id') ?? '', body)));

  const asOrder = (c: Context, r: OmsOutcome<Parameters<typeof orderJson>[0]>): OmsOutcome<unknown> => (r.ok ? { ...r, value: orderJson(r.value, adminUrl(c)) } : r);

  write('/v1/orders/:id/cancel', (c, id, body) => asOrder(c, store.cancel(id, body)));
  write('/v1/orders/:id/shipping_address', (c, id, body) => asOrder(c, store.updateShippingAddress(id, body)));
  write('/v1/orders/:id/refunds', (c, id, body) => asOrder(c, store.recordRefund(id, body)));
  write('/v1/orders/:id/returns', (c, id, body) => {
    const r = store.createReturn(id, body, new URL(c.req.url).origin);
    return r.ok ? { ...r, value: returnJson(r.value, id) } : r;
  });
  write('/v1/orders/:id/payment_method', (c, id, body) => asOrder(c, store.modifyPayment(id, body)));
  write('/v1/orders/:id/modify_items', (c, id, body) => asOrder(c, store.modifyItems(id, body)));
  write('/v1/orders/:id/return_request', (c, id, body) => asOrder(c, store.requestReturn(id, body)));
  write('/v1/orders/:id/exchange_request', (c, id, body) => asOrder(c, store.requestExchange(id, body)));
  write('/v1/customers/:id/default_address', (c, id, body) => {
    const r = store.updateCustomerAddress(id, body);
    return r.ok ? { ...r, value: asCustomer(c, r.value) } : r;
  });

  app.all('/v1/*', (c) => errorJson(c, 404, 'not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return app;
}
