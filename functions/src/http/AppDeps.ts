// What the HTTP layer is built from: the engine, the job runner and a few operator settings.
import type { CaseEngine } from '../engine/CaseEngine.js';
import type { EngineDeps } from '../engine/EngineDeps.js';
import type { JobRunner } from '../engine/JobRunner.js';
import type { Actor } from '../domain/audit.js';
import type { Installation } from '../ports/InstallationStore.js';

export interface AppDeps extends EngineDeps {
  engine: CaseEngine;
  runner: JobRunner;
  /** Operator token for installation registration; null disables the route. */
  adminToken: string | null;
  /** Shared secret of the scheduler calling /v1/jobs/run; null disables the route. */
  cronSecret: string | null;
  /** Called after work was queued, so a long-running server can start on it at once. */
  onWorkQueued?: () => void;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    installation: Installation;
    actor: Actor;
  };
};
