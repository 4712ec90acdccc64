// The Zendesk Support / Help Center REST subset the sandbox serves, behind API-token Basic auth,
// with Zendesk's envelopes and error bodies (401 "Couldn't authenticate you", 404 RecordNotFound,
// 422 RecordInvalid with details).
import { Hono, type Context } from 'hono';
import type { SandboxEnv } from '../kit/SandboxServer.js';
import { articleJson, auditJson, commentJson, groupJson, listJson, organizationJson, ticketJson, userJson } from './zendeskJson.js';
import { searchArticles } from './searchArticles.js';
import type { TicketWrite, ValidationDetails, ZendeskStore } from './ZendeskStore.js';
import type { ZendeskUser } from './ZendeskWorld.js';

type ApiEnv = SandboxEnv & { Variables: { actor: ZendeskUser } };

export interface TicketWriteListener {
  (kind: 'created' | 'updated', write: TicketWrite, actorId: number): void;
}

const origin = (c: Context) => new URL(c.req.url).origin;
const notFound = (c: Context) => c.json({ error: 'RecordNotFound', description: 'Not found' }, 404);
const recordInvalid = (c: Context, details: ValidationDetails) =>
  c.json({ error: 'RecordInvalid', description: 'Record validation errors', details }, 422);
/** Id routes are declared as `:file{[0-9]+\.json}`; this takes the number back out. */
const idOf = (file: string) => Number(file.replace(/\.json$/, ''));
const ID_JSON = '{[0-9]+\\.json}';

function credentials(header: string | undefined): { email: string; token: string } | null {
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const m = /^(.+)\/token:(.+)$/.exec(decoded);
  return m ? { email: m[1]!, token: m[2]! } : null;
}

async function envelope(c: Context, key: string): Promise<{ ok: true; value: unknown } | { ok: false; res: Response }> {
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, res: c.json({ error: 'InvalidJSON', description: 'Server could not parse JSON' }, 400) };
  }
  if (!body || typeof body !== 'object' || !(key in body)) {
    return { ok: false, res: c.json({ error: 'ParameterMissing', description: `param is missing or the value is empty: ${key}` }, 400) };
  }
  return { ok: true, value: (body as Record<string, unknown>)[key] };
}

