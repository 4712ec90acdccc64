// Schema migrations on both engines: forward-only, recorded once, incremental, atomic, and the
// constraints the schema promises actually hold.
import { sql, type Migration, type RawBuilder } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../../../functions/src/adapters/storage/migrateToLatest.js';
import { storageEngines, type EngineHandle } from './engines.js';

const engines = await storageEngines();

const migrationNames = async (handle: EngineHandle) =>
  (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(handle.db)).rows.map(
    (r) => r.name,
  );
const optionsOf = (handle: EngineHandle) => (handle.schema ? { schema: handle.schema } : {});

describe('MIGRATIONS', () => {
  it('are forward-only and listed in the order they apply', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    for (const migration of Object.values(MIGRATIONS)) {
      expect(typeof migration.up).toBe('function');
      expect(migration.down).toBeUndefined();
    }
  });
});

describe.each(engines)('migrations on $name', (engine) => {
  afterAll(() => engine.dispose());

  it('creates the four tables and records every migration on open', async () => {
    const handle = await engine.open();
    expect(handle.engine).toBe(engine.name);
    const tables = await handle.db.introspection.getTables();
    const ours = tables.filter((t) => (handle.schema ? t.schema === handle.schema : true)).map((t) => t.name);
    expect(ours.sort()).toEqual(['case_events', 'cases', 'installations', 'jobs']);
    expect(await migrationNames(handle)).toEqual(Object.keys(MIGRATIONS));
  });

  it('applies nothing the second time, and reopening keeps the data', async () => {
    const first = await engine.open();
    await first.db
      .insertInto('jobs')
      .values({
        id: 'job_kept',
        installation_id: 'i',
        kind: 'investigate',
        case_id: null,
        payload: '{}',
        run_at: '2026-11-20T12:00:00Z',
        dedupe_key: null,
        last_error: null,
      })
      .execute();
    expect(await migrateToLatest(first.db, optionsOf(first))).toEqual([]);
    const reopened = await engine.open();
    expect(await migrationNames(reopened)).toEqual(Object.keys(MIGRATIONS));
    const kept = await reopened.db.selectFrom('jobs').select('id').where('id', '=', 'job_kept').execute();
    expect(kept).toEqual([{ id: 'job_kept' }]);
  });

  it('applies a later migration alone, and only once', async () => {
    const handle = await engine.openIsolated();
    const probe: Migration = {
      async up(db) {
        await db.schema.createTable('probe').addColumn('id', 'integer').execute();
      },
    };
    const next = { ...MIGRATIONS, '9001_probe': probe };
    const results = await migrateToLatest(handle.db, { ...optionsOf(handle), migrations: next });
    expect(results).toEqual([{ migrationName: '9001_probe', direction: 'Up', status: 'Success' }]);
    expect(await migrateToLatest(handle.db, { ...optionsOf(handle), migrations: next })).toEqual([]);
    expect(await migrationNames(handle)).toEqual([...Object.keys(MIGRATIONS), '9001_probe']);
  });

  it('rolls a failing migration back whole and names it', async () => {
    const handle = await engine.openIsolated();
    const broken: Migration = {
      async up(db) {
        await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('boom');
      },
    };
    await expect(
      migrateToLatest(handle.db, { ...optionsOf(handle), migrations: { ...MIGRATIONS, '9002_broken': broken } }),
    ).rejects.toThrow(/9002_broken failed: boom/);
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    expect(await migrationNames(handle)).toEqual(Object.keys(MIGRATIONS));
  });

  const CASE = sql`INSERT INTO cases
    (id, installation_id, ticket_id, state, version, last_hash, schema_version, data, created_at, updated_at)`;
  const JOB = sql`INSERT INTO jobs (id, installation_id, kind, payload, run_at, status, dedupe_key)`;
  const HASH = '0'.repeat(64);
  const violations: Array<[string, RawBuilder<unknown>[]]> = [
    ['a second case for the same ticket', [
      sql`${CASE} VALUES ('c1', 'i1', 't1', 'intake', 0, ${HASH}, 1, '{}', now(), now())`,
      sql`${CASE} VALUES ('c2', 'i1', 't1', 'intake', 0, ${HASH}, 1, '{}', now(), now())`,
    ]],
    ['a negative case version', [sql`${CASE} VALUES ('c3', 'i1', 't3', 'intake', -1, ${HASH}, 1, '{}', now(), now())`]],
    ['a hash that is not 64 characters', [
      sql`${CASE} VALUES ('c4', 'i1', 't4', 'intake', 0, 'abc', 1, '{}', now(), now())`,
    ]],
    ['an event of a case that does not exist', [
      sql`INSERT INTO case_events VALUES ('i1', 'nope', 1, 'x', now(), 'now', '{}', '{}', ${HASH}, ${HASH})`,
    ]],
    ['an event naming a case of another installation', [
      sql`${CASE} VALUES ('c5', 'i1', 't5', 'intake', 0, ${HASH}, 1, '{}', now(), now())`,
      sql`INSERT INTO case_events VALUES ('i2', 'c5', 1, 'x', now(), 'now', '{}', '{}', ${HASH}, ${HASH})`,
    ]],
    ['a job in an unknown status', [
      sql`${JOB} VALUES ('j1', 'i1', 'investigate', '{}', now(), 'paused', null)`,
    ]],
    ['a running job without a lease', [
      sql`${JOB} VALUES ('j2', 'i1', 'investigate', '{}', now(), 'running', null)`,
    ]],
    ['a second job with the same dedupe key', [
      sql`${JOB} VALUES ('j3', 'i1', 'investigate', '{}', now(), 'queued', 'k')`,
      sql`${JOB} VALUES ('j4', 'i1', 'investigate', '{}', now(), 'queued', 'k')`,
    ]],
  ];

  // Every case uses ids of its own, so all share the suite's database.
  it.each(violations)('refuses %s', async (_name, statements) => {
    const handle = await engine.open();
    const setup = statements.slice(0, -1);
    for (const statement of setup) await statement.execute(handle.db);
    await expect(statements.at(-1)!.execute(handle.db)).rejects.toThrow(/violates/);
  });
});
