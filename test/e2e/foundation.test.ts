// The foundation's promises, end to end over real HTTP: signed webhook → cited investigation →
// guarded proposal → approval → exactly-once action → verification → ticket updated → audit.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../functions/src/http/caseView.js';
import { e2eEngines, openStack, type Engine } from './stackFixture.js';

type Opened = Awaited<ReturnType<typeof openStack>>;
let opened: Opened | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

async function caseOf(o: Opened, ticketId: string): Promise<CaseView> {
  const r = await o.stack.sidebar(`/v1/tickets/${ticketId}/case`);
  expect(r.status).toBe(200);
  return (await r.json()) as CaseView;
}
const stripeWorld = async (o: Opened) => (await (await fetch(`${o.stack.stripe.url}/__sandbox/world`)).json()) as { refunds: { id: string; charge: string; amount: number; metadata: Record<string, string> }[] };
const zendeskTicket = async (o: Opened, id: number) => {
  const world = (await (await fetch(`${o.stack.zendesk.url}/__sandbox/world`)).json()) as { tickets: { id: number; tags: string[]; status: string; comments: { body: string; public: boolean }[] }[] };
  return world.tickets.find((t) => t.id === id)!;
};

describe.each(await e2eEngines())('foundation on %s', (engine: Engine) => {
  it('a signed late-delivery webhook and two racing approvals make exactly one verified refund and close the case', async () => {
    opened = await openStack(engine);
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();

    const before = await caseOf(opened, '101');
    expect(before.state).toBe('awaiting_approval');
    const late = before.facts.find((f) => f.key === 'delivery.daysLate');
    expect(late).toMatchObject({ value: 5, citations: [{ system: 'oms', recordType: 'shipment', recordId: 'SHP-1001' }] });
    expect(before.facts.find((f) => f.key === 'payment.refundable')?.citations[0]).toMatchObject({ system: 'stripe', recordId: 'ch_demo_1001' });
    const proposal = before.proposals[0]!;
    expect(proposal).toMatchObject({ status: 'pending', action: { type: 'billing.refund', amount: { amount: 1680, currency: 'usd' } }, decision: { kind: 'needs_approval', policy: { id: 'standard-retail', version: 1 } } });

    const approve = (agent: string) => stack.sidebar(`/v1/cases/${before.id}/proposals/${proposal.id}/approve`, { body: { contentHash: proposal.contentHash }, agentId: agent });
    const answers = await Promise.all([approve('1'), approve('2')]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { alreadyDecided: boolean }[];
    expect(bodies.map((b) => b.alreadyDecided).sort()).toEqual([false, true]);
    await stack.settle();

    const after = await caseOf(opened, '101');
    expect(after.state).toBe('closed');
    expect(after.proposals[0]).toMatchObject({ status: 'verified', execution: { verified: true } });
    const refunds = (await stripeWorld(opened)).refunds;
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ charge: 'ch_demo_1001', amount: 1680, metadata: { idempotency_key: `cc:${before.id}:r1.refund` } });
    expect(after.proposals[0]!.execution?.externalId).toBe(refunds[0]!.id);
    expect(after.timeline.map((t) => t.state)).toEqual(['intake', 'investigation', 'proposal', 'awaiting_approval', 'execution', 'verification', 'closed']);

    const ticket = await zendeskTicket(opened, 101);
    expect(ticket.status).toBe('solved');
    expect(ticket.tags).toEqual(expect.arrayContaining(['cc_case_late_delivery_refund', 'cc_resolved']));
    expect(ticket.comments.some((c) => !c.public && c.body.includes(refunds[0]!.id))).toBe(true);
    expect(ticket.comments.some((c) => c.public && c.body.includes('$16.80'))).toBe(true);

    const audit = (await (await stack.sidebar(`/v1/cases/${before.id}/audit`)).json()) as { chain: { ok: boolean }; events: { type: string; data: Record<string, unknown> }[] };
    expect(audit.chain.ok).toBe(true);
    const executed = audit.events.filter((e) => e.type === 'action.executed');
    expect(executed).toHaveLength(1);
    expect(executed[0]!.data).toMatchObject({ externalId: refunds[0]!.id, policy: { id: 'standard-retail', version: 1 }, approvedBy: { kind: 'agent' } });
    expect(audit.events.filter((e) => e.type === 'proposal.approved')).toHaveLength(1);
  });

  it('the same webhook delivered five times opens one case and investigates once', async () => {
    opened = await openStack(engine);
    const { stack } = opened;
    const [first] = await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    for (let i = 0; i < 4; i++) await stack.zendeskSandbox.redeliver(first!.invocationId);
    const delivery = stack.zendeskSandbox.deliveries().find((d) => d.invocationId === first!.invocationId)!;
    expect(delivery.attempts.map((a) => a.status)).toEqual([202, 202, 202, 202, 202]);
    await stack.settle();
    const view = await caseOf(opened, '101');
    const audit = (await (await stack.sidebar(`/v1/cases/${view.id}/audit`)).json()) as { events: { type: string }[] };
    const count = (type: string) => audit.events.filter((e) => e.type === type).length;
    expect([count('case.opened'), count('webhook.received'), count('investigation.started'), count('proposal.created')]).toEqual([1, 1, 1, 1]);
  });
});

