// τ²-bench's retail train tasks, replayed through the OrderSystem port over HTTP: the gold writes
// must leave exactly τ²'s expected records changed, and nothing else.
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpOrderSystem } from '../../../../functions/src/adapters/oms/HttpOrderSystem.js';
import { applyTau2Write, TAU2_WRITE_TOOLS } from '../../../../sandbox/worlds/tau2-retail/applyTau2Write.js';
import { loadTau2World, TAU2_OMS_KEY } from '../../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import { readTau2Db, type Tau2Db } from '../../../../sandbox/worlds/tau2-retail/tau2Records.js';
import { toTau2 } from '../../../../sandbox/worlds/tau2-retail/toTau2.js';
import { centsOf, loadTrainTasks, startTau2Oms, type Tau2Oms, type Tau2Task } from '../../../sandbox/oms/tau2Fixtures.js';

const tasks = loadTrainTasks().filter((t) => t.writes.length > 0);
const changedIds = <T>(after: Record<string, T>, before: Record<string, T>) => Object.keys(before).filter((id) => !isDeepStrictEqual(after[id], before[id]));

describe('τ² retail train tasks through HttpOrderSystem', () => {
  let db: Tau2Db;
  let oms: Tau2Oms;
  let port: HttpOrderSystem;

  beforeAll(async () => {
    db = readTau2Db();
    oms = await startTau2Oms(loadTau2World(db));
    port = new HttpOrderSystem({ baseUrl: oms.sb.url, apiKey: TAU2_OMS_KEY, timeoutMs: 5_000 });
  });
  afterAll(() => oms.sb.close());
  beforeEach(() => oms.reset());

  /** Applies the gold writes; the ones τ² itself fails on must fail here too, as a business refusal. */
  async function replay(task: Tau2Task) {
    const failing = new Map((task.writes_failing_on_replay ?? []).map((f) => [f.index, f]));
    for (const [i, write] of task.writes.entries()) {
      const res = await applyTau2Write(port, write, `tau2-${task.task_id}-${i}`);
      if (failing.has(i)) expect(res.ok ? 'ok' : res.error.code, `write ${i} (${write.name}) should fail like τ²`).toBe('declined');
      else expect(res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`, `write ${i} (${write.name})`).toBe('ok');
    }
    return toTau2(oms.dump());
  }

  it('covers every τ² write tool but payment changes with single-message tasks (payment changes: omsOrderChanges.test.ts)', () => {
    const feasible = tasks.filter((t) => t.feasible_single_message);
    expect(feasible.length).toBeGreaterThanOrEqual(12);
    const used = new Set(feasible.flatMap((t) => t.writes.map((w) => w.name)));
    expect([...used].sort()).toEqual(TAU2_WRITE_TOOLS.filter((t) => t !== 'modify_pending_order_payment').sort());
  });

  it.each(tasks.map((t) => [t.task_id, t.writes.map((w) => w.name).join(', '), t] as const))('task %s (%s) ends in τ²’s expected state', async (_id, _writes, task) => {
    const after = await replay(task);
    const { changed_orders, changed_users } = task.expected;
    expect(Object.keys(after.orders)).toEqual(Object.keys(db.orders));
    expect(Object.keys(after.users)).toEqual(Object.keys(db.users));
    expect(changedIds(after.orders, db.orders).sort()).toEqual(Object.keys(changed_orders).sort());
    expect(changedIds(after.users, db.users).sort()).toEqual(Object.keys(changed_users).sort());
    for (const [id, expected] of Object.entries(changed_orders)) expect(after.orders[id], id).toStrictEqual(centsOf(expected));
    for (const [id, expected] of Object.entries(changed_users)) expect(after.users[id], id).toStrictEqual(centsOf(expected));
  });

  it('replays a task idempotently: the same keys again change nothing more', async () => {
    const task = tasks.find((t) => t.task_id === '16')!;
    const once = await replay(task);
    const twice = await replay(task);
    expect(twice).toEqual(once);
  });

  describe('with per-item pricing instead of τ²’s last-variant quirk', () => {
    const quirky = tasks.filter((t) => t.items_quirk_sensitive);

    it.each(quirky.map((t) => [t.task_id, t] as const))('task %s prices each changed item as its own variant, and pays the same difference', async (_id, task) => {
      const world = loadTau2World(db);
      oms.reset({ ...world, quirks: { modify_items_uses_last_variant: false, cancel_refunds_every_transaction: true } });
      const after = await replay(task);
      const variants = new Map(Object.values(db.products).flatMap((p) => Object.values(p.variants).map((v) => [v.item_id, v] as const)));
      for (const [id, expected] of Object.entries(task.expected.changed_orders)) {
        const got = after.orders[id]!;
        expect(centsOf(got.payment_history)).toEqual(centsOf(expected.payment_history));
        expect(got.items.map((i) => i.item_id)).toEqual(expected.items.map((i) => i.item_id));
        for (const item of got.items) expect([item.price, item.options]).toEqual([variants.get(item.item_id)!.price, variants.get(item.item_id)!.options]);
        // The quirk is what the expected state shows: at least one item differs from its own variant.
        expect(expected.items.some((i) => i.price !== variants.get(i.item_id)!.price)).toBe(true);
      }
    });
  });
});
