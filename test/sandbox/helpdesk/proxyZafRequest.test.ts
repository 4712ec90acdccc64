// The help desk's request proxy over real HTTP: placeholders from secure settings filled on the
// server only, the jwt option signed and verifiable, the domain whitelist, and jQuery-like failures.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHelpDesk, type HelpDesk } from '../../../sandbox/helpdesk/createHelpDesk.js';

const SECRET = 'the-installation-secret-0123456789';
const NOW = new Date('2026-11-20T12:00:00Z');

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let echo: Server;
let echoUrl: string;
const seen: Seen[] = [];
/** What the echo server answers next: a status and JSON body, or never (to test timeouts). */
let reply: { status: number; body: unknown } | 'hang' = { status: 200, body: { ok: true } };

beforeAll(async () => {
  echo = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', 'x-echo': 'yes' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoUrl = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
});
afterEach(() => {
  seen.length = 0;
  reply = { status: 200, body: { ok: true } };
});
afterAll(async () => {
  echo.closeAllConnections();
  await new Promise<void>((r) => echo.close(() => r()));
});

function desk(overrides: { whitelist?: string[]; timeoutMs?: number } = {}): HelpDesk {
  return createHelpDesk({
    zendesk: { url: echoUrl, email: 'agent@demo.example', apiToken: 'zd-token', agentUserId: 1, subdomain: 'demo' },
    installation: { id: 'demo', appId: 1, name: 'Case Closer', version: '0.1.0', settings: { backend_url: echoUrl }, secureSettings: { shared_secret: SECRET, api_key: 'key-123' } },
    domainWhitelist: overrides.whitelist ?? [echoUrl],
    assetsDir: '/nonexistent',
    now: () => NOW,
    proxyTimeoutMs: overrides.timeoutMs ?? 2000,
  });
}

async function proxy(options: unknown, d = desk()): Promise<Record<string, unknown>> {
  const res = await d.app.request('/__helpdesk/proxy', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appGuid: 'g', options }) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const jwt = { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 120, claims: { iss: 'demo', sub: '7' } };

describe('request proxy', () => {
  it('signs the jwt option with the secure setting: verifiable with the secret, claims kept, exp from expiry', async () => {
    const r = await proxy({ url: `${echoUrl}/v1/tickets/101/case`, type: 'GET', secure: true, jwt });
    expect(r).toMatchObject({ ok: true, status: 200, responseJSON: { ok: true }, headers: { 'x-echo': 'yes' } });
    const token = seen[0]!.headers.authorization!.replace(/^Bearer /, '');
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: NOW });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toEqual({ iss: 'demo', sub: '7', iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 120 });
    await expect(jwtVerify(token, new TextEncoder().encode('another-secret-of-same-length!!'), { currentDate: NOW })).rejects.toThrow();
  });

  it('fills placeholders in the URL and headers of secure requests, never in the data', async () => {
    await proxy({
      url: '{{setting.backend_url}}/v1/echo',
      type: 'POST',
      contentType: 'application/json',
      headers: { 'X-Api-Key': '{{setting.api_key}}' },
      data: JSON.stringify({ note: 'customer wrote {{setting.shared_secret}}' }),
      secure: true,
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/echo', headers: { 'x-api-key': 'key-123', 'content-type': 'application/json' } });
    expect(seen[0]!.body).toBe('{"note":"customer wrote {{setting.shared_secret}}"}');
  });

  it('refuses placeholders without secure: true, and unknown settings, without calling anyone', async () => {
    expect(await proxy({ url: `${echoUrl}/x`, jwt })).toMatchObject({ ok: false, status: 400, responseText: expect.stringContaining('secure: true') });
    expect(await proxy({ url: `${echoUrl}/x`, secure: true, headers: { a: '{{setting.nope}}' } })).toMatchObject({ ok: false, status: 400, responseText: expect.stringContaining('"nope"') });
    expect(seen).toHaveLength(0);
  });

  it('only reaches whitelisted origins', async () => {
    const r = await proxy({ url: 'http://127.0.0.1:1/steal', secure: true, jwt }, desk({ whitelist: [echoUrl] }));
    expect(r).toMatchObject({ ok: false, status: 403, responseText: 'http://127.0.0.1:1 is not in the app\'s domainWhitelist' });
    expect(await proxy({ url: `${echoUrl}/x`, secure: true, jwt }, desk({ whitelist: [] }))).toMatchObject({ ok: false, status: 403 });
    expect(seen).toHaveLength(0);
  });

  it('answers status 0 when the target is unreachable or too slow', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const closed = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await new Promise<void>((r) => server.close(() => r()));
    expect(await proxy({ url: `${closed}/v1/x`, secure: true, jwt }, desk({ whitelist: [closed] }))).toEqual({ ok: false, status: 0, statusText: 'error', responseText: '', headers: {} });
    reply = 'hang';
    expect(await proxy({ url: `${echoUrl}/slow` }, desk({ timeoutMs: 150 }))).toMatchObject({ ok: false, status: 0 });
  });

  it('passes non-2xx answers back as failures with the body, like ZAF rejects', async () => {
    reply = { status: 409, body: { error: { code: 'stale_proposal', message: 'changed' } } };
    const r = await proxy({ url: `${echoUrl}/v1/cases/c/proposals/p/approve`, type: 'POST', contentType: 'application/json', data: '{}', secure: true, jwt, httpCompleteResponse: true });
    expect(r).toMatchObject({ ok: false, status: 409, statusText: 'Conflict', responseJSON: { error: { code: 'stale_proposal' } } });
    expect(r['responseText']).toBe('{"error":{"code":"stale_proposal","message":"changed"}}');
  });

  it('encodes data like jQuery: query string on GET, form on POST by default, JSON when asked', async () => {
    await proxy({ url: `${echoUrl}/q`, data: { a: 1, b: 'x y' } });
    await proxy({ url: `${echoUrl}/f`, type: 'POST', data: { a: 1 } });
    await proxy({ url: `${echoUrl}/j`, type: 'PUT', contentType: 'application/json', data: { a: 1 } });
    expect(seen.map((s) => [s.method, s.url, s.body, s.headers['content-type']])).toEqual([
      ['GET', '/q?a=1&b=x+y', '', undefined],
      ['POST', '/f', 'a=1', 'application/x-www-form-urlencoded; charset=UTF-8'],
      ['PUT', '/j', '{"a":1}', 'application/json'],
    ]);
  });

  it('sends relative /api/v2 URLs to the help desk\'s own API as the signed-in agent', async () => {
    await proxy({ url: '/api/v2/tickets/101.json' });
    expect(seen[0]).toMatchObject({ url: '/api/v2/tickets/101.json', headers: { authorization: `Basic ${Buffer.from('agent@demo.example/token:zd-token').toString('base64')}` } });
    expect(await proxy({ url: '/etc/passwd' })).toMatchObject({ ok: false, status: 400 });
  });
});