describe('faults', () => {
  it("Zendesk carries out the closing reply but its answer is lost: the retry finds the reply and does not post it twice", async () => {
    opened = await openStack('pglite');
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();
    const view = await caseOf(opened, '101');
    stack.zendesk.faults.add({ method: 'PUT', path: '/api/v2/tickets/101.json', kind: 'lost_response', times: 1 });
    const p = view.proposals[0]!;
    await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/approve`, { body: { contentHash: p.contentHash } });
    await stack.settle();
    opened.clock.advance(60_000);
    await stack.settle();

    const done = await caseOf(opened, '101');
    expect(done.state).toBe('closed');
    const ticket = await zendeskTicket(opened, 101);
    expect(ticket.comments.filter((c) => c.public && c.body.includes('$16.80'))).toHaveLength(1);
    expect(ticket.status).toBe('solved');
    const { events } = (await (await stack.sidebar(`/v1/cases/${view.id}/audit`)).json()) as { events: { type: string; data: Record<string, unknown> }[] };
    expect(events.find((e) => e.type === 'reply.posted')!.data['found']).toBe('already on the ticket');
  });

  it('Stripe answers 500 twice, then succeeds: one refund, every attempt under the same key', async () => {
    opened = await openStack('pglite');
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();
    const view = await caseOf(opened, '101');
    stack.stripe.faults.add({ method: 'POST', path: '/v1/refunds', kind: 'status', status: 500, times: 2 });
    await stack.sidebar(`/v1/cases/${view.id}/proposals/${view.proposals[0]!.id}/approve`, { body: { contentHash: view.proposals[0]!.contentHash } });
    await stack.settle();
    for (let i = 0; i < 3 && (await caseOf(opened, '101')).state !== 'closed'; i++) {
      opened.clock.advance(60 * 60_000);
      await stack.settle();
    }
    expect((await caseOf(opened, '101')).state).toBe('closed');
    expect((await stripeWorld(opened)).refunds).toHaveLength(1);
    const posts = stack.stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(posts.map((r) => r.headers['idempotency-key']))).toEqual(new Set([`cc:${view.id}:r1.refund`]));
  });

  it('the OMS times out: the case waits on the system, tells when it retries, then completes', async () => {
    opened = await openStack('pglite');
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(102, 'ticket.created');
    await stack.settle();
    const view = await caseOf(opened, '102');
    stack.oms.faults.add({ method: 'POST', path: '/v1/orders/ORD-1002/cancel', kind: 'timeout', delayMs: 5000 });
    for (const p of view.proposals) await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/approve`, { body: { contentHash: p.contentHash } });
    await stack.settle();
    const waiting = await caseOf(opened, '102');
    expect(waiting.state).toBe('waiting_on_system');
    expect(waiting.waiting).toMatchObject({ system: 'oms' });
    expect(Date.parse(waiting.waiting!.retryAt!)).toBeGreaterThan(opened.clock.now().getTime());
    expect((await stripeWorld(opened)).refunds).toHaveLength(0);

    opened.clock.advance(60_000);
    await stack.settle();
    const done = await caseOf(opened, '102');
    expect(done.state).toBe('closed');
    expect(done.proposals.map((p) => p.status)).toEqual(['verified', 'verified']);
    expect((await stripeWorld(opened)).refunds).toHaveLength(1);
  });
});

