// Durable background work: investigations, executions and follow-ups run here, not in a browser.
/** `delay_scan` looks for delayed shipments; `outreach` opens one proactive ticket (no case yet). */
export type JobKind = 'investigate' | 'execute' | 'follow_up' | 'delay_scan' | 'outreach';

export interface Job {
  id: string;
  installationId: string;
  kind: JobKind;
  caseId: string | null;
  payload: Record<string, unknown>;
  runAt: string;
  attempts: number;
  dedupeKey: string | null;
  lastError: string | null;
}

/** A job as a claim hands it out: with the lease the claim holds. */
export interface LeasedJob extends Job {
  /** When this claim's lease ends (ISO); settling the job needs it. */
  lease: string;
}

/** What settling a job needs: which job, under which lease. */
export type Lease = Pick<LeasedJob, 'id' | 'lease'>;

export interface EnqueueInput {
  id: string;
  installationId: string;
  kind: JobKind;
  caseId: string | null;
  payload: Record<string, unknown>;
  runAt: string;
  /** A second enqueue with the same (installationId, dedupeKey) is a no-op returning the first job. */
  dedupeKey?: string;
}

export interface JobQueue {
  enqueue(input: EnqueueInput): Promise<{ job: Job; created: boolean }>;
  /**
   * Takes up to `limit` due jobs (queued with runAt <= now, or running with an expired lease) and
   * leases them until `leaseUntil`. Two concurrent callers never receive the same job.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<LeasedJob[]>;
  /*
   * Settling a job takes effect only under the lease that claimed it. A runner that outlived its
   * lease (another runner has since claimed the job) gets false and changes nothing: the job's
   * current holder decides. A job that does not exist is an error.
   */
  complete(job: Lease): Promise<boolean>;
  /** Back to the queue for a later attempt; attempts is incremented. */
  reschedule(job: Lease, runAt: Date, error: string): Promise<boolean>;
  /** Gives up: the job stays, marked dead, for inspection. */
  fail(job: Lease, error: string): Promise<boolean>;
}
