// HelpDesk.createTicket over real HTTP: POST /api/v2/tickets.json with requester { email, name },
// the first comment written by the API user, and the sandbox's ticket.created webhook.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZendeskHelpDesk } from '../../../../functions/src/adapters/zendesk/ZendeskHelpDesk.js';
import { startSandbox, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createZendeskSandbox, type ZendeskSandbox } from '../../../../sandbox/zendesk/createZendeskSandbox.js';
import { demoZendeskWorld } from '../../../sandbox/zendesk/demoZendeskWorld.js';

describe('ZendeskHelpDesk.createTicket against the Zendesk sandbox', () => {
  let zendesk: ZendeskSandbox;
  let sb: SandboxHandle;
  let desk: ZendeskHelpDesk;
  let hook: Server;
  const received: { type: string; detail: { id: string; tags: string[] } }[] = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as (typeof received)[number]);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    zendesk = createZendeskSandbox(demoZendeskWorld(), { webhooks: [{ url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secret: 'webhook-secret-for-tests' }] });
    sb = await startSandbox(zendesk);
    desk = new ZendeskHelpDesk({ baseUrl: sb.url, email: 'caseclose@demo.example', apiToken: 'demo-zendesk-token', timeoutMs: 2_000 });
  });
  afterAll(async () => {
    await sb.close();
    await new Promise((r) => hook.close(r));
  });
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
    received.length = 0;
  });

  const input = (email: string, name: string) => ({
    requester: { email, name },
    subject: 'Your order ORD-1008 is running late',
    body: 'Hi Jane, we are sorry: your order ORD-1008 is late. Reply "cancel it" or "I\'ll wait".',
    tags: ['cc_proactive', 'cc_intent_shipping_delay', 'CC_ORDER_ORD-1008'],
    externalId: 'delay:ORD-1008:SHP-1008:2026-11-25T20:00:00.000Z',
  });

  it('opens a ticket for an existing customer, authored by the API user, with normalised tags', async () => {
    const res = await desk.createTicket(input('Jane.Cooper@example.com', 'Jane Cooper'));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value).toMatchObject({ subject: 'Your order ORD-1008 is running late', requesterId: '9001', status: 'new', channel: 'api' });
    expect(res.value.tags).toEqual(['cc_proactive', 'cc_intent_shipping_delay', 'cc_order_ord-1008']);
    const comments = await desk.listComments(res.value.id);
    expect(comments.ok && comments.value.map((c) => [c.authorId, c.public])).toEqual([['1', true]]);
    await zendesk.webhooksSettled();
    expect(received.map((e) => [e.type, e.detail.id])).toEqual([['zen:event-type:ticket.created', res.value.id]]);
  });

  it('finds the tickets opened with a reference, and none for another', async () => {
    const made = await desk.createTicket(input('jane.cooper@example.com', 'Jane Cooper'));
    expect(made.ok).toBe(true);
    const found = await desk.findTicketsByExternalId('delay:ORD-1008:SHP-1008:2026-11-25T20:00:00.000Z');
    expect(found.ok && found.value.map((t) => t.id)).toEqual([made.ok && made.value.id]);
    const none = await desk.findTicketsByExternalId('delay:ORD-1008:SHP-1008:2026-11-28T20:00:00.000Z');
    expect(none.ok && none.value).toEqual([]);
  });

  it('creates the requester when nobody has that email', async () => {
    const res = await desk.createTicket(input('new.customer@example.com', 'New Customer'));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const user = await desk.getUser(res.value.requesterId);
    expect(user.ok && [user.value.name, user.value.email]).toEqual(['New Customer', 'new.customer@example.com']);
  });

  it('finds a user by exact email, case-insensitively, and null for nobody', async () => {
    const marcus = await desk.findUserByEmail('MARCUS.LEE@example.com');
    expect(marcus.ok && marcus.value && [marcus.value.id, marcus.value.locale]).toEqual(['9002', 'es-ES']);
    expect(await desk.findUserByEmail('nobody@example.com')).toEqual({ ok: true, value: null });
    expect(await desk.findUserByEmail('lee@example.com')).toEqual({ ok: true, value: null });
  });

  it('maps a refused create to a non-retryable error and an outage to a retryable one', async () => {
    const bad = await desk.createTicket({ ...input('jane.cooper@example.com', 'Jane'), body: '   ' });
    expect(bad.ok ? 'ok' : `${bad.error.code}:${bad.error.retryable}`).toBe('invalid_request:false');
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'POST', path: '/api/v2/tickets.json', kind: 'status', status: 503 }) });
    const down = await desk.createTicket(input('jane.cooper@example.com', 'Jane'));
    expect(down.ok ? 'ok' : `${down.error.code}:${down.error.retryable}`).toBe('unavailable:true');
  });
});
