// Migration 0001: installations, cases with their append-only event log, and the job queue.
// Never edit a migration that has shipped: add the next one (forward-only, no `down`).
import { sql, type Kysely, type Migration } from 'kysely';

export const migration0001Initial: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('installations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subdomain', 'text', (c) => c.notNull())
      .addColumn('secrets', 'text', (c) => c.notNull())
      .addColumn('settings', 'jsonb', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    // Not unique: Zendesk lets one account install an app more than once.
    await db.schema.createIndex('installations_subdomain_idx').on('installations').column('subdomain').execute();

    // No foreign key to installations: cases and jobs of an installation are scoped by its id in every
    // query, and provisioning an installation must not be a precondition of storing work for it.
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('installation_id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('case_type', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0).check(sql`version >= 0`))
      .addColumn('last_hash', 'text', (c) => c.notNull().check(sql`length(last_hash) = 64`))
      .addColumn('schema_version', 'integer', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('cases_installation_ticket_key', ['installation_id', 'ticket_id'])
      // Target of the events' composite foreign key: an event cannot name another tenant's case.
      .addUniqueConstraint('cases_installation_id_key', ['installation_id', 'id'])
      .execute();

    await db.schema
      .createTable('case_events')
      .addColumn('installation_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq >= 1`))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'timestamptz', (c) => c.notNull())
      .addColumn('at_text', 'text', (c) => c.notNull())
      .addColumn('actor', 'jsonb', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull().check(sql`length(prev_hash) = 64`))
      .addColumn('hash', 'text', (c) => c.notNull().check(sql`length(hash) = 64`))
      .addPrimaryKeyConstraint('case_events_pkey', ['case_id', 'seq'])
      .addForeignKeyConstraint('case_events_case_fkey', ['installation_id', 'case_id'], 'cases', [
        'installation_id',
        'id',
      ])
      .execute();
    // spendSince reads only executed actions of one installation from a point in time on.
    await db.schema
      .createIndex('case_events_spend_idx')
      .on('case_events')
      .columns(['installation_id', 'at'])
      .where(sql.ref('type'), '=', 'action.executed')
      .execute();

    // The log is evidence: once written, an event can be neither changed nor removed (F7).
    await sql`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$`.execute(db);
    await sql`
      CREATE TRIGGER case_events_no_update_delete BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`.execute(db);
    await sql`
      CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
      FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`.execute(db);

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('installation_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      .addColumn('payload', 'jsonb', (c) => c.notNull())
      .addColumn('run_at', 'timestamptz', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('queued')
          .check(sql`status IN ('queued', 'running', 'done', 'dead')`),
      )
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
      .addColumn('locked_until', 'timestamptz')
      .addColumn('dedupe_key', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      // A lease exists exactly while a job runs.
      .addCheckConstraint('jobs_lease_check', sql`(status = 'running') = (locked_until IS NOT NULL)`)
      .addUniqueConstraint('jobs_installation_dedupe_key', ['installation_id', 'dedupe_key'])
      .execute();
    // claimDue looks at due queued jobs and at running jobs whose lease ran out: one partial index each.
    await db.schema
      .createIndex('jobs_queued_run_at_idx')
      .on('jobs')
      .column('run_at')
      .where(sql.ref('status'), '=', 'queued')
      .execute();
    await db.schema
      .createIndex('jobs_running_locked_until_idx')
      .on('jobs')
      .column('locked_until')
      .where(sql.ref('status'), '=', 'running')
      .execute();
    await db.schema.createIndex('jobs_case_idx').on('jobs').columns(['installation_id', 'case_id']).execute();
  },
};
