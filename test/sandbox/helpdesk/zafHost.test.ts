// The help desk's ZAF host script against the real zendesk_app_framework_sdk in Chromium: a probe
// page in the iframe registers, reads context, invokes actions and sends requests through the
// proxy to the real backend of a local stack.
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../functions/src/adapters/system/SystemClock.js';
import { startStack, type Stack } from '../../../sandbox/stack.js';
import { loadNamedWorld } from '../../../sandbox/worlds/loadWorld.js';
import { launchChromium, openTicket, type Browser, type BrowserContext, type Frame } from '../../e2e/browser.js';
import { probeAssets } from './fixtures/probeAssets.js';

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };
interface ProbeClient {
  get(p: string | string[]): Promise<unknown>;
  set(k: string, v: unknown): Promise<unknown>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request(o: unknown): Promise<unknown>;
  on(name: string, h: (d: unknown) => void): void;
  trigger(name: string, d: unknown): void;
}
type ProbeWindow = Window & { client: ProbeClient; ready: Promise<Record<string, unknown>> };

let browser: Browser;
let stack: Stack;
let probe: ReturnType<typeof probeAssets>;
let context: BrowserContext | null = null;

beforeAll(async () => {
  probe = probeAssets();
  const world = loadNamedWorld('demo');
  [browser, stack] = await Promise.all([launchChromium(), startStack({ world, clock: new ManualClock(world.now), quiet: true, helpdesk: { assetsDir: probe.dir, liveRefreshMs: 100 } })]);
});
afterEach(async () => {
  await context?.close();
  context = null;
  stack.helpdesk.configure({ settings: { backend_url: stack.backend.url }, domainWhitelist: [stack.backend.url] });
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
  probe?.cleanup();
});

async function open(query = '', ticket = 101): Promise<{ app: Frame; page: import('playwright-core').Page }> {
  const opened = await openTicket(browser, stack.helpdesk.url, ticket, query);
  context = opened.context;
  await opened.app.evaluate(() => (window as unknown as ProbeWindow).ready);
  return opened;
}

/** Runs a client call in the iframe and reports how its promise settled, errors as plain data. */
function call(app: Frame, script: string): Promise<Settled> {
  return app.evaluate(async (source) => {
    const client = (window as unknown as ProbeWindow).client;
    try {
      return { ok: true, value: await (new Function('client', `return (${source});`)(client) as Promise<unknown>) } as Settled;
    } catch (e) {
      return { ok: false, error: e instanceof Error ? { name: e.name, message: e.message } : e } as Settled;
    }
  }, script);
}

