// The demo help desk: plays Zendesk's agent workspace for one app installation. It lists the Zendesk
// sandbox's tickets, renders a ticket view that hosts the real built sidebar in an iframe (the host
// side of ZAF lives in public/zafHost.js), and proxies the app's requests like Zendesk's proxy.
// Dev and tests only; started by sandbox/stack.ts next to the other sandboxes.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { startSandbox, type SandboxDefinition, type SandboxEnv, type SandboxHandle } from '../kit/SandboxServer.js';
import { appIsBuilt, serveFile } from './appAssets.js';
import { DEFAULT_ASSETS_DIR, type HelpDeskConfig, type SettingValue } from './HelpDeskConfig.js';
import { conversationHtml, LOCALES, tagsHtml, ticketPage, type HostBootstrap } from './pages/ticketPage.js';
import { ticketListPage } from './pages/ticketListPage.js';
import { proxyZafRequest } from './proxyZafRequest.js';
import { ZendeskAgentApi, ZendeskCallError } from './ZendeskAgentApi.js';

type Defaulted = 'assetsDir' | 'now' | 'proxyTimeoutMs' | 'liveRefreshMs';
export type HelpDeskOptions = Omit<HelpDeskConfig, Defaulted> & Partial<Pick<HelpDeskConfig, Defaulted>>;

/** What tests and demos may change while it runs; pages opened afterwards see the change. */
export interface HelpDeskChange {
  settings?: Record<string, SettingValue>;
  domainWhitelist?: string[];
}

export interface HelpDesk extends SandboxDefinition {
  config: HelpDeskConfig;
  configure(change: HelpDeskChange): void;
}

export interface HelpDeskHandle extends SandboxHandle {
  config: HelpDeskConfig;
  configure(change: HelpDeskChange): void;
}

const HOST_SCRIPT = readFileSync(new URL('./public/zafHost.js', import.meta.url), 'utf8');

/** `?locale=es` plays an agent whose Zendesk language is Spanish; anything unknown keeps the profile's. */
function agentLocale(requested: string | undefined, profile: string | undefined): string {
  const match = LOCALES.find((l) => l.toLowerCase() === requested?.toLowerCase());
  return match ?? profile ?? 'en-US';
}

async function formOrJson(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('json')) return ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, string>;
  const form = await c.req.parseBody();
  return Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

const wantsJson = (c: Context) => (c.req.header('content-type') ?? '').includes('json');
const back = (c: Context, path: string) => c.redirect(path, 303);

