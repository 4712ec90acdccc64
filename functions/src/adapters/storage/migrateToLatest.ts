// The ordered list of schema migrations and the one function that applies the missing ones.
// Forward-only: migrations have `up` only; a mistake is fixed by the next migration, never by rollback.
import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { migration0001Initial } from './migrations/0001_initial.js';

/** Applied in key order; keys are permanent names recorded in the database. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': migration0001Initial,
};

/**
 * Applies every migration not yet recorded, in one transaction, under Kysely's migration lock.
 * `schema` pins Kysely's bookkeeping tables to the schema the connection's search_path points at
 * (otherwise another schema's bookkeeping could be taken for ours).
 */
export async function migrateToLatest(
  db: Kysely<any>,
  options: { schema?: string; migrations?: Readonly<Record<string, Migration>> } = {},
): Promise<MigrationResult[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    ...(options.schema ? { migrationTableSchema: options.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    });
  }
  return results ?? [];
}
