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
  claimDue(now: Date, limit: number, leaseUntil: Date): Promise<Job[]>;
  complete(id: string): Promise<void>;
  /** Back to the queue for a later attempt; attempts is incremented. */
  reschedule(id: string, runAt: Date, error: string): Promise<void>;
  /** Gives up: the job stays, marked dead, for inspection. */
  fail(id: string, error: string): Promise<void>;
}
