// Remembers the response to every POST made with an Idempotency-Key, per API key, so a retry gets
// the stored answer instead of acting twice, and a key reused for a different request is refused.
export type IdempotencyLookup =
  | { kind: 'new' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'mismatch' };

interface Stored {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` are the same request. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Stored>();

  static fingerprint(method: string, path: string, body: unknown): string {
    return `${method} ${path} ${stableJson(body)}`;
  }

  lookup(apiKey: string, key: string, fingerprint: string): IdempotencyLookup {
    const hit = this.entries.get(`${apiKey}\u0000${key}`);
    if (!hit) return { kind: 'new' };
    if (hit.fingerprint !== fingerprint) return { kind: 'mismatch' };
    return { kind: 'replay', status: hit.status, body: structuredClone(hit.body) };
  }

  save(apiKey: string, key: string, fingerprint: string, status: number, body: unknown): void {
    this.entries.set(`${apiKey}\u0000${key}`, { fingerprint, status, body: structuredClone(body) });
  }

  clear(): void {
    this.entries.clear();
  }
}