export function zendeskApiRoutes(store: ZendeskStore, onWrite: TicketWriteListener): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use('/api/v2/*', async (c, next) => {
    const cred = credentials(c.req.header('authorization'));
    const actor = cred && store.authenticate(cred.email, cred.token);
    if (!actor) return c.json({ error: "Couldn't authenticate you" }, 401);
    c.set('actor', actor);
    return next();
  });

  app.get('/api/v2/tickets.json', (c) => {
    const externalId = c.req.query('external_id');
    return c.json(listJson('tickets', store.listTickets(externalId === undefined ? {} : { externalId }).map((t) => ticketJson(t, origin(c)))));
  });

  app.post('/api/v2/tickets.json', async (c) => {
    const body = await envelope(c, 'ticket');
    if (!body.ok) return body.res;
    const actor = c.get('actor');
    const result = store.createTicket(body.value, actor.id);
    if (!result.ok) return recordInvalid(c, result.details);
    onWrite('created', result.value, actor.id);
    return c.json({ ticket: ticketJson(result.value.ticket, origin(c)), audit: auditJson(result.value.audit) }, 201);
  });

  app.get(`/api/v2/tickets/:file${ID_JSON}`, (c) => {
    const t = store.ticket(idOf(c.req.param('file') ?? ''));
    return t ? c.json({ ticket: ticketJson(t, origin(c)) }) : notFound(c);
  });

  app.put(`/api/v2/tickets/:file${ID_JSON}`, async (c) => {
    const id = idOf(c.req.param('file'));
    if (!store.ticket(id)) return notFound(c);
    const body = await envelope(c, 'ticket');
    if (!body.ok) return body.res;
    const actor = c.get('actor');
    const result = store.updateTicket(id, body.value, actor.id);
    if (!result) return notFound(c);
    if (!result.ok) return recordInvalid(c, result.details);
    onWrite('updated', result.value, actor.id);
    return c.json({ ticket: ticketJson(result.value.ticket, origin(c)), audit: auditJson(result.value.audit) });
  });

  app.get('/api/v2/tickets/:id{[0-9]+}/comments.json', (c) => {
    const t = store.ticket(Number(c.req.param('id')));
    return t ? c.json(listJson('comments', t.comments.map(commentJson))) : notFound(c);
  });

  app.get('/api/v2/tickets/:id{[0-9]+}/tags.json', (c) => {
    const t = store.ticket(Number(c.req.param('id')));
    return t ? c.json({ tags: t.tags }) : notFound(c);
  });

  // PUT adds tags, POST replaces them, DELETE removes the listed ones, as in Zendesk's Tags API.
  for (const [method, field] of [['put', 'additional_tags'], ['post', 'tags'], ['delete', 'remove_tags']] as const) {
    app.on(method.toUpperCase(), '/api/v2/tickets/:id{[0-9]+}/tags.json', async (c) => {
      const id = Number(c.req.param('id'));
      if (!store.ticket(id)) return notFound(c);
      const body = await envelope(c, 'tags');
      if (!body.ok) return body.res;
      const actor = c.get('actor');
      const result = store.updateTicket(id, { [field]: body.value }, actor.id);
      if (!result) return notFound(c);
      if (!result.ok) return recordInvalid(c, result.details);
      onWrite('updated', result.value, actor.id);
      return c.json({ tags: result.value.ticket.tags });
    });
  }

  app.get('/api/v2/users/me.json', (c) => c.json({ user: userJson(c.get('actor'), origin(c)) }));

  // Zendesk's user search; the sandbox understands `email:<address>` (exact) and plain words (name or email contains).
  app.get('/api/v2/users/search.json', (c) => {
    const query = (c.req.query('query') ?? '').trim().toLowerCase();
    if (!query) return c.json({ error: 'MissingParameter', description: 'query is required' }, 400);
    const email = /^email:(.+)$/.exec(query)?.[1];
    const users = store.users().filter((u) => (email ? u.email?.toLowerCase() === email : u.name.toLowerCase().includes(query) || !!u.email?.toLowerCase().includes(query)));
    return c.json(listJson('users', users.map((u) => userJson(u, origin(c)))));
  });

  app.get(`/api/v2/users/:file${ID_JSON}`, (c) => {
    const u = store.user(idOf(c.req.param('file') ?? ''));
    return u ? c.json({ user: userJson(u, origin(c)) }) : notFound(c);
  });

  app.get(`/api/v2/organizations/:file${ID_JSON}`, (c) => {
    const o = store.organization(idOf(c.req.param('file') ?? ''));
    return o ? c.json({ organization: organizationJson(o, origin(c)) }) : notFound(c);
  });

  app.get('/api/v2/groups.json', (c) => c.json(listJson('groups', store.groups().map((g) => groupJson(g, origin(c))))));

  app.get('/api/v2/ticket_fields.json', (c) =>
    c.json(listJson('ticket_fields', store.ticketFields().map((f) => ({ ...f, url: `${origin(c)}/api/v2/ticket_fields/${f.id}.json`, active: true })))),
  );

  app.get('/api/v2/help_center/articles/search.json', (c) => {
    const query = c.req.query('query');
    if (!query) return c.json({ error: 'MissingParameter', description: 'query is required' }, 400);
    const hits = searchArticles(store.articles(), query, c.req.query('locale'));
    const results = hits.map((h) => ({ ...articleJson(h.article, origin(c)), snippet: h.snippet, result_type: 'article' }));
    return c.json({ results, count: results.length, page: 1, per_page: 25, page_count: 1, next_page: null, previous_page: null });
  });

  for (const path of [`/api/v2/help_center/articles/:file${ID_JSON}`, `/api/v2/help_center/:locale/articles/:file${ID_JSON}`]) {
    app.get(path, (c) => {
      const a = store.articles().find((x) => x.id === idOf(c.req.param('file') ?? ''));
      return a ? c.json({ article: articleJson(a, origin(c)) }) : notFound(c);
    });
  }

  app.all('/api/v2/*', (c) => c.json({ error: 'InvalidEndpoint', description: 'Not found' }, 404));
  return app;
}
