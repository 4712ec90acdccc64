import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZendeskHelpDesk } from '../../../../functions/src/adapters/zendesk/ZendeskHelpDesk.js';
import { startSandbox, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createZendeskSandbox, type ZendeskSandbox } from '../../../../sandbox/zendesk/createZendeskSandbox.js';
import { demoZendeskWorld } from '../../../sandbox/zendesk/demoZendeskWorld.js';

describe('ZendeskHelpDesk over HTTP against the Zendesk sandbox', () => {
  let zendesk: ZendeskSandbox;
  let sb: SandboxHandle;
  let desk: ZendeskHelpDesk;

  beforeAll(async () => {
    zendesk = createZendeskSandbox(demoZendeskWorld());
    sb = await startSandbox(zendesk);
    desk = new ZendeskHelpDesk({ baseUrl: `${sb.url}/`, email: 'caseclose@demo.example', apiToken: 'demo-zendesk-token', timeoutMs: 2_000 });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('reads a ticket into the port shape', async () => {
    expect(await desk.getTicket('101')).toEqual({
      ok: true,
      value: {
        id: '101',
        subject: 'My order ORD-1001 arrived a week late',
        description:
          'Hi, my order ORD-1001 was supposed to arrive on Nov 8 but only came on Nov 13. I needed the shoes for a race. Can I get something back for the delay?',
        status: 'new',
        tags: [],
        customFields: {},
        requesterId: '9001',
        organizationId: null,
        groupId: null,
        channel: 'email',
        createdAt: '2026-11-20T11:00:00Z',
        updatedAt: '2026-11-20T11:00:00Z',
        link: `${sb.url}/agent/tickets/101`,
      },
    });
  });

  it('sends API-token Basic auth', async () => {
    await desk.getTicket('102');
    const sent = sb.requests.at(-1)!;
    expect(Buffer.from(sent.headers.authorization!.replace('Basic ', ''), 'base64').toString()).toBe('caseclose@demo.example/token:demo-zendesk-token');
  });

  it('reads the requester, the organization and the comments', async () => {
    expect(await desk.getUser('9003')).toEqual({
      ok: true,
      value: { id: '9003', name: 'Ana Souza', email: 'ana.souza@acme.example', organizationId: '7001', tags: [], locale: 'pt-BR', link: `${sb.url}/agent/users/9003` },
    });
    expect(await desk.getOrganization('7001')).toEqual({
      ok: true,
      value: { id: '7001', name: 'Acme Corp', tags: ['vip', 'enterprise'], link: `${sb.url}/agent/organizations/7001` },
    });
    const comments = await desk.listComments('102');
    expect(comments.ok && comments.value).toEqual([
      { id: expect.any(String), authorId: '9002', body: 'Hola, quiero cancelar mi pedido ORD-1002, lo compré por error. Gracias.', public: true, createdAt: '2026-11-20T11:30:00Z' },
    ]);
  });

  it('updates a ticket: adds tags without dropping others, sets group, fields, status and an internal note', async () => {
    zendesk.resetWorld({ ...demoZendeskWorld(), tickets: demoZendeskWorld().tickets!.map((t) => (t.id === 101 ? { ...t, tags: ['existing'] } : t)) });
    const res = await desk.updateTicket('101', {
      status: 'pending',
      addTags: ['case_closer', 'late_delivery'],
      groupId: '360002',
      customFields: { '360000100001': 'ORD-1001' },
      comment: { body: 'Proposed a 20% refund.', public: false },
    });
    expect(res.ok && res.value).toMatchObject({
      id: '101',
      status: 'pending',
      tags: ['existing', 'case_closer', 'late_delivery'],
      groupId: '360002',
      customFields: { '360000100001': 'ORD-1001' },
    });
    expect(JSON.parse(sb.requests.at(-1)!.body)).toEqual({
      ticket: {
        status: 'pending',
        additional_tags: ['case_closer', 'late_delivery'],
        group_id: 360002,
        custom_fields: [{ id: 360000100001, value: 'ORD-1001' }],
        comment: { body: 'Proposed a 20% refund.', public: false },
      },
    });
    const comments = await desk.listComments('101');
    expect(comments.ok && comments.value.at(-1)).toMatchObject({ authorId: '1', body: 'Proposed a 20% refund.', public: false });
  });

  it('searches Help Center articles: best match first, plain text, article links', async () => {
    const res = await desk.searchArticles('refund policy');
    expect(res.ok).toBe(true);
    const articles = res.ok ? res.value : [];
    expect(articles[0]).toEqual({
      id: '360050000001',
      title: 'Refund policy',
      body: expect.stringMatching(/^We refund the full order amount.*20% of the order total as compensation for the delay\.$/),
      snippet: expect.stringMatching(/^We refund the full order amount/),
      locale: 'en-us',
      labels: ['refund', 'returns', 'money back'],
      updatedAt: '2025-01-15T10:00:00Z',
      link: `${sb.url}/hc/en-us/articles/360050000001-refund-policy`,
    });
    expect(articles.map((a) => a.body).join(' ')).not.toMatch(/<\/?p>/);
    expect(await desk.searchArticles('zebra')).toEqual({ ok: true, value: [] });
  });

  it('article search passes the locale and reports a failing Help Center as a ConnectorError', async () => {
    // The demo articles are en-us only: the sandbox filters by the locale the adapter sends.
    expect(await desk.searchArticles('refund', { locale: 'pt-br' })).toEqual({ ok: true, value: [] });
    const english = await desk.searchArticles('refund', { locale: 'en-us' });
    expect(english.ok && english.value[0]!.id).toBe('360050000001');
    expect(sb.requests.at(-1)!.path).toBe('/api/v2/help_center/articles/search.json');
    sb.faults.add({ path: '/api/v2/help_center/articles/search.json', kind: 'status', status: 503 });
    const res = await desk.searchArticles('refund');
    expect(res.ok ? null : [res.error.system, res.error.code, res.error.retryable]).toEqual(['zendesk', 'unavailable', true]);
  });

  describe('expected failures come back as ConnectorErrors', () => {
    it.each([
      ['a missing ticket', () => desk.getTicket('999'), 'not_found'],
      ['a missing user', () => desk.getUser('424242'), 'not_found'],
      ['a non-numeric id', () => desk.getTicket('ORD-1001'), 'invalid_request'],
      ['an unknown group (422)', () => desk.updateTicket('101', { groupId: '424242' }), 'invalid_request'],
      ['a non-numeric custom field id', () => desk.updateTicket('101', { customFields: { order: 'x' } }), 'invalid_request'],
    ] as const)('%s', async (_name, run, code) => {
      const res = await run();
      expect(res.ok ? null : { system: res.error.system, code: res.error.code }).toEqual({ system: 'zendesk', code });
    });

    it('refuses a non-numeric id before sending anything', async () => {
      const before = sb.requests.length;
      expect((await desk.getUser('jane@example.com')).ok).toBe(false);
      expect(sb.requests.length).toBe(before);
    });

    it('wrong credentials → auth_failed, not retryable', async () => {
      const wrong = new ZendeskHelpDesk({ baseUrl: sb.url, email: 'caseclose@demo.example', apiToken: 'stale', timeoutMs: 2_000 });
      const res = await wrong.getTicket('101');
      expect(res.ok ? null : [res.error.code, res.error.retryable, res.error.status]).toEqual(['auth_failed', false, 401]);
    });

    it.each([
      [500, 'unavailable', true],
      [503, 'unavailable', true],
      [429, 'rate_limited', true],
      [409, 'conflict', true],
      [403, 'auth_failed', false],
    ])('injected %i → %s (retryable %s)', async (status, code, retryable) => {
      sb.faults.add({ path: '/api/v2/tickets/101.json', kind: 'status', status });
      const res = await desk.getTicket('101');
      expect(res.ok ? null : [res.error.code, res.error.retryable, res.error.status]).toEqual([code, retryable, status]);
    });

    it('a hung request → timeout after timeoutMs', async () => {
      const impatient = new ZendeskHelpDesk({ baseUrl: sb.url, email: 'caseclose@demo.example', apiToken: 'demo-zendesk-token', timeoutMs: 150 });
      sb.faults.add({ path: '/api/v2/tickets/101.json', kind: 'timeout' });
      const res = await impatient.getTicket('101');
      expect(res.ok ? null : [res.error.code, res.error.retryable]).toEqual(['timeout', true]);
    });

    it('a dropped connection → unavailable, and the next call works', async () => {
      sb.faults.add({ path: '/api/v2/tickets/101/comments.json', kind: 'reset' });
      const res = await desk.listComments('101');
      expect(res.ok ? null : [res.error.code, res.error.retryable]).toEqual(['unavailable', true]);
      expect((await desk.listComments('101')).ok).toBe(true);
    });

    it('a failed update changes nothing', async () => {
      sb.faults.add({ method: 'PUT', path: '/api/v2/tickets/101.json', kind: 'status', status: 502 });
      expect((await desk.updateTicket('101', { addTags: ['x'] })).ok).toBe(false);
      expect(zendesk.ticket(101)!.tags).toEqual([]);
    });
  });
});
