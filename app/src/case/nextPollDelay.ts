// When to look at the case again. Execution after an approval, investigations and verification run
// in the backend's worker, so the sidebar polls while the case is moving and stops once it rests.
import type { CaseView } from '../../../functions/src/http/caseView.js';

/** States the worker moves out of by itself within seconds. */
const MOVING = new Set<CaseView['state']>(['intake', 'investigation', 'proposal', 'execution', 'verification']);
/** States that change on a schedule (a retry with backoff, a follow-up) rather than at once. */
const SCHEDULED = new Set<CaseView['state']>(['waiting_on_system', 'follow_up']);
/** Slow polls are this many fast intervals apart. */
export const SLOW_FACTOR = 15;

/** Milliseconds until the next poll, or null when the case rests until someone acts. */
export function nextPollDelay(view: CaseView, pollMs: number): number | null {
  if (MOVING.has(view.state)) return pollMs;
  // An approval leaves the case awaiting_approval until the worker picks the job up.
  if (view.proposals.some((p) => p.status === 'approved' || p.status === 'executed')) return pollMs;
  if (SCHEDULED.has(view.state)) return pollMs * SLOW_FACTOR;
  return null;
}
