import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createZendeskSandbox } from '../../../sandbox/zendesk/createZendeskSandbox.js';
import { DEMO_AUTH, demoZendeskWorld } from './demoZendeskWorld.js';

describe('zendesk sandbox: Support API', () => {
  let sb: SandboxHandle;
  const api = async (method: string, path: string, body?: unknown, auth: string | null = DEMO_AUTH) => {
    const res = await fetch(`${sb.url}${path}`, {
      method,
      headers: { ...(auth ? { authorization: auth } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    sb = await startSandbox(createZendeskSandbox(demoZendeskWorld()));
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  });

  describe('authentication', () => {
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    it.each([
      ['no header', null],
      ['wrong token', basic('caseclose@demo.example/token:nope')],
      ['unknown email', basic('someone@demo.example/token:demo-zendesk-token')],
      ['password instead of token', basic('caseclose@demo.example:demo-zendesk-token')],
      ['bearer', 'Bearer demo-zendesk-token'],
    ])('refuses %s with 401', async (_name, auth) => {
      expect(await api('GET', '/api/v2/tickets/101.json', undefined, auth)).toEqual({ status: 401, body: { error: "Couldn't authenticate you" } });
    });
  });

  it('serves a seeded ticket in Zendesk shape', async () => {
    const { status, body } = await api('GET', '/api/v2/tickets/101.json');
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({
      id: 101,
      url: `${sb.url}/api/v2/tickets/101.json`,
      subject: 'My order ORD-1001 arrived a week late',
      status: 'new',
      requester_id: 9001,
      organization_id: null,
      tags: [],
      via: { channel: 'email' },
      created_at: '2026-11-20T11:00:00Z',
    });
    expect(body.ticket.description).toContain('supposed to arrive on Nov 8');
  });

  it('takes the organization of the requester', async () => {
    expect((await api('GET', '/api/v2/tickets/103.json')).body.ticket.organization_id).toBe(7001);
  });

  it('lists tickets newest first', async () => {
    const { body } = await api('GET', '/api/v2/tickets.json');
    expect(body.tickets.map((t: { id: number }) => t.id)).toEqual([105, 104, 102, 101, 103]);
    expect(body).toMatchObject({ count: 5, next_page: null });
  });

  it.each(['/api/v2/tickets/999.json', '/api/v2/users/12345.json', '/api/v2/organizations/1.json', '/api/v2/tickets/999/comments.json'])(
    'answers %s with RecordNotFound',
    async (path) => {
      expect(await api('GET', path)).toEqual({ status: 404, body: { error: 'RecordNotFound', description: 'Not found' } });
    },
  );

  it('serves users, organizations and groups', async () => {
    const ana = (await api('GET', '/api/v2/users/9003.json')).body.user;
    expect(ana).toMatchObject({ id: 9003, name: 'Ana Souza', email: 'ana.souza@acme.example', locale: 'pt-BR', organization_id: 7001, role: 'end-user' });
    const org = (await api('GET', '/api/v2/organizations/7001.json')).body.organization;
    expect(org).toMatchObject({ id: 7001, name: 'Acme Corp', tags: ['vip', 'enterprise'] });
    const groups = (await api('GET', '/api/v2/groups.json')).body.groups;
    expect(groups.map((g: { id: number; name: string }) => [g.id, g.name])).toEqual([
      [360001, 'Tier 2 Escalations'],
      [360002, 'Support'],
    ]);
  });

  it('starts each seeded ticket with its description as the first public comment', async () => {
    const { body } = await api('GET', '/api/v2/tickets/102/comments.json');
    expect(body.comments).toHaveLength(1);
    expect(body.comments[0]).toMatchObject({ author_id: 9002, public: true, body: expect.stringContaining('cancelar mi pedido') });
  });

  it('applies an update and returns the ticket with its audit; later reads see it', async () => {
    const { status, body } = await api('PUT', '/api/v2/tickets/101.json', {
      ticket: {
        comment: { body: 'Checked the order: 5 days late.', public: false },
        additional_tags: ['case_closer', 'Late Delivery'],
        group_id: 360002,
        custom_fields: [{ id: 360000100001, value: 'ORD-1001' }],
      },
    });
    expect(status).toBe(200);
    expect(body.ticket).toMatchObject({ id: 101, group_id: 360002, tags: ['case_closer', 'late', 'delivery'], custom_fields: [{ id: 360000100001, value: 'ORD-1001' }] });
    // An agent's update takes a new ticket to open, as in Zendesk.
    expect(body.ticket.status).toBe('open');
    expect(body.audit.events.map((e: { type: string; field_name?: string }) => e.field_name ?? e.type)).toEqual(
      expect.arrayContaining(['Comment', 'status', 'group_id', 'tags', '360000100001']),
    );
    const comments = (await api('GET', '/api/v2/tickets/101/comments.json')).body.comments;
    expect(comments.at(-1)).toMatchObject({ author_id: 1, public: false, body: 'Checked the order: 5 days late.' });
    expect((await api('GET', '/api/v2/tickets/101.json')).body.ticket.tags).toEqual(['case_closer', 'late', 'delivery']);
  });

  it('replaces tags with `tags`, removes with `remove_tags`, and sets an explicit status', async () => {
    await api('PUT', '/api/v2/tickets/102.json', { ticket: { tags: ['a', 'b', 'c'] } });
    const { body } = await api('PUT', '/api/v2/tickets/102.json', { ticket: { remove_tags: ['b'], status: 'pending' } });
    expect(body.ticket).toMatchObject({ tags: ['a', 'c'], status: 'pending' });
  });

  it('assigns the solving agent when a ticket is solved', async () => {
    const { body } = await api('PUT', '/api/v2/tickets/104.json', { ticket: { status: 'solved', comment: { body: 'Done', public: true } } });
    expect(body.ticket).toMatchObject({ status: 'solved', assignee_id: 1 });
  });

  it.each([
    ['an unknown status', { status: 'archived' }, 'status'],
    ['going back to new', { status: 'new' }, 'status'],
    ['an unknown group', { group_id: 424242 }, 'group'],
    ['a blank comment', { comment: { body: '   ' } }, 'comment'],
    ['an unknown comment author', { comment: { body: 'hi', author_id: 5555 } }, 'comment'],
    ['a malformed custom field', { custom_fields: [{ id: 'x', value: 1 }] }, 'custom_fields'],
  ])('refuses %s with 422 and changes nothing', async (_name, ticket, field) => {
    await api('PUT', '/api/v2/tickets/101.json', { ticket: { status: 'open' } });
    const { status, body } = await api('PUT', '/api/v2/tickets/101.json', { ticket });
    expect(status).toBe(422);
    expect(body).toMatchObject({ error: 'RecordInvalid', details: { [field]: [expect.objectContaining({ description: expect.any(String) })] } });
    expect((await api('GET', '/api/v2/tickets/101/comments.json')).body.comments).toHaveLength(1);
  });

  it('freezes closed tickets', async () => {
    await api('PUT', '/api/v2/tickets/101.json', { ticket: { status: 'closed' } });
    const { status, body } = await api('PUT', '/api/v2/tickets/101.json', { ticket: { additional_tags: ['x'] } });
    expect(status).toBe(422);
    expect(body.details.status[0].description).toContain('closed prevents ticket update');
  });

  it('needs the {ticket} envelope', async () => {
    expect((await api('PUT', '/api/v2/tickets/101.json', { status: 'open' })).status).toBe(400);
  });

  it('creates tickets, finding or creating the requester by email', async () => {
    const created = await api('POST', '/api/v2/tickets.json', {
      ticket: { subject: 'Hello', comment: { body: 'Where is my parcel?' }, requester: { name: 'New Person', email: 'new.person@example.com' }, tags: ['web'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.ticket).toMatchObject({ id: 106, subject: 'Hello', status: 'new', tags: ['web'], via: { channel: 'api' } });
    const user = (await api('GET', `/api/v2/users/${created.body.ticket.requester_id}.json`)).body.user;
    expect(user).toMatchObject({ name: 'New Person', email: 'new.person@example.com' });
    expect((await api('GET', '/api/v2/tickets.json')).body.tickets[0].id).toBe(106);
    const again = await api('POST', '/api/v2/tickets.json', { ticket: { comment: { body: 'Me again' }, requester: { email: 'NEW.person@example.com' } } });
    expect(again.body.ticket.requester_id).toBe(user.id);
  });

  it('refuses a ticket without a description', async () => {
    expect((await api('POST', '/api/v2/tickets.json', { ticket: { subject: 'x', requester_id: 9001 } })).status).toBe(422);
  });

  it('adds tags through the Tags API', async () => {
    expect(await api('PUT', '/api/v2/tickets/103/tags.json', { tags: ['vip_case'] })).toEqual({ status: 200, body: { tags: ['vip_case'] } });
    expect((await api('PUT', '/api/v2/tickets/103/tags.json', { tags: ['second'] })).body.tags).toEqual(['vip_case', 'second']);
  });

  it('searches Help Center articles', async () => {
    const refund = await api('GET', '/api/v2/help_center/articles/search.json?query=refund%20for%20a%20late%20delivery');
    expect(refund.status).toBe(200);
    expect(refund.body.results.map((r: { title: string }) => r.title).slice(0, 2)).toEqual(
      expect.arrayContaining(['Refund policy', 'Shipping delays and late deliveries']),
    );
    const cancel = await api('GET', '/api/v2/help_center/articles/search.json?query=cancel');
    expect(cancel.body.results[0]).toMatchObject({ title: 'Cancelling an order', html_url: expect.stringContaining('/hc/en-us/articles/360050000003') });
    expect((await api('GET', '/api/v2/help_center/articles/search.json?query=zebra')).body.results).toEqual([]);
    expect((await api('GET', '/api/v2/help_center/articles/search.json')).status).toBe(400);
  });

  it('resets to the seed over /__sandbox/reset', async () => {
    await api('PUT', '/api/v2/tickets/101.json', { ticket: { status: 'solved' } });
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
    expect((await api('GET', '/api/v2/tickets/101.json')).body.ticket.status).toBe('new');
  });

  it('dumps a world that loads back unchanged', async () => {
    await api('PUT', '/api/v2/tickets/102.json', { ticket: { comment: { body: 'note', public: false }, additional_tags: ['x'] } });
    const dumped = await (await fetch(`${sb.url}/__sandbox/world`)).json();
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(dumped) });
    expect(await (await fetch(`${sb.url}/__sandbox/world`)).json()).toEqual(dumped);
    expect((await api('GET', '/api/v2/tickets/102/comments.json')).body.comments).toHaveLength(2);
  });
});
