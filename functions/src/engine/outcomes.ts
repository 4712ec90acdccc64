// What a background job tells the runner: done, try again at a time, or give up.
export type JobOutcome = { kind: 'done' } | { kind: 'retry'; at: Date; error: string } | { kind: 'failed'; error: string };

export const DONE: JobOutcome = { kind: 'done' };

/** Exponential backoff: 30 s, 1 min, 2 min … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(30_000 * 2 ** attempt, 3_600_000);
}

/** After this many attempts a system is treated as down for this case and a human takes over. */
export const MAX_ATTEMPTS = 10;