export function createHelpDesk(options: HelpDeskOptions): HelpDesk {
  const config: HelpDeskConfig = {
    assetsDir: DEFAULT_ASSETS_DIR,
    now: () => new Date(),
    proxyTimeoutMs: 10_000,
    liveRefreshMs: 3000,
    ...options,
    installation: { ...options.installation, settings: { ...options.installation.settings } },
    domainWhitelist: [...options.domainWhitelist],
  };
  const initial = { settings: { ...config.installation.settings }, domainWhitelist: [...config.domainWhitelist] };
  const api = new ZendeskAgentApi(config.zendesk);
  const app = new Hono<SandboxEnv>();

  app.onError((e, c) => {
    const status = e instanceof ZendeskCallError && e.status === 404 ? 404 : 502;
    return c.html(`<!doctype html><h1>${status === 404 ? 'Not found' : 'The Zendesk sandbox did not answer'}</h1><p>${e.message.replace(/</g, '&lt;')}</p><p><a href="/">All tickets</a></p>`, status);
  });

  app.get('/health', (c) => c.json({ ok: true }));
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/', async (c) => {
    const [tickets, agent, customers] = await Promise.all([api.tickets(), api.user(config.zendesk.agentUserId).catch(() => undefined), api.customers()]);
    const users = await api.users(tickets.map((t) => t.requester_id));
    return c.html(ticketListPage({ tickets, users, customers, agent, now: config.now(), appBuilt: appIsBuilt(config.assetsDir) }));
  });

  app.get('/tickets/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const [ticket, comments, agent] = await Promise.all([api.ticket(id), api.comments(id), api.user(config.zendesk.agentUserId).catch(() => undefined)]);
    const users = await api.users([ticket.requester_id, ...comments.map((x) => x.author_id)]);
    const requester = users.get(ticket.requester_id);
    const locale = agentLocale(c.req.query('locale'), agent?.locale);
    const origin = new URL(c.req.url).origin;
    const appGuid = randomUUID();
    const bootstrap: HostBootstrap = {
      appGuid,
      appOrigin: origin,
      proxyPath: '/__helpdesk/proxy',
      livePath: `/__helpdesk/tickets/${ticket.id}/live`,
      liveRefreshMs: config.liveRefreshMs,
      rendered: { commentCount: comments.length, updatedAt: ticket.updated_at },
      metadata: {
        appId: config.installation.appId,
        installationId: config.installation.id,
        name: config.installation.name,
        version: config.installation.version,
        // Only the non-secret settings: secure ones exist in the browser as placeholders at most.
        settings: { ...config.installation.settings },
      },
      context: { host: 'zendesk', product: 'support', location: 'ticket_sidebar', ticketId: ticket.id, account: { subdomain: config.zendesk.subdomain }, instanceGuid: appGuid },
      currentUser: { id: config.zendesk.agentUserId, name: agent?.name ?? 'Agent', email: agent?.email ?? null, role: agent?.role ?? 'agent', locale },
      currentAccount: { subdomain: config.zendesk.subdomain },
      ticket: {
        id: ticket.id, subject: ticket.subject, status: ticket.status, priority: ticket.priority, tags: ticket.tags, via: { channel: ticket.via.channel },
        requester: requester ? { id: requester.id, name: requester.name, email: requester.email, locale: requester.locale } : null,
      },
    };
    const appSrc = appIsBuilt(config.assetsDir) ? `/app/assets/index.html?origin=${encodeURIComponent(origin)}&app_guid=${appGuid}` : null;
    return c.html(ticketPage({ ticket, comments, users, agent, locale, appSrc, bootstrap, now: config.now() }));
  });

  // What changed on the ticket since the page rendered (the backend tags, solves and comments).
  app.get('/__helpdesk/tickets/:id{[0-9]+}/live', async (c) => {
    const id = Number(c.req.param('id'));
    const [ticket, comments] = await Promise.all([api.ticket(id), api.comments(id)]);
    const users = await api.users([ticket.requester_id, ...comments.map((x) => x.author_id)]);
    return c.json({
      status: ticket.status,
      tags: ticket.tags,
      updatedAt: ticket.updated_at,
      commentCount: comments.length,
      tagsHtml: String(await tagsHtml(ticket.tags)),
      conversationHtml: String(await conversationHtml(comments, users, config.now())),
    });
  });

  app.get('/__helpdesk/zafHost.js', (c) => c.body(HOST_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/app/assets/*', (c) => serveFile(c, config.assetsDir, '/app/assets/'));

  app.post('/__helpdesk/proxy', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { options?: unknown } | null;
    if (!body || typeof body !== 'object') return c.json({ error: 'expected {appGuid, options}' }, 400);
    return c.json(await proxyZafRequest(body.options, config));
  });

  app.post('/__helpdesk/tickets/:id{[0-9]+}/new-customer-message', async (c) => {
    const id = Number(c.req.param('id'));
    const input = await formOrJson(c);
    if (!input['body']?.trim()) return c.json({ error: 'body is required' }, 400);
    await api.customerMessage(id, input['body']);
    return wantsJson(c) ? c.json({ ok: true }, 201) : back(c, `/tickets/${id}${input['locale'] ? `?locale=${encodeURIComponent(input['locale'])}` : ''}`);
  });

  app.post('/__helpdesk/tickets/:id{[0-9]+}/agent-reply', async (c) => {
    const id = Number(c.req.param('id'));
    const input = await formOrJson(c);
    if (!input['body']?.trim()) return c.json({ error: 'body is required' }, 400);
    await api.agentComment(id, input['body'], input['visibility'] !== 'internal');
    return wantsJson(c) ? c.json({ ok: true }, 201) : back(c, `/tickets/${id}${input['locale'] ? `?locale=${encodeURIComponent(input['locale'])}` : ''}`);
  });

  app.post('/__helpdesk/tickets', async (c) => {
    const input = await formOrJson(c);
    const requesterId = Number(input['requester_id']);
    if (!requesterId || !input['subject']?.trim() || !input['body']?.trim()) return c.json({ error: 'requester_id, subject and body are required' }, 400);
    const id = await api.customerTicket({ requesterId, subject: input['subject'], body: input['body'] });
    return wantsJson(c) ? c.json({ id }, 201) : back(c, `/tickets/${id}`);
  });

  const configure = (change: HelpDeskChange) => {
    if (change.settings) config.installation.settings = { ...config.installation.settings, ...change.settings };
    if (change.domainWhitelist) config.domainWhitelist = [...change.domainWhitelist];
  };

  return {
    name: 'helpdesk',
    app,
    config,
    configure,
    // Never the secure settings: the world dump is readable without auth.
    dumpWorld: () => ({ installationId: config.installation.id, settings: config.installation.settings, domainWhitelist: config.domainWhitelist }),
    resetWorld: () => {
      config.installation.settings = { ...initial.settings };
      config.domainWhitelist = [...initial.domainWhitelist];
    },
  };
}

export async function startHelpDesk(options: HelpDeskOptions, port = 0): Promise<HelpDeskHandle> {
  const desk = createHelpDesk(options);
  const handle = await startSandbox(desk, port);
  return { ...handle, config: desk.config, configure: desk.configure };
}