describe('bad input', () => {
  const sign = (secret: string, ts: string, body: string) => createHmac('sha256', secret).update(ts + body).digest('base64');
  const post = (o: Opened, body: string, headers: Record<string, string>, installation = 'demo') =>
    fetch(`${o.stack.backend.url}/v1/webhooks/zendesk/${installation}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const event = JSON.stringify({ type: 'zen:event-type:ticket.created', id: 'evt-1', detail: { id: '101' } });

  it.each([
    ['a forged signature', (ts: string) => ({ 'x-zendesk-webhook-signature': sign('not-the-secret-0000000', ts, event), 'x-zendesk-webhook-signature-timestamp': ts }), 'invalid_signature'],
    ['a missing signature', (ts: string) => ({ 'x-zendesk-webhook-signature-timestamp': ts }), 'invalid_signature'],
    ['a stale timestamp', () => ({ 'x-zendesk-webhook-signature': sign('demo-webhook-secret-change-me', '2026-11-20T11:00:00Z', event), 'x-zendesk-webhook-signature-timestamp': '2026-11-20T11:00:00Z' }), 'stale_webhook'],
  ])('rejects a webhook with %s and stores nothing', async (_n, headers, code) => {
    opened = await openStack('pglite');
    const r = await post(opened, event, headers('2026-11-20T12:00:00Z'));
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: { code, requestId: expect.any(String) } });
    expect(await opened.stack.backend.deps.cases.findByTicket('demo', '101')).toBeNull();
  });

  it('rejects a signed but malformed webhook with 400 and stores nothing', async () => {
    opened = await openStack('pglite');
    const ts = '2026-11-20T12:00:00Z';
    const body = '{"type":"zen:event-type:ticket.created","detail":{}}';
    const r = await post(opened, body, { 'x-zendesk-webhook-signature': sign('demo-webhook-secret-change-me', ts, body), 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-invocation-id': 'inv-1' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect(await opened.stack.backend.deps.cases.findByTicket('demo', 'undefined')).toBeNull();
  });

  it("a staff comment (ours or an agent's) does not reopen the investigation; a customer's does", async () => {
    opened = await openStack('pglite');
    const ts = '2026-11-20T12:00:00Z';
    const comment = (isStaff: boolean, id: string) => JSON.stringify({
      type: 'zen:event-type:ticket.comment_added', id, detail: { id: '101' },
      event: { comment: { id: '9', body: 'Hi, could you confirm the order number?', is_public: true, author: { id: '1', is_staff: isStaff, name: 'Alex Agent' } } },
    });
    const send = (body: string, id: string) => post(opened!, body, { 'x-zendesk-webhook-signature': sign('demo-webhook-secret-change-me', ts, body), 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-invocation-id': id });
    const staff = await send(comment(true, 'inv-staff'), 'inv-staff');
    expect(staff.status).toBe(202);
    expect(await staff.json()).toEqual({ caseId: null, duplicate: false, ignored: 'staff_comment' });
    expect(await opened.stack.backend.deps.cases.findByTicket('demo', '101')).toBeNull();
    const customer = await send(comment(false, 'inv-customer'), 'inv-customer');
    expect(customer.status).toBe(202);
    expect(await opened.stack.backend.deps.cases.findByTicket('demo', '101')).not.toBeNull();
  });

  it('a webhook for a ticket that does not exist escalates the case with the reason instead of crashing', async () => {
    opened = await openStack('pglite');
    const ts = '2026-11-20T12:00:00Z';
    const body = JSON.stringify({ type: 'zen:event-type:ticket.created', id: 'evt-9', detail: { id: '999999' } });
    const r = await post(opened, body, { 'x-zendesk-webhook-signature': sign('demo-webhook-secret-change-me', ts, body), 'x-zendesk-webhook-signature-timestamp': ts, 'x-zendesk-webhook-invocation-id': 'inv-9' });
    expect(r.status).toBe(202);
    await opened.stack.settle();
    expect(await caseOf(opened, '999999')).toMatchObject({ state: 'escalated', escalation: { reason: 'ticket_not_found' } });
  });

  it('rejects sidebar calls without a JWT, or signed with another installation\'s secret, and keeps installations apart', async () => {
    opened = await openStack('pglite');
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();
    const url = `${stack.backend.url}/v1/tickets/101/case`;
    expect((await fetch(url)).status).toBe(401);
    const other = await fetch(`${stack.backend.url}/v1/installations/other`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-admin-token-change-me' },
      body: JSON.stringify({ id: 'other', subdomain: 'other', sharedSecret: 'secret-of-the-other-install', webhookSecret: 'webhook-of-the-other-install', connectors: { zendesk: { baseUrl: stack.zendesk.url, email: 'x', apiToken: 'y' }, stripe: { apiKey: 'sk_test_x' }, oms: { baseUrl: stack.oms.url, apiKey: 'z' } } }),
    });
    expect(other.status).toBe(200);
    const forged = await stack.sidebarToken('1', 'secret-of-the-other-install');
    const r = await fetch(url, { headers: { authorization: `Bearer ${forged}` } });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: { code: 'unauthorized' } });
    // A valid token of the other installation sees none of demo's cases.
    const { SignJWT } = await import('jose');
    const otherToken = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('other').setSubject('5').setExpirationTime(Math.floor(opened.clock.now().getTime() / 1000) + 600).sign(new TextEncoder().encode('secret-of-the-other-install'));
    expect((await fetch(url, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(404);
  });

  it('refuses a stale proposal hash and a deny without a reason label', async () => {
    opened = await openStack('pglite');
    const { stack } = opened;
    await stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
    await stack.settle();
    const view = await caseOf(opened, '101');
    const p = view.proposals[0]!;
    const stale = await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/approve`, { body: { contentHash: 'a'.repeat(64) } });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('stale_proposal');
    const noReason = await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/deny`, { body: { contentHash: p.contentHash } });
    expect(noReason.status).toBe(400);
    const denied = await stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/deny`, { body: { contentHash: p.contentHash, reason: 'wrong_policy', note: 'goodwill already given' } });
    expect(denied.status).toBe(200);
    const after = await caseOf(opened, '101');
    expect(after.proposals[0]).toMatchObject({ status: 'denied', denial: { reason: 'wrong_policy', note: 'goodwill already given', by: { kind: 'agent', id: '1' } } });
    expect((await stripeWorld(opened)).refunds).toHaveLength(0);
  });

  it('exports the audit trail as JSON lines', async () => {
    opened = await openStack('pglite');
    await opened.stack.zendeskSandbox.fireWebhook(104, 'ticket.created');
    await opened.stack.settle();
    const view = await caseOf(opened, '104');
    const r = await opened.stack.sidebar(`/v1/cases/${view.id}/audit?format=jsonl`);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
  });
});
