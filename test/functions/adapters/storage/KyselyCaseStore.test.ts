// KyselyCaseStore on both engines: idempotent open, optimistic commit, the event log, tenancy, spend.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KyselyCaseStore } from '../../../../functions/src/adapters/storage/KyselyCaseStore.js';
import type { OpenDatabase } from '../../../../functions/src/adapters/storage/openDatabase.js';
import {
  GENESIS_HASH,
  sealEvents,
  verifyChain,
  type AuditEvent,
  type AuditEventDraft,
} from '../../../../functions/src/domain/audit.js';
import { emptyCaseData, type CaseRecord, type CaseSnapshot } from '../../../../functions/src/domain/caseRecord.js';
import { storageEngines } from './engines.js';

const engines = await storageEngines();

const uid = (prefix: string) => `${prefix}_${globalThis.crypto.randomUUID().slice(0, 8)}`;
const AT = '2026-11-20T12:00:00.000Z';

function draft(type: string, data: Record<string, unknown> = {}, at = AT): AuditEventDraft {
  return { type, at, actor: { kind: 'agent', id: '1' }, data };
}

/** Seals drafts after the case's head, as the engine does. */
function seal(record: CaseRecord, drafts: AuditEventDraft[]): Promise<AuditEvent[]> {
  const { id: caseId, installationId, version, lastHash } = record;
  return sealEvents({ caseId, installationId, version, lastHash }, drafts);
}

function snapshot(record: CaseRecord, changes: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return { state: record.state, caseType: record.caseType, data: record.data, updatedAt: record.updatedAt, ...changes };
}

