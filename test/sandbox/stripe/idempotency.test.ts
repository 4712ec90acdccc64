// Idempotency-Key semantics of the Stripe sandbox: replay, parameter mismatch, concurrent twins,
// per-account scope, and which failures are kept under a key.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import { IdempotencyStore, requestFingerprint } from '../../../sandbox/stripe/IdempotencyStore.js';
import type { StripeWorldData } from '../../../sandbox/stripe/StripeWorld.js';
import { OTHER_KEY, stripeCall, stripeTestWorld } from './stripeTestWorld.js';

describe('Stripe sandbox idempotency', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const refunds = () => (def.dumpWorld() as StripeWorldData).refunds;
  const refund = (params: Record<string, unknown>, idempotencyKey?: string, key?: string) =>
    stripeCall(sb.url, 'POST', '/v1/refunds', params, { ...(idempotencyKey ? { idempotencyKey } : {}), ...(key ? { key } : {}) });

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  beforeEach(() => def.resetWorld());
  afterAll(() => sb.close());

  it('replays the stored response for the same key and parameters, creating nothing twice', async () => {
    const first = await refund({ charge: 'ch_demo_1001', amount: 1500, metadata: { case: 'c1' } }, 'cc:c1:refund');
    const second = await refund({ metadata: { case: 'c1' }, amount: 1500, charge: 'ch_demo_1001' }, 'cc:c1:refund');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(refunds()).toHaveLength(1);
    const charge = await stripeCall(sb.url, 'GET', '/v1/charges/ch_demo_1001');
    expect(charge.body.amount_refunded).toBe(1500);
  });

  it('creates a new object without a key, or with a different key', async () => {
    await refund({ charge: 'ch_demo_1001', amount: 100 });
    await refund({ charge: 'ch_demo_1001', amount: 100 });
    await refund({ charge: 'ch_demo_1001', amount: 100 }, 'k-a');
    await refund({ charge: 'ch_demo_1001', amount: 100 }, 'k-b');
    expect(refunds()).toHaveLength(4);
  });

  it.each([
    { name: 'a different amount', params: { charge: 'ch_demo_1001', amount: 2000 } },
    { name: 'a different charge', params: { charge: 'ch_demo_1003', amount: 1500 } },
    { name: 'an extra parameter', params: { charge: 'ch_demo_1001', amount: 1500, reason: 'duplicate' } },
  ])('answers idempotency_error when the key is reused with $name', async ({ params }) => {
    await refund({ charge: 'ch_demo_1001', amount: 1500 }, 'reused');
    const again = await refund(params, 'reused');
    expect(again.status).toBe(400);
    expect(again.body.error.type).toBe('idempotency_error');
    expect(again.body.error.message).toContain("'reused'");
    expect(refunds()).toHaveLength(1);
  });

  it('answers idempotency_error when the key is reused on another endpoint', async () => {
    await refund({ charge: 'ch_demo_1001', amount: 1500 }, 'shared-key');
    const other = await stripeCall(sb.url, 'POST', '/v1/subscriptions/sub_demo_ana', { metadata: { x: '1' } }, { idempotencyKey: 'shared-key' });
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
  });

  it('creates exactly once when concurrent requests share a key', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, () => refund({ charge: 'ch_demo_1003', amount: 700 }, 'concurrent')));
    expect(refunds()).toHaveLength(1);
    const ok = replies.filter((r) => r.status === 200);
    const busy = replies.filter((r) => r.status !== 200);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((r) => r.body.id))).toEqual(new Set([refunds()[0]!.id]));
    for (const r of busy) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('idempotency_key_in_use');
    }
  });

  it('scopes keys to the API key (account)', async () => {
    const a = await refund({ charge: 'ch_demo_1001', amount: 100 }, 'same');
    const b = await refund({ charge: 'ch_demo_1001', amount: 100 }, 'same', OTHER_KEY);
    expect(a.body.id).not.toBe(b.body.id);
    expect(refunds()).toHaveLength(2);
  });

  it('keeps a business refusal under the key and replays it', async () => {
    const first = await refund({ charge: 'ch_demo_1001', amount: 999_999 }, 'too-much');
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe('amount_too_large');
    const second = await refund({ charge: 'ch_demo_1001', amount: 999_999 }, 'too-much');
    expect(second.status).toBe(400);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('does not burn the key on a request that failed validation', async () => {
    const bad = await refund({ charge: 'ch_demo_1001', amount: 100, colour: 'red' }, 'retry-me');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('parameter_unknown');
    const good = await refund({ charge: 'ch_demo_1001', amount: 100 }, 'retry-me');
    expect(good.status).toBe(200);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets keys when the world is reset', async () => {
    const before = await refund({ charge: 'ch_demo_1001', amount: 100 }, 'reset-key');
    def.resetWorld();
    const after = await refund({ charge: 'ch_demo_1001', amount: 100 }, 'reset-key');
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    expect(after.status).toBe(200);
    expect(before.status).toBe(200);
    expect(refunds()).toHaveLength(1);
  });
});

// Over HTTP the window between claiming a key and saving its answer is one await on an already-read
// body, too short to hit on purpose; the store's contract for a twin inside that window is checked here.
describe('IdempotencyStore', () => {
  it('tells a twin that arrives while the first request runs that the key is in flight', () => {
    const store = new IdempotencyStore();
    expect(store.claim('k')).toEqual({ kind: 'claimed' });
    expect(store.claim('k')).toEqual({ kind: 'in_flight' });
    store.save('k', 'fp', { status: 200, body: { id: 're_1' }, requestId: 'req_1' });
    expect(store.claim('k')).toEqual({ kind: 'saved', fingerprint: 'fp', response: { status: 200, body: { id: 're_1' }, requestId: 'req_1' } });
  });

  it('frees a released key and keeps a saved one', () => {
    const store = new IdempotencyStore();
    store.claim('k');
    store.release('k');
    expect(store.claim('k')).toEqual({ kind: 'claimed' });
    store.save('k', 'fp', { status: 200, body: {}, requestId: 'r' });
    store.release('k');
    expect(store.claim('k').kind).toBe('saved');
  });

  it('fingerprints params independently of key order but not of method, path or values', () => {
    const a = requestFingerprint('POST', '/v1/refunds', { charge: 'ch_1', metadata: { x: '1', y: '2' } });
    expect(requestFingerprint('POST', '/v1/refunds', { metadata: { y: '2', x: '1' }, charge: 'ch_1' })).toBe(a);
    expect(requestFingerprint('POST', '/v1/charges', { charge: 'ch_1', metadata: { x: '1', y: '2' } })).not.toBe(a);
    expect(requestFingerprint('POST', '/v1/refunds', { charge: 'ch_1', metadata: { x: '1', y: '3' } })).not.toBe(a);
  });
});
