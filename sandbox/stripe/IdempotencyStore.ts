// Stripe's idempotency for POSTs: the first request under a key (per API key) runs and its answer is
// saved; a later request with the same key and the same method, path and parameters gets that answer
// replayed, one with different parameters gets idempotency_error, and one arriving while the first is
// still running gets 409 idempotency_key_in_use — so nothing is ever created twice.
import type { ParamValue, Params } from './formParams.js';

export interface SavedResponse {
  status: number;
  body: unknown;
  requestId: string;
}

type Entry = { state: 'running' } | { state: 'done'; fingerprint: string; response: SavedResponse };

export type Claim =
  | { kind: 'claimed' } // this request runs; call save() or release() afterwards
  | { kind: 'in_flight' }
  | { kind: 'saved'; fingerprint: string; response: SavedResponse };

// Key order must not matter: two SDK calls with the same params may serialise them differently.
function sorted(v: ParamValue): unknown {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(sorted);
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k]!)]));
}

export function requestFingerprint(method: string, path: string, params: Params): string {
  return `${method} ${path} ${JSON.stringify(sorted(params))}`;
}

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  /** Must be called before the request awaits anything, so a concurrent twin sees it running. */
  claim(scope: string): Claim {
    const entry = this.entries.get(scope);
    if (!entry) {
      this.entries.set(scope, { state: 'running' });
      return { kind: 'claimed' };
    }
    if (entry.state === 'running') return { kind: 'in_flight' };
    return { kind: 'saved', fingerprint: entry.fingerprint, response: entry.response };
  }

  save(scope: string, fingerprint: string, response: SavedResponse): void {
    this.entries.set(scope, { state: 'done', fingerprint, response });
  }

  /** The request ended without a result worth keeping (validation error, crash): the key is free again. */
  release(scope: string): void {
    if (this.entries.get(scope)?.state === 'running') this.entries.delete(scope);
  }

  clear(): void {
    this.entries.clear();
  }
}
