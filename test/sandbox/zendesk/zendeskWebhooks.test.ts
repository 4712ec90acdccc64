import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createZendeskSandbox, type ZendeskSandbox } from '../../../sandbox/zendesk/createZendeskSandbox.js';
import { signWebhook } from '../../../sandbox/zendesk/signWebhook.js';
import { DEMO_AUTH, demoZendeskWorld } from './demoZendeskWorld.js';
import { startWebhookReceiver, zendeskSignatureIsValid, type WebhookReceiver } from './webhookReceiver.js';

const SECRET = 'whsec-test-secret';

describe('zendesk sandbox: event webhooks', () => {
  let zendesk: ZendeskSandbox;
  let sb: SandboxHandle;
  let receiver: WebhookReceiver;

  const put = (id: number, ticket: unknown) =>
    fetch(`${sb.url}/api/v2/tickets/${id}.json`, {
      method: 'PUT',
      headers: { authorization: DEMO_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ticket }),
    });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    zendesk = createZendeskSandbox(demoZendeskWorld(), { webhooks: [{ url: receiver.url, secret: SECRET }], webhookRetryDelaysMs: [5, 5, 5] });
    sb = await startSandbox(zendesk);
  });
  afterAll(async () => {
    await sb.close();
    await receiver.close();
  });
  beforeEach(() => zendesk.resetWorld(undefined));
  afterEach(() => {
    receiver.received.length = 0;
  });

  it('signs ticket.created with HMAC-SHA256 over timestamp + body, verifiable independently', async () => {
    const res = await fetch(`${sb.url}/api/v2/tickets.json`, {
      method: 'POST',
      headers: { authorization: DEMO_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ticket: { subject: 'Late parcel', comment: { body: 'Where is it?' }, requester_id: 9001 } }),
    });
    expect(res.status).toBe(201);
    await zendesk.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    const timestamp = headers['x-zendesk-webhook-signature-timestamp'] as string;
    expect(timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await zendeskSignatureIsValid(SECRET, timestamp, body, headers['x-zendesk-webhook-signature'] as string)).toBe(true);
    expect(await zendeskSignatureIsValid('other-secret', timestamp, body, headers['x-zendesk-webhook-signature'] as string)).toBe(false);
    expect(headers['x-zendesk-webhook-id']).toMatch(/^01[0-9A-Z]{24}$/);
    expect(headers['x-zendesk-webhook-invocation-id']).toMatch(/^\d+$/);
    const event = JSON.parse(body);
    expect(event).toMatchObject({
      type: 'zen:event-type:ticket.created',
      account_id: 24681357,
      zendesk_event_version: '2022-11-06',
      subject: 'zen:ticket:106',
      detail: { id: '106', subject: 'Late parcel', status: 'NEW', requester_id: '9001', tags: [], via: { channel: 'api' } },
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('matches the sandbox signer against an independent Web Crypto HMAC', async () => {
    const body = '{"say":"hello"}';
    const ts = '2026-11-20T11:00:00Z';
    expect(await zendeskSignatureIsValid('s3cret', ts, body, signWebhook('s3cret', ts, body))).toBe(true);
    expect(await zendeskSignatureIsValid('s3cret', ts, body + ' ', signWebhook('s3cret', ts, body))).toBe(false);
  });

  it('sends ticket.comment_added for a public requester follow-up, reopening a solved ticket', async () => {
    await put(101, { status: 'solved', comment: { body: 'Refunded 20%.', public: true } });
    await put(101, { comment: { body: 'Internal: all good', public: false } });
    await zendesk.webhooksSettled();
    expect(receiver.received).toHaveLength(0); // our own replies never come back as webhooks

    const res = await put(101, { comment: { body: 'Thanks, but I wanted the shipping back too.', public: true, author_id: 9001 } });
    expect(((await res.json()) as { ticket: { status: string } }).ticket.status).toBe('open');
    await zendesk.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
    const event = JSON.parse(receiver.received[0]!.body);
    expect(event).toMatchObject({
      type: 'zen:event-type:ticket.comment_added',
      detail: { id: '101', status: 'OPEN' },
      event: { comment: { body: 'Thanks, but I wanted the shipping back too.', is_public: true, author: { id: '9001', is_staff: false, name: 'Jane Cooper' } } },
    });
  });

  it('helpers play the customer: createTicket and addCustomerComment fire webhooks', async () => {
    const t = zendesk.createTicket({ requesterId: 9004, subject: 'Still waiting', body: 'Any news on ORD-9999?', channel: 'email' });
    zendesk.addCustomerComment(t.id, 'Hello?');
    await zendesk.webhooksSettled();
    expect(receiver.received.map((r) => JSON.parse(r.body).type)).toEqual(['zen:event-type:ticket.created', 'zen:event-type:ticket.comment_added']);
    expect(zendesk.ticket(t.id)!.comments.map((c) => c.body)).toEqual(['Any news on ORD-9999?', 'Hello?']);
  });

  it('retries 5xx with the same invocation id and body until it succeeds', async () => {
    receiver.respondWith(500, 503);
    const [delivery] = await zendesk.fireWebhook(102, 'ticket.created');
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(delivery!.delivered).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['x-zendesk-webhook-invocation-id']))).toEqual(new Set([delivery!.invocationId]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    for (const r of receiver.received) {
      const h = r.headers as Record<string, string>;
      expect(await zendeskSignatureIsValid(SECRET, h['x-zendesk-webhook-signature-timestamp']!, r.body, h['x-zendesk-webhook-signature']!)).toBe(true);
    }
  });

  it('gives up after the configured retries and does not retry a 4xx', async () => {
    receiver.respondWith(500, 500, 500, 500);
    const [failed] = await zendesk.fireWebhook(102, 'ticket.created');
    expect(failed!.attempts.map((a) => a.status)).toEqual([500, 500, 500, 500]);
    expect(failed!.delivered).toBe(false);

    receiver.respondWith(400);
    const [rejected] = await zendesk.fireWebhook(102, 'ticket.created');
    expect(rejected!.attempts.map((a) => a.status)).toEqual([400]);
    expect(rejected!.delivered).toBe(false);
  });

  it('records connection failures and retries them', async () => {
    const dead = createZendeskSandbox(demoZendeskWorld(), { webhooks: [{ url: 'http://127.0.0.1:1/nothing', secret: SECRET }], webhookRetryDelaysMs: [1, 1] });
    const [delivery] = await dead.fireWebhook(101, 'ticket.created');
    expect(delivery!.attempts).toHaveLength(3);
    expect(delivery!.attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
    expect(delivery!.delivered).toBe(false);
  });

  it('redelivers an invocation with the same id and body', async () => {
    const [first] = await zendesk.fireWebhook(103, 'ticket.comment_added');
    const again = await zendesk.redeliver(first!.invocationId);
    expect(again.invocationId).toBe(first!.invocationId);
    expect(again.attempts).toHaveLength(2);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['x-zendesk-webhook-invocation-id']).toBe(first!.invocationId);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    await expect(zendesk.redeliver('0')).rejects.toThrow(/no delivery/);
  });

  it('registers targets, fires and redelivers over the /__zendesk routes', async () => {
    const second = await startWebhookReceiver();
    try {
      const reg = await fetch(`${sb.url}/__zendesk/webhooks`, { method: 'POST', body: JSON.stringify({ url: second.url, secret: 'two' }) });
      expect(reg.status).toBe(201);
      const comment = await fetch(`${sb.url}/__zendesk/tickets/104/customer_comments`, { method: 'POST', body: JSON.stringify({ body: 'Any update?' }) });
      expect(comment.status).toBe(201);
      await zendesk.webhooksSettled();
      expect(second.received).toHaveLength(1);
      const h = second.received[0]!.headers as Record<string, string>;
      expect(await zendeskSignatureIsValid('two', h['x-zendesk-webhook-signature-timestamp']!, second.received[0]!.body, h['x-zendesk-webhook-signature']!)).toBe(true);

      const deliveries = (await (await fetch(`${sb.url}/__zendesk/deliveries`)).json()) as { invocationId: string; url: string }[];
      const mine = deliveries.find((d) => d.url === second.url)!;
      const redelivered = await fetch(`${sb.url}/__zendesk/deliveries/${mine.invocationId}/redeliver`, { method: 'POST' });
      expect(((await redelivered.json()) as { attempts: unknown[] }).attempts).toHaveLength(2);
      expect(second.received).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});