describe.each(engines)('KyselyCaseStore on $name', (engine) => {
  let handle: OpenDatabase;
  let other: OpenDatabase;
  let store: KyselyCaseStore;
  let otherStore: KyselyCaseStore;

  beforeAll(async () => {
    handle = await engine.open();
    other = await engine.open();
    store = new KyselyCaseStore(handle.db);
    otherStore = new KyselyCaseStore(other.db);
  });
  afterAll(() => engine.dispose());

  async function openFresh(installationId = uid('inst')): Promise<CaseRecord> {
    const { record } = await store.openCase({ id: uid('case'), installationId, ticketId: uid('t'), at: AT });
    return record;
  }

  /** Appends drafts to the case as the engine would: seal after the head, commit at its version. */
  async function append(record: CaseRecord, drafts: AuditEventDraft[], changes: Partial<CaseSnapshot> = {}) {
    const events = await seal(record, drafts);
    const next = snapshot(record, changes);
    const result = await store.commit(record.installationId, record.id, record.version, next, events);
    if (!result.ok) throw new Error(`unexpected ${result.error.code}`);
    return { record: result.value, events };
  }

  it('opens a new case at version 0 in intake with an empty snapshot and the genesis hash', async () => {
    const input = { id: uid('case'), installationId: uid('inst'), ticketId: '101', at: AT };
    const { record, created } = await store.openCase(input);
    expect(created).toBe(true);
    expect(record).toEqual({
      id: input.id,
      installationId: input.installationId,
      ticketId: '101',
      state: 'intake',
      caseType: null,
      data: emptyCaseData(),
      version: 0,
      lastHash: GENESIS_HASH,
      createdAt: AT,
      updatedAt: AT,
    });
    expect(await store.getCase(input.installationId, input.id)).toEqual(record);
    expect(await store.findByTicket(input.installationId, '101')).toEqual(record);
  });

  it('returns timestamps as ISO strings in UTC with milliseconds', async () => {
    const { record } = await store.openCase({
      id: uid('case'),
      installationId: uid('inst'),
      ticketId: '1',
      at: '2026-11-20T13:00:00+01:00',
    });
    expect(record.createdAt).toBe('2026-11-20T12:00:00.000Z');
  });

  it('opens one case when five callers open the same ticket at once', async () => {
    const installationId = uid('inst');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        (i % 2 === 0 ? store : otherStore).openCase({ id: uid(`case${i}`), installationId, ticketId: '555', at: AT }),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    const rows = await handle.db
      .selectFrom('cases')
      .select('id')
      .where('installation_id', '=', installationId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('commits events and the snapshot together and advances version and head hash', async () => {
    const record = await openFresh();
    const data = { ...record.data, intent: 'late_delivery', missing: ['order.id'] };
    const { record: next, events } = await append(record, [draft('case.opened'), draft('intent.classified')], {
      state: 'investigation',
      caseType: 'late_delivery',
      data,
      updatedAt: '2026-11-20T12:05:00.000Z',
    });
    expect(next).toMatchObject({
      version: 2,
      lastHash: events[1]?.hash,
      state: 'investigation',
      caseType: 'late_delivery',
      data,
      updatedAt: '2026-11-20T12:05:00.000Z',
      createdAt: AT,
    });
    expect(await store.getCase(record.installationId, record.id)).toEqual(next);
  });

  it('gives back events in seq order exactly as written, and the chain verifies', async () => {
    const record = await openFresh();
    const first = await append(record, [
      // No milliseconds and an offset: the stored event must keep the exact string its hash covers.
      draft('case.opened', { ticket: { id: '101', tags: ['a', 'b'] } }, '2026-11-20T12:00:00Z'),
      { type: 'note.added', at: '2026-11-20T13:00:00.5+01:00', actor: { kind: 'system', id: null }, data: {} },
    ]);
    const second = await append(first.record, [
      draft('action.executed', {
        amount: { amount: 8400, currency: 'usd' },
        ok: true,
        nested: { list: [1, null, 'x'] },
      }),
    ]);
    const written: AuditEvent[] = [...first.events, ...second.events];
    const read = await store.listEvents(record.installationId, record.id);
    expect(read).toEqual(written);
    expect(read.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await verifyChain(read)).toEqual({ ok: true, count: 3, head: second.record.lastHash });
  });

  it('lets exactly one of two concurrent writers at the same version win', async () => {
    const record = await openFresh();
    const [a, b] = await Promise.all([
      seal(record, [draft('writer.a')]),
      seal(record, [draft('writer.b')]),
    ]);
    const results = await Promise.all([
      store.commit(record.installationId, record.id, 0, snapshot(record, { caseType: 'a' }), a),
      otherStore.commit(record.installationId, record.id, 0, snapshot(record, { caseType: 'b' }), b),
    ]);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toEqual([{ ok: false, error: { code: 'version_conflict' } }]);
    const events = await store.listEvents(record.installationId, record.id);
    expect(events).toHaveLength(1);
    const stored = await store.getCase(record.installationId, record.id);
    expect(stored?.version).toBe(1);
    // Snapshot and log come from the same writer: the loser's transaction left nothing behind.
    expect(stored?.caseType).toBe(events[0]?.type === 'writer.a' ? 'a' : 'b');
  });

  it('answers version_conflict to a writer whose expected version is stale', async () => {
    const record = await openFresh();
    await append(record, [draft('case.opened')]);
    const stale = await seal(record, [draft('late.write')]);
    const result = await store.commit(record.installationId, record.id, 0, snapshot(record), stale);
    expect(result).toEqual({ ok: false, error: { code: 'version_conflict' } });
    expect(await store.listEvents(record.installationId, record.id)).toHaveLength(1);
  });

  it.each([
    ['a seq that does not follow the version', (e: AuditEvent[]) => [{ ...e[0]!, seq: 5 }]],
    ['events of another case', (e: AuditEvent[]) => [{ ...e[0]!, caseId: 'case_other' }]],
    ['a first event not chained to the stored head', (e: AuditEvent[]) => [{ ...e[0]!, prevHash: 'f'.repeat(64) }]],
  ])('refuses %s as a bug, writing nothing', async (_name, corrupt) => {
    const record = await openFresh();
    const events = corrupt(await seal(record, [draft('case.opened')]));
    await expect(store.commit(record.installationId, record.id, 0, snapshot(record), events)).rejects.toThrow(/commit/);
    expect(await store.getCase(record.installationId, record.id)).toEqual(record);
    expect(await store.listEvents(record.installationId, record.id)).toEqual([]);
  });

  it.each([
    ['UPDATE', sql`UPDATE case_events SET type = 'forged'`],
    ['DELETE', sql`DELETE FROM case_events`],
    ['TRUNCATE', sql`TRUNCATE case_events`],
  ])('rejects %s of stored events: the log is append-only', async (_name, statement) => {
    const record = await openFresh();
    await append(record, [draft('case.opened')]);
    await expect(statement.execute(handle.db)).rejects.toThrow(/append-only/);
    const events = await store.listEvents(record.installationId, record.id);
    expect(events.map((e) => e.type)).toEqual(['case.opened']);
  });

  it('never shows or changes one installation’s case to another', async () => {
    const record = await openFresh('inst_a_' + uid('x'));
    const { record: committed } = await append(record, [
      draft('action.executed', { amount: { amount: 500, currency: 'usd' } }),
    ]);
    const intruder = uid('inst_b');
    expect(await store.getCase(intruder, record.id)).toBeNull();
    expect(await store.findByTicket(intruder, record.ticketId)).toBeNull();
    expect(await store.listEvents(intruder, record.id)).toEqual([]);
    expect(await store.spendSince(intruder, '2000-01-01T00:00:00.000Z', 'usd')).toBe(0);
    const forged = await seal({ ...committed, installationId: intruder }, [draft('forged')]);
    await expect(store.commit(intruder, record.id, committed.version, snapshot(committed), forged)).rejects.toThrow(
      /does not exist/,
    );
    // The same ticket number in another installation is another case.
    const theirs = await store.openCase({
      id: uid('case'),
      installationId: intruder,
      ticketId: record.ticketId,
      at: AT,
    });
    expect(theirs.created).toBe(true);
    expect(theirs.record.id).not.toBe(record.id);
    expect(await store.getCase(record.installationId, record.id)).toEqual(committed);
  });

  it('sums executed amounts in one currency from a point in time on, as a number', async () => {
    const installationId = uid('inst');
    const spend = (amount: unknown, currency: string, at: string, type = 'action.executed') =>
      draft(type, { amount: { amount, currency } }, at);
    const record = await openFresh(installationId);
    const { record: r2 } = await append(record, [
      spend(10_000, 'usd', '2026-11-19T23:59:59.999Z'), // before the window
      spend(1_000, 'usd', '2026-11-20T00:00:00.000Z'), // at the boundary: counts
      spend(2_500, 'usd', '2026-11-20T09:00:00Z'),
      spend(700, 'eur', '2026-11-20T09:00:00Z'),
      spend(9_999, 'usd', '2026-11-20T09:00:00Z', 'action.proposed'),
      spend('oops', 'usd', '2026-11-20T09:00:00Z'),
    ]);
    const second = await openFresh(installationId);
    await append(second, [spend(400, 'usd', '2026-11-20T10:00:00Z')]);
    await append(r2, [draft('action.executed', { note: 'moved no money' }, '2026-11-20T11:00:00Z')]);
    const elsewhere = await openFresh();
    await append(elsewhere, [spend(50_000, 'usd', '2026-11-20T10:00:00Z')]);

    const since = '2026-11-20T00:00:00.000Z';
    const total = await store.spendSince(installationId, since, 'usd');
    expect(total).toBe(3_900);
    expect(typeof total).toBe('number');
    expect(await store.spendSince(installationId, since, 'eur')).toBe(700);
    expect(await store.spendSince(installationId, since, 'gbp')).toBe(0);
    expect(await store.spendSince(installationId, '2026-11-20T09:30:00Z', 'usd')).toBe(400);
  });
});
