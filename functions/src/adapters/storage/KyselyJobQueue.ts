// JobQueue on Postgres/PGlite: a jobs table leased with SELECT … FOR UPDATE SKIP LOCKED, so any
// number of workers can poll it without ever taking the same job twice.
import { sql, type Kysely, type Selectable, type UpdateObject } from 'kysely';
import type { EnqueueInput, Job, JobKind, JobQueue, Lease, LeasedJob } from '../../ports/JobQueue.js';
import { timestamptz, toIso } from './columnValues.js';
import type { Database, JobsTable } from './Database.js';

export const LEASE_EXPIRED_ERROR = 'lease expired: the worker holding the job stopped before finishing it';

/**
 * Besides what the port says: reclaiming a job whose lease ran out counts the lost run as an attempt
 * (and records why in lastError), so a job that kills its worker every time cannot loop forever.
 * A dedupe key stays taken after the job is done or dead: enqueueing it again returns that job.
 */
export class KyselyJobQueue implements JobQueue {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(input: EnqueueInput): Promise<{ job: Job; created: boolean }> {
    const inserted = await this.db
      .insertInto('jobs')
      .values({
        id: input.id,
        installation_id: input.installationId,
        kind: input.kind,
        case_id: input.caseId,
        payload: JSON.stringify(input.payload),
        run_at: toIso(input.runAt),
        status: 'queued',
        dedupe_key: input.dedupeKey ?? null,
        last_error: null,
      })
      .onConflict((oc) => oc.columns(['installation_id', 'dedupe_key']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { job: toJob(inserted), created: true };
    // Only a dedupe key can conflict here: a reused id without one raised from the insert already.
    const dedupeKey = input.dedupeKey as string;
    const existing = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('installation_id', '=', input.installationId)
      .where('dedupe_key', '=', dedupeKey)
      .executeTakeFirst();
    if (!existing) throw new Error(`enqueue: dedupe key ${dedupeKey} conflicted but its job cannot be read`);
    return { job: toJob(existing), created: false };
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<LeasedJob[]> {
    if (limit <= 0) return [];
    const at = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', timestamptz(at))]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<=', timestamptz(at))]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const claimed = await trx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_until: leaseUntil.toISOString(),
          attempts: sql<number>`CASE WHEN status = 'running' THEN attempts + 1 ELSE attempts END`,
          last_error: sql<string | null>`CASE WHEN status = 'running' THEN ${LEASE_EXPIRED_ERROR} ELSE last_error END`,
        })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
      return claimed.map((row) => ({ ...toJob(row), lease: leaseUntil.toISOString() })).sort((a, b) => a.runAt.localeCompare(b.runAt) || a.id.localeCompare(b.id));
    });
  }

  async complete(job: Lease): Promise<boolean> {
    return this.#finish(job, { status: 'done', locked_until: null });
  }

  async reschedule(job: Lease, runAt: Date, error: string): Promise<boolean> {
    return this.#finish(job, {
      status: 'queued',
      locked_until: null,
      run_at: runAt.toISOString(),
      attempts: sql<number>`attempts + 1`,
      last_error: error,
    });
  }

  async fail(job: Lease, error: string): Promise<boolean> {
    return this.#finish(job, { status: 'dead', locked_until: null, last_error: error });
  }

  /** Applies the change only while the job is still running under this lease. */
  async #finish(job: Lease, changes: UpdateObject<Database, 'jobs'>): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set(changes)
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('locked_until', '=', timestamptz(job.lease))
      .executeTakeFirst();
    if (result.numUpdatedRows > 0n) return true;
    const exists = await this.db.selectFrom('jobs').select('id').where('id', '=', job.id).executeTakeFirst();
    if (!exists) throw new Error(`job ${job.id} does not exist`);
    return false;
  }
}

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    installationId: row.installation_id,
    kind: row.kind as JobKind,
    caseId: row.case_id,
    payload: row.payload as Record<string, unknown>,
    runAt: toIso(row.run_at),
    attempts: row.attempts,
    dedupeKey: row.dedupe_key,
    lastError: row.last_error,
  };
}
