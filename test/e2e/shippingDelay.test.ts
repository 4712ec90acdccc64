// Proactive recovery of delayed shipments over the real sandboxes: the scheduled route scans the
// OMS, opens one Zendesk ticket per delayed shipment (however often it runs), the ticket's webhook
// opens the case, and the customer's reply decides: cancel (cancel + refund, approved, executed
// once, verified) or wait (closed, re-checked at the new delivery date plus the grace period).
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../functions/src/http/caseView.js';
import type { World } from '../../sandbox/worlds/loadWorld.js';
import { openStack } from './stackFixture.js';

const CRON_SECRET = 'cron-secret-for-the-tests';
type Opened = Awaited<ReturnType<typeof openStack>>;
let opened: Opened | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

interface WorldOrder {
  id: string;
  status: string;
  line_items: { id: string }[];
  shipments: Record<string, unknown>[];
}

/** ORD-1002 (not yet shipped, Marcus, es) waits in the warehouse, besides the demo world's own delays. */
const delayedOrders = (world: World) => {
  const orders = (world.oms as { orders: WorldOrder[] }).orders;
  const unshipped = orders.find((o) => o.id === 'ORD-1002')!;
  unshipped.shipments = [{
    id: 'SHP-1002', carrier: 'UPS', tracking_number: '1Z999AA10000001002', status: 'label_created', line_item_ids: ['LI-1002-1'],
    shipped_at: null, promised_delivery_at: '2026-11-18T20:00:00Z', estimated_delivery_at: '2026-11-27T20:00:00Z', delivered_at: null, events: [],
  }];
  // The demo world's own delays: ORD-1008 in transit (ETA Nov 25), ORD-1009 held (ETA Nov 27).
  expect(orders.find((o) => o.id === 'ORD-1008')!.shipments[0]!['estimated_delivery_at']).toBe('2026-11-25T20:00:00Z');
};

