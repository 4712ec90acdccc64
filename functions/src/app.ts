// Builds the Hono app from its dependencies: request ids, one error handler, the route mounts.
import { Hono } from 'hono';
import { AppError } from './domain/errors.js';
import type { AppDeps, AppEnv } from './http/AppDeps.js';
import { errorResponse } from './http/errorResponse.js';
import { caseRoutes } from './http/routes/cases.js';
import { operationRoutes } from './http/routes/operations.js';
import { webhookRoutes } from './http/routes/webhooks.js';

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('x-request-id') ?? deps.ids.newId('req'));
    await next();
    c.header('x-request-id', c.var.requestId);
  });
  app.onError((e, c) => errorResponse(c, e));
  app.notFound((c) => errorResponse(c, new AppError('not_found', `no route ${c.req.method} ${new URL(c.req.url).pathname}`)));
  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/v1/webhooks', webhookRoutes(deps));
  app.route('/v1', operationRoutes(deps));
  app.route('/v1', caseRoutes(deps));
  return app;
}
