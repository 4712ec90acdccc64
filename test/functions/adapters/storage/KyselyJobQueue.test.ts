// KyselyJobQueue on both engines: dedupe, leasing without double delivery, expiry, settling only under
// the lease held, retries, the end states.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KyselyJobQueue, LEASE_EXPIRED_ERROR } from '../../../../functions/src/adapters/storage/KyselyJobQueue.js';
import type { OpenDatabase } from '../../../../functions/src/adapters/storage/openDatabase.js';
import type { EnqueueInput } from '../../../../functions/src/ports/JobQueue.js';
import { storageEngines } from './engines.js';

const engines = await storageEngines();

const uid = (prefix: string) => `${prefix}_${globalThis.crypto.randomUUID().slice(0, 8)}`;
const T0 = new Date('2026-11-20T12:00:00.000Z');
const after = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function input(changes: Partial<EnqueueInput> = {}): EnqueueInput {
  return {
    id: uid('job'),
    installationId: 'inst_1',
    kind: 'investigate',
    caseId: 'case_1',
    payload: { ticketId: '101', reasons: ['new_ticket'] },
    runAt: T0.toISOString(),
    ...changes,
  };
}

describe.each(engines)('KyselyJobQueue on $name', (engine) => {
  let handle: OpenDatabase;
  let queue: KyselyJobQueue;
  let otherQueue: KyselyJobQueue;

  beforeAll(async () => {
    handle = await engine.open();
    queue = new KyselyJobQueue(handle.db);
    otherQueue = new KyselyJobQueue((await engine.open()).db);
  });
  afterAll(() => engine.dispose());
  // claimDue looks at every installation's jobs: each test starts from an empty queue.
  beforeEach(async () => {
    await handle.db.deleteFrom('jobs').execute();
  });

  it('enqueues a job and hands it back as written', async () => {
    const job = input({ runAt: '2026-11-20T12:00:00Z', dedupeKey: 'investigate:case_1' });
    const { job: stored, created } = await queue.enqueue(job);
    expect(created).toBe(true);
    expect(stored).toEqual({
      id: job.id,
      installationId: 'inst_1',
      kind: 'investigate',
      caseId: 'case_1',
      payload: { ticketId: '101', reasons: ['new_ticket'] },
      runAt: '2026-11-20T12:00:00.000Z',
      attempts: 0,
      dedupeKey: 'investigate:case_1',
      lastError: null,
    });
  });

  it('returns the first job for a repeated dedupe key, per installation', async () => {
    const first = await queue.enqueue(input({ dedupeKey: 'follow_up:case_1' }));
    const again = await queue.enqueue(input({ dedupeKey: 'follow_up:case_1', payload: { other: true } }));
    expect(again).toEqual({ job: first.job, created: false });
    const elsewhere = await queue.enqueue(input({ installationId: 'inst_2', dedupeKey: 'follow_up:case_1' }));
    expect(elsewhere.created).toBe(true);
    // Jobs without a key never collide.
    const plain = await Promise.all([queue.enqueue(input()), queue.enqueue(input())]);
    expect(plain.map((p) => p.created)).toEqual([true, true]);
    expect(await handle.db.selectFrom('jobs').select('id').execute()).toHaveLength(4);
  });

  it('keeps one job when the same dedupe key is enqueued concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => (i % 2 ? queue : otherQueue).enqueue(input({ dedupeKey: 'execute:p1' }))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.job.id)).size).toBe(1);
  });

  it('claims only due jobs, oldest first, up to the limit, and leases them', async () => {
    const late = await queue.enqueue(input({ runAt: after(30).toISOString() }));
    const early = await queue.enqueue(input({ runAt: after(-60).toISOString() }));
    const future = await queue.enqueue(input({ runAt: after(3600).toISOString() }));
    expect(await queue.claimDue(T0, 10, after(300))).toEqual([{ ...early.job, lease: after(300).toISOString() }]);
    expect(await queue.claimDue(after(60), 10, after(300))).toEqual([{ ...late.job, lease: after(300).toISOString() }]);
    expect(await queue.claimDue(after(60), 10, after(300))).toEqual([]);
    expect(await queue.claimDue(after(7200), 0, after(9000))).toEqual([]);
    const row = await handle.db.selectFrom('jobs').selectAll().where('id', '=', late.job.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('running');
    expect(row.locked_until?.toISOString()).toBe(after(300).toISOString());
    expect(future.created).toBe(true);
  });

  it('never gives the same job to two concurrent claimers', async () => {
    for (let round = 0; round < 3; round += 1) {
      const ids = (
        await Promise.all(Array.from({ length: 7 }, () => queue.enqueue(input({ runAt: after(-10).toISOString() }))))
      ).map((r) => r.job.id);
      const [a, b] = await Promise.all([queue.claimDue(T0, 4, after(60)), otherQueue.claimDue(T0, 4, after(60))]);
      const jobs = [...a!, ...b!];
      const claimed = jobs.map((j) => j.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual([...ids].sort());
      expect(await Promise.all(jobs.map((j) => queue.complete(j)))).toEqual(jobs.map(() => true));
    }
  });

  it('makes a job claimable again once its lease has expired, counting the lost attempt', async () => {
    const { job } = await queue.enqueue(input());
    expect(await queue.claimDue(T0, 1, after(60))).toHaveLength(1);
    expect(await queue.claimDue(after(59), 1, after(120))).toEqual([]);
    const [again] = await queue.claimDue(after(60), 1, after(120));
    expect(again).toEqual({ ...job, attempts: 1, lastError: LEASE_EXPIRED_ERROR, lease: after(120).toISOString() });
  });

  it('a runner that outlived its lease cannot settle the job: the runner holding it now decides', async () => {
    await queue.enqueue(input());
    const [slow] = await queue.claimDue(T0, 1, after(60));
    const [fresh] = await otherQueue.claimDue(after(61), 1, after(180));
    expect(fresh!.id).toBe(slow!.id);
    expect(await queue.complete(slow!)).toBe(false);
    expect(await queue.reschedule(slow!, after(600), 'late')).toBe(false);
    expect(await queue.fail(slow!, 'late')).toBe(false);
    const row = await handle.db.selectFrom('jobs').select(['status', 'locked_until']).where('id', '=', slow!.id).executeTakeFirstOrThrow();
    expect([row.status, row.locked_until?.toISOString()]).toEqual(['running', after(180).toISOString()]);
    expect(await otherQueue.complete(fresh!)).toBe(true);
    // Settled once: a second settle under the same lease changes nothing.
    expect(await otherQueue.fail(fresh!, 'twice')).toBe(false);
    expect((await handle.db.selectFrom('jobs').select('status').where('id', '=', slow!.id).executeTakeFirstOrThrow()).status).toBe('done');
  });

  it('reschedules a job for later with one more attempt and the error', async () => {
    const { job } = await queue.enqueue(input());
    const [first] = await queue.claimDue(T0, 1, after(60));
    expect(await queue.reschedule(first!, after(600), 'oms unavailable')).toBe(true);
    expect(await queue.claimDue(after(599), 1, after(700))).toEqual([]);
    const [retry] = await queue.claimDue(after(600), 1, after(700));
    expect(retry).toEqual({ ...job, runAt: after(600).toISOString(), attempts: 1, lastError: 'oms unavailable', lease: after(700).toISOString() });
    await queue.reschedule(retry!, after(900), 'still down');
    const [third] = await queue.claimDue(after(900), 1, after(1000));
    expect(third?.attempts).toBe(2);
  });

  it('never hands out completed or failed jobs again, and keeps them for inspection', async () => {
    const done = await queue.enqueue(input());
    const dead = await queue.enqueue(input());
    const leased = await queue.claimDue(T0, 2, after(60));
    const held = (id: string) => leased.find((j) => j.id === id)!;
    await queue.complete(held(done.job.id));
    await queue.fail(held(dead.job.id), 'declined: order already shipped');
    expect(await queue.claimDue(after(10_000), 10, after(20_000))).toEqual([]);
    const rows = await handle.db
      .selectFrom('jobs')
      .select(['id', 'status', 'last_error', 'locked_until'])
      .orderBy('status')
      .execute();
    expect(rows).toEqual([
      { id: dead.job.id, status: 'dead', last_error: 'declined: order already shipped', locked_until: null },
      { id: done.job.id, status: 'done', last_error: null, locked_until: null },
    ]);
  });

  it('refuses to settle a job that does not exist', async () => {
    const missing = { id: 'job_missing', lease: after(60).toISOString() };
    await expect(queue.complete(missing)).rejects.toThrow(/does not exist/);
    await expect(queue.reschedule(missing, T0, 'x')).rejects.toThrow(/does not exist/);
    await expect(queue.fail(missing, 'x')).rejects.toThrow(/does not exist/);
  });
});
