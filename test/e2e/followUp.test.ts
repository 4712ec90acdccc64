// Follow-ups run without a browser: a refund that is still pending is re-checked later by the
// scheduled route, which closes the case when it settled or hands it to a person when it failed;
// a customer's thanks on a solved case keeps it closed, anything else they write is looked at.
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

const pendingRefunds = (world: World) => {
  const charges = (world.stripe as { charges: { id: string; refund_outcome?: string }[] }).charges;
  charges.find((c) => c.id === 'ch_demo_1001')!.refund_outcome = 'pending';
};

async function caseOf(o: Opened): Promise<CaseView> {
  return (await (await o.stack.sidebar('/v1/tickets/101/case')).json()) as CaseView;
}

async function approveLateDeliveryRefund(o: Opened): Promise<CaseView> {
  await o.stack.zendeskSandbox.fireWebhook(101, 'ticket.created');
  await o.stack.settle();
  const view = await caseOf(o);
  const p = view.proposals[0]!;
  await o.stack.sidebar(`/v1/cases/${view.id}/proposals/${p.id}/approve`, { body: { contentHash: p.contentHash } });
  await o.stack.settle();
  return caseOf(o);
}

/** What a platform scheduler does: call the cron route with its secret. */
async function cronTick(o: Opened): Promise<number> {
  const r = await fetch(`${o.stack.backend.url}/v1/jobs/run`, { method: 'POST', headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { ran: number }).ran;
}

async function settleRefund(o: Opened, refundId: string, status: 'succeeded' | 'failed') {
  const r = await fetch(`${o.stack.stripe.url}/__sandbox/stripe/refunds/${refundId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status }) });
  expect(r.status).toBe(200);
}

describe('follow-ups', () => {
  it('re-checks a pending refund later and closes the case once it settled', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, pendingRefunds);
    const waiting = await approveLateDeliveryRefund(opened);
    expect(waiting.state).toBe('follow_up');
    expect(waiting.proposals[0]!.status).toBe('executed');
    const refundId = waiting.proposals[0]!.execution!.externalId!;

    expect(await cronTick(opened)).toBe(0); // nothing is due before the follow-up time
    await settleRefund(opened, refundId, 'succeeded');
    opened.clock.advance(25 * 3_600_000);
    expect(await cronTick(opened)).toBeGreaterThan(0);

    const closed = await caseOf(opened);
    expect(closed.state).toBe('closed');
    expect(closed.proposals[0]!.status).toBe('verified');
    expect(closed.actions.map((a) => a.type)).toEqual(['executed', 'pending_verification', 'verified']);
  });

  it('hands the case to a person when the pending refund failed', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } }, pendingRefunds);
    const waiting = await approveLateDeliveryRefund(opened);
    await settleRefund(opened, waiting.proposals[0]!.execution!.externalId!, 'failed');
    opened.clock.advance(25 * 3_600_000);
    await cronTick(opened);
    const after = await caseOf(opened);
    expect(after.state).toBe('escalated');
    expect(after.escalation).toMatchObject({ reason: 'action_failed' });
    expect(after.proposals[0]!.status).toBe('failed');
    expect(after.reply?.postedAt ?? null).toBeNull();
  });

  it("a customer's thanks keeps a solved case closed and solves the ticket again; a new message is investigated", async () => {
    opened = await openStack('pglite');
    const closed = await approveLateDeliveryRefund(opened);
    expect(closed.state).toBe('closed');
    const z = opened.stack.zendeskSandbox;
    const status = () => (z.dumpWorld() as { tickets: { id: number; status: string }[] }).tickets.find((t) => t.id === 101)!.status;

    z.addCustomerComment(101, 'Thank you so much, got it! Jane');
    await opened.stack.settle();
    const thanked = await caseOf(opened);
    expect([thanked.state, thanked.escalation, thanked.proposals.length]).toEqual(['closed', null, 1]);
    expect(status()).toBe('solved');
    const { events } = (await (await opened.stack.sidebar(`/v1/cases/${closed.id}/audit`)).json()) as { events: { type: string; actor: { kind: string } }[] };
    expect(events.filter((e) => e.type === 'followup.acknowledged').map((e) => e.actor.kind)).toEqual(['customer']);
    expect(events.filter((e) => e.type === 'investigation.started')).toHaveLength(1);

    z.addCustomerComment(101, 'Thanks, but the running socks were missing from the box.');
    await opened.stack.settle();
    const after = (await (await opened.stack.sidebar(`/v1/cases/${closed.id}/audit`)).json()) as { events: { type: string }[] };
    expect(after.events.filter((e) => e.type === 'investigation.started')).toHaveLength(2);
    expect((await caseOf(opened)).state).not.toBe('closed');
  });

  it('refuses the scheduled route without the scheduler secret', async () => {
    opened = await openStack('pglite', { env: { CRON_SECRET } });
    const r = await fetch(`${opened.stack.backend.url}/v1/jobs/run`, { method: 'POST', headers: { authorization: 'Bearer wrong' } });
    expect(r.status).toBe(401);
  });
});
