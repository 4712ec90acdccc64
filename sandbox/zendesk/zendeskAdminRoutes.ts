// Unauthenticated sandbox-only routes: register webhook targets, inspect and redeliver webhook
// invocations, play the customer (new ticket, follow-up), and the /agent/* pages that the backend's
// deep links open. None of this exists in Zendesk's API; it drives the sandbox from the demo page.
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import type { SandboxEnv } from '../kit/SandboxServer.js';
import type { ZendeskSandbox } from './createZendeskSandbox.js';
import type { WebhookDispatcher } from './WebhookDispatcher.js';
import type { ZendeskStore } from './ZendeskStore.js';

const WebhookInput = z.object({ url: z.url(), secret: z.string().min(1) });
const TicketInput = z.object({
  requester_id: z.number().int().positive(),
  subject: z.string().min(1),
  body: z.string().min(1),
  channel: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
const CommentInput = z.object({ body: z.string().min(1) });
const FireInput = z.object({ type: z.enum(['ticket.created', 'ticket.comment_added']) });

async function parse<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; res: Response }> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, res: c.json({ error: 'InvalidInput', description: parsed.error.message }, 400) };
}

export function zendeskAdminRoutes(sandbox: ZendeskSandbox, dispatcher: WebhookDispatcher, store: ZendeskStore): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/__zendesk/webhooks', (c) => c.json(dispatcher.targets().map(({ id, url }) => ({ id, url }))));
  app.post('/__zendesk/webhooks', async (c) => {
    const input = await parse(c, WebhookInput);
    if (!input.ok) return input.res;
    const { id, url } = sandbox.addWebhook(input.value.url, input.value.secret);
    return c.json({ id, url }, 201);
  });

  app.get('/__zendesk/deliveries', (c) => c.json(sandbox.deliveries()));
  app.post('/__zendesk/deliveries/:invocationId/redeliver', async (c) => {
    try {
      return c.json(await sandbox.redeliver(c.req.param('invocationId')));
    } catch (e) {
      return c.json({ error: 'RecordNotFound', description: (e as Error).message }, 404);
    }
  });

  app.post('/__zendesk/tickets', async (c) => {
    const input = await parse(c, TicketInput);
    if (!input.ok) return input.res;
    const { requester_id, subject, body, channel, tags } = input.value;
    if (!store.user(requester_id)) return c.json({ error: 'RecordNotFound', description: 'requester not found' }, 404);
    const ticket = sandbox.createTicket({ requesterId: requester_id, subject, body, ...(channel ? { channel } : {}), ...(tags ? { tags } : {}) });
    return c.json({ ticket }, 201);
  });

  app.post('/__zendesk/tickets/:id{[0-9]+}/customer_comments', async (c) => {
    const id = Number(c.req.param('id'));
    if (!store.ticket(id)) return c.json({ error: 'RecordNotFound', description: 'Not found' }, 404);
    const input = await parse(c, CommentInput);
    if (!input.ok) return input.res;
    try {
      return c.json({ comment: sandbox.addCustomerComment(id, input.value.body) }, 201);
    } catch (e) {
      return c.json({ error: 'RecordInvalid', description: (e as Error).message }, 422);
    }
  });

  app.post('/__zendesk/tickets/:id{[0-9]+}/webhooks', async (c) => {
    const id = Number(c.req.param('id'));
    if (!store.ticket(id)) return c.json({ error: 'RecordNotFound', description: 'Not found' }, 404);
    const input = await parse(c, FireInput);
    if (!input.ok) return input.res;
    try {
      return c.json(await sandbox.fireWebhook(id, input.value.type));
    } catch (e) {
      return c.json({ error: 'RecordInvalid', description: (e as Error).message }, 422);
    }
  });

  // Minimal agent views, so links the backend builds lead somewhere readable in the demo.
  app.get('/agent/tickets/:id{[0-9]+}', (c) => {
    const t = store.ticket(Number(c.req.param('id')));
    if (!t) return c.html('<h1>Ticket not found</h1>', 404);
    const comments = t.comments.map((x) => html`<li><b>${store.user(x.author_id)?.name ?? x.author_id}</b> ${x.public ? '' : '(internal note)'} ${x.created_at}<pre>${x.body}</pre></li>`);
    return c.html(html`<!doctype html><title>#${t.id} ${t.subject}</title><h1>#${t.id} ${t.subject}</h1>
      <p>Status: ${t.status} · Tags: ${t.tags.join(', ')} · Group: ${t.group_id ?? '-'}</p><ol>${comments}</ol>`);
  });
  app.get('/agent/users/:id{[0-9]+}', (c) => {
    const u = store.user(Number(c.req.param('id')));
    return u ? c.html(html`<!doctype html><h1>${u.name}</h1><p>${u.email ?? ''} · ${u.locale} · ${u.tags.join(', ')}</p>`) : c.html('<h1>User not found</h1>', 404);
  });
  app.get('/agent/organizations/:id{[0-9]+}', (c) => {
    const o = store.organization(Number(c.req.param('id')));
    return o ? c.html(html`<!doctype html><h1>${o.name}</h1><p>${o.tags.join(', ')}</p>`) : c.html('<h1>Organization not found</h1>', 404);
  });

  return app;
}
