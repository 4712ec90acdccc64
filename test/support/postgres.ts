// The PostgreSQL server that storage tests run against, and fresh throwaway schemas on it.
// No server: CI fails; a developer's run goes on with the embedded engine only, and says so loudly.
import pg from 'pg';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

let reachable: Promise<string | null> | undefined;

/**
 * The server's URL (TEST_DATABASE_URL, or the local default), checked once per test process.
 * Resolves null when no server answers outside CI; rejects in CI, where both engines are required.
 */
export function postgresUrl(): Promise<string | null> {
  reachable ??= check(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
  return reachable;
}

async function check(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return url;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (process.env.CI) {
      throw new Error(
        `PostgreSQL is not reachable at ${redact(url)} (${reason}). CI runs the storage tests on both ` +
          'engines: .ci/run must start the server, or TEST_DATABASE_URL must point at one.',
      );
    }
    const bar = '!'.repeat(78);
    process.stderr.write(
      [
        '',
        bar,
        '!!  PostgreSQL NOT REACHABLE — store tests ran on the embedded engine only (PGlite).',
        `!!  Tried ${redact(url)}: ${reason}`,
        '!!  The PostgreSQL variant of every storage suite was NOT run. Start a server',
        '!!  (bash .ci/run does) or set TEST_DATABASE_URL before trusting these results.',
        bar,
        '',
      ].join('\n'),
    );
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new schema name nobody else uses; openDatabase creates it. */
export function freshSchemaName(prefix = 'test'): string {
  return `${prefix}_${globalThis.crypto.randomUUID().replace(/-/g, '')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
