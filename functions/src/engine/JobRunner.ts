// Takes due jobs from the queue and runs them: from a timer on a long-running server, or from the
// scheduled route on serverless platforms. Leases keep two runners off the same job.
import type { EngineDeps } from './EngineDeps.js';
import type { CaseEngine } from './CaseEngine.js';
import { backoffMs } from './outcomes.js';

const LEASE_MS = 120_000;

export class JobRunner {
  constructor(
    private readonly deps: EngineDeps,
    private readonly engine: CaseEngine,
  ) {}

  /** Runs the jobs due now; returns how many ran. */
  async runDue(limit = 10): Promise<number> {
    const now = this.deps.clock.now();
    const jobs = await this.deps.jobs.claimDue(now, limit, new Date(now.getTime() + LEASE_MS));
    for (const job of jobs) {
      let settled: boolean;
      try {
        const outcome = await this.engine.runJob(job);
        if (outcome.kind === 'done') settled = await this.deps.jobs.complete(job);
        else if (outcome.kind === 'retry') settled = await this.deps.jobs.reschedule(job, outcome.at, outcome.error);
        else settled = await this.deps.jobs.fail(job, outcome.error);
      } catch (e) {
        // A bug or an unexpected fault: keep the job, retry later, and say so loudly.
        const message = e instanceof Error ? e.message : String(e);
        this.deps.logger.error('job crashed', { jobId: job.id, kind: job.kind, caseId: job.caseId, error: message });
        settled = await this.deps.jobs.reschedule(job, new Date(this.deps.clock.now().getTime() + backoffMs(job.attempts)), message);
      }
      // This run outlived its lease and another runner holds the job now: its outcome stands.
      if (!settled) this.deps.logger.warn('job lease lost before it was settled', { jobId: job.id, kind: job.kind, caseId: job.caseId, lease: job.lease });
    }
    return jobs.length;
  }

  /** Runs until nothing is due now (tests, the scenario runner, the scheduled route). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runDue();
      total += n;
      if (n === 0) break;
    }
    return total;
  }
}
