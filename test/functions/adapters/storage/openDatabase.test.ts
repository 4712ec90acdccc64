// openDatabase: picks the engine from the config, keeps PGlite data in its folder across restarts.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { KyselyCaseStore } from '../../../../functions/src/adapters/storage/KyselyCaseStore.js';
import { MIGRATIONS } from '../../../../functions/src/adapters/storage/migrateToLatest.js';
import { openDatabase } from '../../../../functions/src/adapters/storage/openDatabase.js';
import { dropSchema, freshSchemaName, postgresUrl } from '../../../support/postgres.js';

const url = await postgresUrl();
const AT = '2026-11-20T12:00:00.000Z';

describe('openDatabase with PGlite', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('creates the data folder, and keeps cases and the migration record across a restart', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'case-closer-pglite-'));
    folders.push(folder);
    const dataDir = join(folder, 'nested', 'pglite');

    const first = await openDatabase({ dataDir });
    expect(first.engine).toBe('pglite');
    const store = new KyselyCaseStore(first.db);
    const { record } = await store.openCase({ id: 'case_1', installationId: 'i', ticketId: '101', at: AT });
    await first.close();
    expect((await stat(dataDir)).isDirectory()).toBe(true);

    const second = await openDatabase({ dataDir });
    try {
      expect(await new KyselyCaseStore(second.db).getCase('i', 'case_1')).toEqual(record);
      const names = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(second.db);
      expect(names.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    } finally {
      await second.close();
    }
  });

  it('chooses PGlite for anything but a postgres URL, and honours a schema there too', async () => {
    const opened = await openDatabase({ databaseUrl: '', dataDir: 'memory://', schema: 'tenant_data' });
    try {
      expect(opened.engine).toBe('pglite');
      const tables = await opened.db.introspection.getTables();
      expect(tables.filter((t) => t.schema === 'tenant_data').map((t) => t.name).sort()).toEqual([
        'case_events',
        'cases',
        'installations',
        'jobs',
      ]);
    } finally {
      await opened.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ dataDir: 'memory://', schema: 'x"; DROP SCHEMA public; --' })).rejects.toThrow(
      /invalid schema name/,
    );
  });
});

// Registered only when a server answers; test/support/postgres.ts fails CI and warns locally otherwise.
describe.each(url ? [url] : [])('openDatabase with PostgreSQL', (serverUrl) => {
  const schema = freshSchemaName('open_test');
  afterAll(() => dropSchema(serverUrl, schema));

  it('accepts the postgresql:// scheme and creates its schema', async () => {
    const opened = await openDatabase({ databaseUrl: serverUrl.replace(/^postgres(ql)?:/, 'postgresql:'), schema });
    try {
      expect(opened.engine).toBe('postgres');
      const { rows } = await sql<{ path: string }>`SELECT current_schema() AS path`.execute(opened.db);
      expect(rows[0]?.path).toBe(schema);
      const tables = await opened.db.introspection.getTables();
      expect(tables.filter((t) => t.schema === schema)).toHaveLength(4);
    } finally {
      await opened.close();
    }
  });
});