const jwt = { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 3600, claims: { iss: 'demo', sub: '1' } };

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('ZAF host with the real SDK', () => {
  it('answers the handshake with app.registered (metadata without secrets, ticket_sidebar context) and activates the app', async () => {
    const { app } = await open();
    const seen = (await app.evaluate(() => (window as unknown as ProbeWindow).ready)) as Record<string, unknown>;
    expect(seen['metadata']).toEqual({ appId: 1, installationId: 'demo', name: 'Case Closer', version: '0.1.0', settings: { backend_url: stack.backend.url } });
    expect(seen['context']).toMatchObject({ location: 'ticket_sidebar', ticketId: 101, account: { subdomain: 'demo' }, host: 'zendesk' });
    expect(seen['get']).toMatchObject({ 'ticket.id': 101, 'currentUser.id': 1, 'currentUser.locale': 'en-US', errors: {} });
    expect(seen['activated']).toEqual({ firstLoad: true });
    expect(JSON.stringify(seen)).not.toContain('demo-shared-secret');
  });

  it('plays the agent in the locale chosen on the page', async () => {
    const { app } = await open('?locale=es');
    expect(await call(app, "client.get('currentUser.locale')")).toEqual({ ok: true, value: { 'currentUser.locale': 'es', errors: {} } });
  });

  it('reports unknown paths the way the SDK turns into errors', async () => {
    const { app } = await open();
    const single = await call(app, "client.get('ticket.nonsense')");
    expect(single).toEqual({ ok: false, error: { name: 'APIUnavailable', message: '"ticket.nonsense" Could not find handler' } });
    const many = await call(app, "client.get(['ticket.subject', 'ticket.nonsense'])");
    expect(many).toMatchObject({ ok: true, value: { 'ticket.subject': 'My order ORD-1001 arrived a week late', errors: { 'ticket.nonsense': { name: 'APIUnavailable' } } } });
    expect(await call(app, "client.invoke('teleport', 'x')")).toMatchObject({ ok: false, error: { message: '"teleport" Could not find handler' } });
  });

  it('resizes the iframe and writes into the reply composer', async () => {
    const { app, page } = await open();
    expect(await call(app, "client.invoke('resize', { width: '100%', height: '321px' })")).toEqual({ ok: true, value: { errors: {}, resize: null } });
    expect(await page.$eval('#app-frame', (f) => (f as HTMLIFrameElement).getBoundingClientRect().height)).toBe(321);
    await call(app, "client.invoke('ticket.comment.appendText', 'Hi Jane,')");
    await call(app, "client.invoke('ticket.comment.appendText', 'your refund is on its way.')");
    expect(await page.inputValue('#composer')).toBe('Hi Jane,\nyour refund is on its way.');
    expect(await call(app, "client.get('ticket.comment.text')")).toMatchObject({ ok: true, value: { 'ticket.comment.text': 'Hi Jane,\nyour refund is on its way.' } });
    await call(app, "client.set('ticket.comment.text', 'replaced')");
    expect(await page.inputValue('#composer')).toBe('replaced');
  });

  it('delivers triggered events to the subscribed app', async () => {
    const { app } = await open();
    const got = await app.evaluate(() => new Promise((resolve) => {
      const client = (window as unknown as ProbeWindow).client;
      client.on('case.refreshed', resolve);
      client.trigger('case.refreshed', { n: 1 });
    }));
    expect(got).toEqual({ n: 1 });
  });

  it('follows the ticket live: new comments and status show on the page and reach subscribed apps as events', async () => {
    // Ticket 104: the customer's comment opens a case over the webhook, which other tests must not see.
    const { app, page } = await open('', 104);
    await app.evaluate(() => {
      const w = window as unknown as ProbeWindow & { seen: unknown[] };
      w.seen = [];
      w.client.on('ticket.status.changed', (s) => w.seen.push(['status', s]));
      w.client.on('ticket.conversation.changed', () => w.seen.push(['conversation']));
    });
    stack.zendeskSandbox.addCustomerComment(104, 'Any news about my refund?');
    await page.getByText('Any news about my refund?').waitFor();
    const auth = `Basic ${Buffer.from('caseclose@demo.example/token:demo-zendesk-token').toString('base64')}`;
    const solved = await fetch(`${stack.zendesk.url}/api/v2/tickets/104.json`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ ticket: { status: 'solved' } }) });
    expect(solved.status).toBe(200);
    await page.locator('[data-testid="ticket-status"]', { hasText: 'solved' }).waitFor();
    await app.waitForFunction(() => (window as unknown as { seen: unknown[][] }).seen.some((e) => e[0] === 'status'));
    expect(await app.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([['conversation'], ['status', 'solved']]);
    expect(await call(app, "client.get('ticket.status')")).toMatchObject({ ok: true, value: { 'ticket.status': 'solved' } });
  });

  it('proxies requests to the backend with a JWT signed from the secure setting; non-2xx rejects with the response', async () => {
    const { app } = await open();
    const backend = stack.backend.url;
    const missing = await call(app, `client.request({ url: '${backend}/v1/tickets/101/case', type: 'GET', secure: true, jwt: ${JSON.stringify(jwt)}, httpCompleteResponse: true })`);
    expect(missing).toMatchObject({ ok: false, error: { status: 404, responseJSON: { error: { code: 'not_found' } } } });

    const opened = await call(app, `client.request({ url: '${backend}/v1/tickets/101/investigate', type: 'POST', contentType: 'application/json', data: '{}', secure: true, jwt: ${JSON.stringify(jwt)}, httpCompleteResponse: true })`);
    expect(opened).toMatchObject({ ok: true, value: { status: 202, responseJSON: { ticketId: '101' }, headers: { 'content-type': expect.stringContaining('application/json') } } });
    expect((opened as { value: { responseText: string } }).value.responseText).toContain('"ticketId":"101"');

    const plain = await call(app, `client.request({ url: '${backend}/v1/tickets/101/case', secure: true, jwt: ${JSON.stringify(jwt)} })`);
    expect(plain).toMatchObject({ ok: true, value: { ticketId: '101' } });

    const forged = await call(app, `client.request({ url: '${backend}/v1/tickets/101/case', secure: true, jwt: { secret_key: 'guessed', expiry: 60, claims: { iss: 'demo', sub: '1' } }, httpCompleteResponse: true })`);
    expect(forged).toMatchObject({ ok: false, error: { status: 401, responseJSON: { error: { code: 'unauthorized' } } } });
  });

  it('refuses origins outside the whitelist and reports an unreachable backend as status 0', async () => {
    const { app } = await open();
    const down = await closedPortUrl();
    const refused = await call(app, `client.request({ url: '${down}/v1/tickets/101/case', secure: true, jwt: ${JSON.stringify(jwt)}, httpCompleteResponse: true })`);
    expect(refused).toMatchObject({ ok: false, error: { status: 403 } });

    stack.helpdesk.configure({ domainWhitelist: [stack.backend.url, down] });
    const unreachable = await call(app, `client.request({ url: '${down}/v1/tickets/101/case', secure: true, jwt: ${JSON.stringify(jwt)}, httpCompleteResponse: true })`);
    expect(unreachable).toMatchObject({ ok: false, error: { status: 0, statusText: 'error' } });
  });
});
