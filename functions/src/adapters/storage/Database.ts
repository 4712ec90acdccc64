// The row shapes of the storage schema as Kysely sees them (one interface per table).
// jsonb columns are written as JSON text and read back parsed; timestamptz columns read back as
// Date and are turned into ISO strings by the adapters, never leaving storage as Date.
import type { ColumnType, Generated } from 'kysely';

/** Written as an ISO string, read back as a Date by both pg and PGlite. */
export type Timestamp = ColumnType<Date, string, string>;
/** Written as JSON text (so pg never turns arrays into Postgres arrays), read back parsed. */
export type Jsonb<T> = ColumnType<T, string, string>;

/** Kept in step with the CHECK constraint on jobs.status. */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface InstallationsTable {
  id: string;
  subdomain: string;
  /** SecretBox envelope of { sharedSecret, webhookSecret, connectors }. */
  secrets: string;
  settings: Jsonb<unknown>;
  policy_id: string;
  locale: string;
  created_at: ColumnType<Date, string | undefined, never>;
  updated_at: ColumnType<Date, string | undefined, string>;
}

export interface CasesTable {
  id: string;
  installation_id: string;
  ticket_id: string;
  state: string;
  case_type: string | null;
  version: number;
  last_hash: string;
  schema_version: number;
  data: Jsonb<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CaseEventsTable {
  installation_id: string;
  case_id: string;
  seq: number;
  type: string;
  /** For range queries (spendSince). */
  at: Timestamp;
  /** The exact string the event hash covers: timestamptz would normalize it and break the chain. */
  at_text: string;
  actor: Jsonb<unknown>;
  data: Jsonb<unknown>;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  installation_id: string;
  kind: string;
  case_id: string | null;
  payload: Jsonb<unknown>;
  run_at: Timestamp;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: Generated<number>;
  locked_until: ColumnType<Date | null, string | null | undefined, string | null>;
  dedupe_key: string | null;
  last_error: string | null;
  created_at: ColumnType<Date, string | undefined, never>;
}

export interface Database {
  installations: InstallationsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  jobs: JobsTable;
}
