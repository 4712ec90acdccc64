// The help desk's pages over HTTP against a real Zendesk sandbox: the ticket list, the agent's
// ticket view with the app's iframe, the customer and agent forms, static assets, and that no
// secure setting is ever served to the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHelpDesk, type HelpDeskHandle } from '../../../sandbox/helpdesk/createHelpDesk.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createZendeskSandbox, type ZendeskSandbox } from '../../../sandbox/zendesk/createZendeskSandbox.js';
import { loadNamedWorld } from '../../../sandbox/worlds/loadWorld.js';
import { probeAssets } from './fixtures/probeAssets.js';

const SECRET = 'demo-shared-secret-never-in-a-browser';
const world = loadNamedWorld('demo');

let sandbox: ZendeskSandbox;
let zendesk: SandboxHandle;
let desk: HelpDeskHandle;
let bare: HelpDeskHandle;
let probe: ReturnType<typeof probeAssets>;
let empty: string;

const options = (assetsDir: string) => ({
  zendesk: { url: zendesk.url, email: 'caseclose@demo.example', apiToken: 'demo-zendesk-token', agentUserId: 1, subdomain: 'demo' },
  installation: { id: 'demo', appId: 1, name: 'Case Closer', version: '0.1.0', settings: { backend_url: 'http://127.0.0.1:8787' }, secureSettings: { shared_secret: SECRET } },
  domainWhitelist: ['http://127.0.0.1:8787'],
  assetsDir,
  now: () => new Date(world.now),
});

beforeAll(async () => {
  sandbox = createZendeskSandbox(world.zendesk as never, { now: () => new Date(world.now) });
  zendesk = await startSandbox(sandbox);
  probe = probeAssets();
  empty = mkdtempSync(join(tmpdir(), 'no-app-'));
  [desk, bare] = await Promise.all([startHelpDesk(options(probe.dir)), startHelpDesk(options(empty))]);
});
afterEach(() => sandbox.resetWorld(undefined));
afterAll(async () => {
  await Promise.all([desk?.close(), bare?.close(), zendesk?.close()]);
  probe?.cleanup();
  rmSync(empty, { recursive: true, force: true });
});

const text = async (url: string) => {
  const r = await fetch(url);
  expect(r.status).toBe(200);
  return r.text();
};
const post = (url: string, form: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });

describe('help desk pages', () => {
  it('lists the tickets newest first, each linking to its ticket view', async () => {
    const page = await text(`${desk.url}/`);
    const ids = [...page.matchAll(/data-ticket-id="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(['105', '104', '102', '101', '103']);
    expect(page).toContain('<a href="/tickets/101">My order ORD-1001 arrived a week late</a>');
    expect(page).not.toContain('not built');
  });

  it('renders the agent ticket view: subject, conversation, composer, status, and the app iframe pointing back at this origin', async () => {
    const page = await text(`${desk.url}/tickets/101`);
    expect(page).toContain('data-testid="ticket-subject">My order ORD-1001 arrived a week late<');
    expect(page).toMatch(/data-testid="ticket-status">new</);
    expect(page).toContain('<textarea id="composer"');
    expect(page.match(/data-testid="comment"/g)).toHaveLength(1);
    const src = /<iframe id="app-frame"[^>]*src="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    const url = new URL(src!, desk.url);
    expect(url.pathname).toBe('/app/assets/index.html');
    expect(url.searchParams.get('origin')).toBe(desk.url);
    expect(url.searchParams.get('app_guid')).toMatch(/^[0-9a-f-]{36}$/);
    const config = JSON.parse(/<script type="application\/json" id="zaf-host-config">(.*?)<\/script>/s.exec(page)![1]!) as { appGuid: string; currentUser: { locale: string } };
    expect(config.appGuid).toBe(url.searchParams.get('app_guid'));
    expect(config.currentUser.locale).toBe('en-US');
    expect(await text(`${desk.url}/tickets/101?locale=es`)).toContain('"locale":"es"');
  });

  it('says how to build the app when assets/index.html is missing', async () => {
    const page = await text(`${bare.url}/tickets/101`);
    expect(page).toContain('npm run build:app');
    expect(page).not.toContain('<iframe');
    expect(await text(`${bare.url}/`)).toContain('npm run build:app');
  });

  it('never serves a secure setting: pages, host script, app files and the world dump', async () => {
    const served = await Promise.all(
      ['/', '/tickets/101', '/tickets/102?locale=es', '/__helpdesk/zafHost.js', '/app/assets/index.html', '/app/assets/zaf_sdk.js', '/__sandbox/world'].map((p) => text(`${desk.url}${p}`)),
    );
    for (const body of served) expect(body).not.toContain(SECRET);
    expect(served[1]).toContain('"settings":{"backend_url":"http://127.0.0.1:8787"}');
  });

  it('serves only files inside the app folder', async () => {
    expect((await fetch(`${desk.url}/app/assets/index.html`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${desk.url}/app/assets/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${desk.url}/app/assets/nope.js`)).status).toBe(404);
  });

  it('lets a newcomer write as the customer, answer as the agent, and open a new ticket', async () => {
    const follow = await post(`${desk.url}/__helpdesk/tickets/101/new-customer-message`, { body: 'Any news on my refund?', locale: 'es' });
    expect(follow.status).toBe(303);
    expect(follow.headers.get('location')).toBe('/tickets/101?locale=es');
    const reply = await post(`${desk.url}/__helpdesk/tickets/101/agent-reply`, { body: 'Looking into it.', visibility: 'public' });
    expect(reply.status).toBe(303);
    const ticket = sandbox.ticket(101)!;
    expect(ticket.comments.slice(-2).map((c) => [c.author_id, c.body, c.public])).toEqual([
      [9001, 'Any news on my refund?', true],
      [1, 'Looking into it.', true],
    ]);
    expect(await text(`${desk.url}/tickets/101`)).toContain('Any news on my refund?');

    const opened = await post(`${desk.url}/__helpdesk/tickets`, { requester_id: '9004', subject: 'Wrong size', body: 'Can I swap it?' });
    expect(opened.status).toBe(303);
    const id = Number(opened.headers.get('location')!.split('/').pop());
    expect(sandbox.ticket(id)).toMatchObject({ subject: 'Wrong size', requester_id: 9004 });
    expect((await text(`${desk.url}/`)).indexOf(`data-ticket-id="${id}"`)).toBeLessThan((await text(`${desk.url}/`)).indexOf('data-ticket-id="104"'));
  });

  it('answers 404 for a ticket that does not exist', async () => {
    expect((await fetch(`${desk.url}/tickets/999999`)).status).toBe(404);
  });
});
