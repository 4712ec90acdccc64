// The database engines every storage suite runs on: PGlite in memory, and PostgreSQL in a fresh
// schema of its own (dropped afterwards) when a server is reachable — see test/support/postgres.ts.
import { openDatabase, type OpenDatabase } from '../../../../functions/src/adapters/storage/openDatabase.js';
import { dropSchema, freshSchemaName, postgresUrl } from '../../../support/postgres.js';

/** An open database plus the Postgres schema it lives in (none on PGlite). */
export type EngineHandle = OpenDatabase & { schema: string | undefined };

export interface StorageEngine {
  readonly name: 'pglite' | 'postgres';
  /**
   * A migrated handle on this engine's database. On Postgres every call is a separate pool (its own
   * connections, as a second process would have); PGlite is one session, so every call shares it.
   */
  open(): Promise<EngineHandle>;
  /** A brand-new migrated database of this kind, unrelated to `open()`'s (for tests that alter it). */
  openIsolated(): Promise<EngineHandle>;
  /** Closes every handle; on Postgres also drops the schemas. */
  dispose(): Promise<void>;
}

export async function storageEngines(): Promise<StorageEngine[]> {
  const url = await postgresUrl();
  return url ? [pgliteEngine(), postgresEngine(url)] : [pgliteEngine()];
}

function pgliteEngine(): StorageEngine {
  let shared: Promise<OpenDatabase> | undefined;
  const isolated: OpenDatabase[] = [];
  return {
    name: 'pglite',
    async open() {
      shared ??= openDatabase({ dataDir: 'memory://' });
      const handle = await shared;
      // Handles share one database: closing one must not close it under the others.
      return { ...handle, schema: undefined, close: async () => {} };
    },
    async openIsolated() {
      const handle = await openDatabase({ dataDir: 'memory://' });
      isolated.push(handle);
      return { ...handle, schema: undefined };
    },
    async dispose() {
      if (shared) await (await shared).close();
      shared = undefined;
      await Promise.all(isolated.splice(0).map((h) => h.close()));
    },
  };
}

function postgresEngine(url: string): StorageEngine {
  const schema = freshSchemaName('storage_test');
  const schemas = new Set<string>();
  const handles: OpenDatabase[] = [];
  const openIn = async (name: string) => {
    // Recorded before opening, so a schema whose migration fails halfway is still dropped.
    schemas.add(name);
    const handle = await openDatabase({ databaseUrl: url, schema: name });
    handles.push(handle);
    return { ...handle, schema: name };
  };
  return {
    name: 'postgres',
    open: () => openIn(schema),
    openIsolated: () => openIn(freshSchemaName('storage_test')),
    async dispose() {
      await Promise.all(handles.splice(0).map((h) => h.close()));
      for (const name of schemas) await dropSchema(url, name);
      schemas.clear();
    },
  };
}
