// Opens the case database on one of two engines and brings its schema up to date:
// a PostgreSQL server (pg pool) when a postgres:// URL is given, otherwise embedded PGlite in a folder.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './Database.js';
import { PgliteDialect } from './PgliteDialect.js';
import { migrateToLatest } from './migrateToLatest.js';

export interface DatabaseConfig {
  /** postgres:// or postgresql:// selects the server; anything else (or nothing) selects PGlite. */
  databaseUrl?: string;
  /** PGlite's data folder, created if missing; `memory://` keeps everything in memory. */
  dataDir?: string;
  /** Postgres schema to live in (created if missing); tests use a fresh one per file. */
  schema?: string;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  close(): Promise<void>;
  engine: 'pglite' | 'postgres';
}

export const DEFAULT_DATA_DIR = '.data/pglite';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.schema !== undefined && !IDENTIFIER.test(config.schema)) {
    throw new Error(`invalid schema name: ${JSON.stringify(config.schema)}`);
  }
  const url = config.databaseUrl ?? '';
  const opened = /^postgres(ql)?:\/\//i.test(url)
    ? await openPostgres(url, config.schema ?? 'public')
    : await openPglite(config.dataDir || DEFAULT_DATA_DIR, config.schema);
  const schema = opened.engine === 'postgres' ? (config.schema ?? 'public') : config.schema;
  try {
    await migrateToLatest(opened.db, schema ? { schema } : {});
  } catch (e) {
    await opened.close();
    throw e;
  }
  return opened;
}

async function openPostgres(url: string, schema: string): Promise<OpenDatabase> {
  // Loaded on demand so a deployment on one engine never loads the other's driver.
  const { default: pg } = await import('pg');
  // search_path as a startup option applies to every pooled connection, before any query runs.
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });
  // An idle client dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return { db, engine: 'postgres', close: () => db.destroy() };
}

async function openPglite(dataDir: string, schema: string | undefined): Promise<OpenDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!dataDir.includes('://')) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  const pglite = await PGlite.create(dataDir);
  const db = new Kysely<Database>({ dialect: new PgliteDialect({ database: pglite }) });
  if (schema) {
    // PGlite is a single session, so a session-level search_path holds for every later query.
    await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
    await sql`SELECT set_config('search_path', ${schema}, false)`.execute(db);
  }
  return { db, engine: 'pglite', close: () => db.destroy() };
}