async function cronTick(o: Opened, body?: unknown): Promise<{ ran: number; scanned?: number }> {
  const r = await fetch(`${o.stack.backend.url}/v1/jobs/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CRON_SECRET}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(r.status).toBe(200);
  return (await r.json()) as { ran: number; scanned?: number };
}

interface DumpedTicket {
  id: number;
  tags: string[];
  requester_id: number;
  subject: string;
  description: string;
  comments: { author_id: number; body: string; public: boolean }[];
}

function proactiveTickets(o: Opened): DumpedTicket[] {
  const world = o.stack.zendeskSandbox.dumpWorld() as { tickets: DumpedTicket[] };
  return world.tickets.filter((t) => t.tags.includes('cc_proactive'));
}

async function caseOf(o: Opened, ticketId: number): Promise<CaseView> {
  const r = await o.stack.sidebar(`/v1/tickets/${ticketId}/case`);
  expect(r.status).toBe(200);
  return (await r.json()) as CaseView;
}

/** The scheduled route with the scan, run again and by two racing schedulers: still one ticket per delayed shipment. */
async function scanTwice(o: Opened): Promise<DumpedTicket[]> {
  const racing = await Promise.all([cronTick(o, { shippingDelayScan: ['demo'] }), cronTick(o, { shippingDelayScan: ['demo'] })]);
  expect(racing.map((r) => r.scanned)).toEqual([1, 1]);
  await o.stack.settle();
  await cronTick(o, { shippingDelayScan: ['demo'] });
  await o.stack.settle();
  const tickets = proactiveTickets(o);
  expect(tickets.map((t) => t.tags.find((x) => x.startsWith('cc_order_'))).sort()).toEqual(['cc_order_ord-1002', 'cc_order_ord-1008', 'cc_order_ord-1009']);
  return tickets;
}

const ticketFor = (tickets: DumpedTicket[], orderTag: string) => tickets.find((t) => t.tags.includes(orderTag))!;

describe('proactive shipping-delay recovery', () => {
  it('contacts each delayed shipment once; the customer chooses to cancel, and the order is cancelled and refunded', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, delayedOrders);
    const ticket = ticketFor(await scanTwice(opened), 'cc_order_ord-1002');
    expect(ticket.tags).toEqual(expect.arrayContaining(['cc_proactive', 'cc_intent_shipping_delay']));
    expect(ticket.requester_id).toBe(9002);
    expect(ticket.subject).toBe('Tu pedido ORD-1002 viene con retraso'); // Marcus's language, from his help-desk profile
    expect(ticket.description).toContain('27 de noviembre de 2026');
    // The outreach is ours (written by the API user), never the customer's words.
    expect(ticket.comments.filter((c) => c.public).map((c) => c.author_id)).toEqual([1]);
    expect(ticket.description).toContain('ORD-1002');

    // A held parcel is not a "wait or cancel" question: a person looks first.
    const held = await caseOf(opened, ticketFor(proactiveTickets(opened), 'cc_order_ord-1009').id);
    expect([held.state, held.escalation?.reason]).toEqual(['escalated', 'shipment_held']);

    const informed = await caseOf(opened, ticket.id);
    expect(informed.state).toBe('waiting_on_customer');
    expect(informed.caseType).toBe('shipping_delay_recovery');
    // The outreach already gave the new ETA and asked: no second draft of the same question.
    expect(informed.reply).toBeNull();
    expect(informed.proposals).toEqual([]);

    opened.stack.zendeskSandbox.addCustomerComment(ticket.id, 'Prefiero no esperar: por favor, cancélalo.');
    await opened.stack.settle();
    const proposed = await caseOf(opened, ticket.id);
    expect(proposed.intent).toBe('shipping_delay_cancel');
    expect(proposed.state).toBe('awaiting_approval');
    expect(proposed.proposals.map((p) => [p.action.type, p.status, p.action.amount?.amount ?? null])).toEqual([
      ['orders.cancel', 'pending', null],
      ['billing.refund', 'pending', 12900],
    ]);
    for (const p of proposed.proposals) {
      const r = await opened.stack.sidebar(`/v1/cases/${proposed.id}/proposals/${p.id}/approve`, { body: { contentHash: p.contentHash } });
      expect(r.status).toBe(200);
    }
    await opened.stack.settle();

    const done = await caseOf(opened, ticket.id);
    expect(done.state).toBe('closed');
    expect(done.proposals.map((p) => p.status)).toEqual(['verified', 'verified']);
    expect(done.actions.filter((a) => a.type === 'executed')).toHaveLength(2);
    expect(done.reply?.templateId).toBe('shipping_delay.cancelled');
    expect(done.reply?.postedAt).not.toBeNull();

    const order = (await (await fetch(`${opened.stack.oms.url}/v1/orders/ORD-1002`, { headers: { authorization: 'Bearer demo-oms-key' } })).json()) as { status: string; refunds: unknown[] };
    expect(order.status).toBe('cancelled');
    const charge = (await (await fetch(`${opened.stack.stripe.url}/v1/charges/ch_demo_1002`, { headers: { authorization: 'Bearer sk_test_sandbox' } })).json()) as { amount_refunded: number };
    expect(charge.amount_refunded).toBe(12900);

    // Scanning again after the cancellation contacts nobody.
    await cronTick(opened, { shippingDelayScan: ['demo'] });
    await opened.stack.settle();
    expect(proactiveTickets(opened)).toHaveLength(3);
  });

  it("an outreach whose Zendesk answer was lost is not sent twice: the retry finds the ticket by its reference", async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } });
    // Zendesk opens the first ticket, then the connection drops before its 201 arrives.
    opened.stack.zendesk.faults.add({ method: 'POST', path: '/api/v2/tickets.json', kind: 'lost_response', times: 1 });
    await cronTick(opened, { shippingDelayScan: ['demo'] });
    await opened.stack.settle();
    opened.clock.advance(60_000);
    await opened.stack.settle();
    const tickets = proactiveTickets(opened);
    expect(tickets.map((t) => t.tags.find((x) => x.startsWith('cc_order_'))).sort()).toEqual(['cc_order_ord-1008', 'cc_order_ord-1009']);
    const posts = (await (await fetch(`${opened.stack.zendesk.url}/__sandbox/requests`)).json()) as { method: string; path: string }[];
    const lookups = posts.filter((r) => r.method === 'GET' && r.path === '/api/v2/tickets.json');
    // Every outreach looked first; the one whose answer was lost found its ticket on the retry.
    expect(lookups.length).toBe(3);
    expect(posts.filter((r) => r.method === 'POST' && r.path === '/api/v2/tickets.json')).toHaveLength(2);
  });

  it('scans only installations that opted in: `true` scans them all, a named one that did not is refused', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET }, settings: { proactiveDelayOutreach: false } });
    const scan = (body: unknown) => fetch(`${opened!.stack.backend.url}/v1/jobs/run`, {
      method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const refused = await scan({ shippingDelayScan: ['demo'] });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('has not opted in');
    expect(await (await scan({ shippingDelayScan: true })).json()).toEqual({ ran: 0 });
    await opened.stack.settle();
    expect(proactiveTickets(opened)).toEqual([]);

    // The team lead opts in: the next scan of every opted-in installation contacts the delayed orders.
    const inst = (await opened.stack.backend.deps.installations.get('demo'))!;
    await opened.stack.backend.deps.installations.save({ ...inst, settings: { ...inst.settings, proactiveDelayOutreach: true } });
    expect(await (await scan({ shippingDelayScan: true })).json()).toMatchObject({ scanned: 1 });
    await opened.stack.settle();
    expect(proactiveTickets(opened).length).toBeGreaterThan(0);
  });

  it('refuses to cancel a parcel already in transit, with the reason drafted for the agent', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, delayedOrders);
    const ticket = ticketFor(await scanTwice(opened), 'cc_order_ord-1008');
    const unknown = await fetch(`${opened.stack.backend.url}/v1/jobs/run`, {
      method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}`, 'content-type': 'application/json' }, body: JSON.stringify({ shippingDelayScan: ['demo', 'nope'] }),
    });
    expect(unknown.status).toBe(400);
    opened.stack.zendeskSandbox.addCustomerComment(ticket.id, 'Please cancel it.');
    await opened.stack.settle();
    const refused = await caseOf(opened, ticket.id);
    expect(refused.state).toBe('closed');
    expect(refused.proposals).toEqual([]);
    expect(refused.reply?.templateId).toBe('shipping_delay.refused_in_transit');
    expect(refused.reply?.body).toContain("can't be cancelled");
  });

  it('the customer waits: closed, and re-checked at the new date plus grace; still not delivered goes to a person', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, delayedOrders);
    const ticket = ticketFor(await scanTwice(opened), 'cc_order_ord-1008');
    // The outreach gives the new ETA; the case drafts nothing more until the customer answers.
    expect(ticket.description).toContain('November 25, 2026');
    expect((await caseOf(opened, ticket.id)).reply).toBeNull();

    opened.stack.zendeskSandbox.addCustomerComment(ticket.id, "No problem, I'll wait for it.");
    await opened.stack.settle();
    const waiting = await caseOf(opened, ticket.id);
    expect(waiting.state).toBe('closed');
    expect(waiting.reply?.templateId).toBe('shipping_delay.keep_coming');

    expect(await cronTick(opened)).toEqual({ ran: 0 }); // the re-check is due at Nov 25 20:00 + 48 h
    opened.clock.advance(7 * 24 * 3_600_000); // Nov 27 12:00: not yet
    expect(await cronTick(opened)).toEqual({ ran: 0 });
    opened.clock.advance(24 * 3_600_000); // Nov 28 12:00
    expect((await cronTick(opened)).ran).toBe(1);

    const overdue = await caseOf(opened, ticket.id);
    expect(overdue.state).toBe('escalated');
    expect(overdue.escalation).toMatchObject({ reason: 'delivery_overdue' });
    expect(opened.stack.zendeskSandbox.ticket(ticket.id)!.tags).toContain('cc_reason_delivery_overdue');
  });

  it('the customer waits and the parcel arrives: the re-check finds it delivered and the case stays closed', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, delayedOrders);
    const ticket = ticketFor(await scanTwice(opened), 'cc_order_ord-1008');
    opened.stack.zendeskSandbox.addCustomerComment(ticket.id, 'Ok, keep it coming, I will wait.');
    await opened.stack.settle();
    expect((await caseOf(opened, ticket.id)).state).toBe('closed');

    // The carrier delivers on Nov 25.
    const oms = opened.stack.oms.url;
    const world = (await (await fetch(`${oms}/__sandbox/world`)).json()) as { orders: WorldOrder[] };
    Object.assign(world.orders.find((o) => o.id === 'ORD-1008')!.shipments[0]!, { status: 'delivered', delivered_at: '2026-11-25T15:00:00Z' });
    expect((await fetch(`${oms}/__sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(world) })).status).toBeLessThan(300);

    opened.clock.advance(8 * 24 * 3_600_000);
    expect((await cronTick(opened)).ran).toBe(1);
    const after = await caseOf(opened, ticket.id);
    expect(after.state).toBe('closed');
    expect(after.escalation).toBeNull();
  });
});
