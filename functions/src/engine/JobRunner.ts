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
      try {
        const outcome = await this.engine.runJob(job);
        if (outcome.kind === 'done') await this.deps.jobs.complete(job.id);
        else if (outcome.kind === 'retry') await this.deps.jobs.reschedule(job.id, outcome.at, outcome.error);
        else await this.deps.jobs.fail(job.id, outcome.error);
      } catch (e) {
        // A bug or an unexpected fault: keep the job, retry later, and say so loudly.
        const message = e instanceof Error ? e.message : String(e);
        this.deps.logger.error('job crashed', { jobId: job.id, kind: job.kind, caseId: job.caseId, error: message });
        await this.deps.jobs.reschedule(job.id, new Date(this.deps.clock.now().getTime() + backoffMs(job.attempts)), message);
      }
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
