import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEntitlementsSandbox } from '../../../sandbox/entitlements/createEntitlementsSandbox.js';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { DEMO_ENTITLEMENTS_KEY, DEMO_ENTITLEMENTS_READONLY_KEY, DEMO_NOW, demoEntitlementsWorld } from './demoEntitlementsWorld.js';

const PAID = { reason: 'invoice in_demo_ana_nov is paid', evidence_ref: 'stripe:in_demo_ana_nov' };

describe('entitlements sandbox', () => {
  let sb: SandboxHandle;
  let clock = DEMO_NOW;
  const call = async (method: string, path: string, opts: { body?: unknown; key?: string | null; idem?: string } = {}) => {
    const key = opts.key === undefined ? DEMO_ENTITLEMENTS_KEY : opts.key;
    const res = await fetch(`${sb.url}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(opts.idem ? { 'idempotency-key': opts.idem } : {}),
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(opts.body === undefined ? {} : { body: typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) }),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: (await res.json()) as any };
  };
  const reset = (world?: unknown) => fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', ...(world ? { body: JSON.stringify(world) } : {}) });
  /** The demo world with one more account, for states the demo does not have. */
  const withAccount = (patch: Record<string, unknown>) => {
    const w = demoEntitlementsWorld();
    w.accounts!.push({ id: 'ACC-X', name: 'X', owner_email: 'x@example.com', plan_id: 'basic', status: 'active', created_at: '2026-01-01T00:00:00Z', ...patch } as never);
    return w;
  };

  beforeAll(async () => {
    sb = await startSandbox(createEntitlementsSandbox(demoEntitlementsWorld(), { now: () => clock }));
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    clock = DEMO_NOW;
    await reset();
  });

  describe('authentication', () => {
    it.each([
      ['no key', null, 'unauthenticated'],
      ['an unknown key', 'nope', 'invalid_api_key'],
    ])('refuses %s with 401', async (_n, key, code) => {
      const res = await call('GET', '/v1/accounts/ACC-7001', { key });
      expect([res.status, res.body.error.code]).toEqual([401, code]);
    });

    it('lets a read-only key read but not write', async () => {
      expect((await call('GET', '/v1/accounts/ACC-7001', { key: DEMO_ENTITLEMENTS_READONLY_KEY })).status).toBe(200);
      const res = await call('POST', '/v1/accounts/ACC-7001/unlock', { key: DEMO_ENTITLEMENTS_READONLY_KEY, body: PAID });
      expect([res.status, res.body.error.code]).toEqual([403, 'insufficient_scope']);
      expect((await call('GET', '/v1/accounts/ACC-7001')).body.status).toBe('locked');
    });
  });

  it('serves an account with its billing references, plan, lock and history', async () => {
    const { status, body } = await call('GET', '/v1/accounts/ACC-7001');
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 'ACC-7001',
      object: 'account',
      url: `${sb.url}/admin/accounts/ACC-7001`,
      name: 'Acme Corp',
      owner_email: 'ana.souza@acme.example',
      billing: { stripe_customer_id: 'cus_demo_ana', stripe_subscription_id: 'sub_demo_ana' },
      plan: { id: 'pro', name: 'Pro', seats: 25 },
      status: 'locked',
      lock_reason: 'payment_failed',
      locked_at: '2026-11-05T00:30:00Z',
      features: [],
      created_at: '2026-06-05T00:00:00Z',
      updated_at: '2026-11-05T00:30:00Z',
      audit: [expect.objectContaining({ id: 'AUD-1', action: 'account.created' }), expect.objectContaining({ id: 'AUD-2', action: 'account.locked', evidence_ref: 'stripe:in_demo_ana_nov' })],
    });
    const page = await fetch(body.url);
    expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('Acme Corp')]);
  });

  it('gives an active account its plan’s features', async () => {
    expect((await call('GET', '/v1/accounts/ACC-9001')).body).toMatchObject({ status: 'active', plan: { id: 'free', seats: 1 }, features: ['projects'], billing: { stripe_customer_id: null } });
  });

  it('answers an unknown account and an unknown route with 404', async () => {
    expect(await call('GET', '/v1/accounts/ACC-0000')).toMatchObject({ status: 404, body: { error: { code: 'account_not_found' } } });
    expect(await call('GET', '/v1/nothing')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('lists the plans with the billing price behind each', async () => {
    const { body } = await call('GET', '/v1/plans');
    expect(body).toMatchObject({ object: 'list', has_more: false });
    expect(body.data.map((p: any) => [p.id, p.object, p.stripe_price_id])).toEqual([
      ['free', 'plan', null],
      ['basic', 'plan', 'price_basic_monthly'],
      ['pro', 'plan', 'price_pro_monthly'],
    ]);
  });

  describe('search', () => {
    it.each([
      ['email=ANA.SOUZA%40acme.example', ['ACC-7001']],
      ['stripe_customer_id=cus_demo_ana', ['ACC-7001']],
      ['email=ana.souza%40acme.example&stripe_customer_id=cus_demo_ana', ['ACC-7001']],
      ['email=ana.souza%40acme.example&stripe_customer_id=cus_demo_jane', []],
      ['email=jane.cooper%40example.com', ['ACC-9001']],
      ['stripe_customer_id=cus_demo_jane', []],
      ['email=priya.patel%40example.com', []],
    ])('?%s → %j', async (query, ids) => {
      const { status, body } = await call('GET', `/v1/accounts?${query}`);
      expect([status, body.data.map((a: { id: string }) => a.id), body.has_more]).toEqual([200, ids, false]);
    });

    it('pages through an owner’s accounts in id order', async () => {
      await reset(withAccount({ id: 'ACC-7002', owner_email: 'ana.souza@acme.example' }));
      const first = await call('GET', '/v1/accounts?email=ana.souza%40acme.example&limit=1');
      expect([first.body.data.map((a: { id: string }) => a.id), first.body.has_more]).toEqual([['ACC-7001'], true]);
      const next = await call('GET', '/v1/accounts?email=ana.souza%40acme.example&limit=1&starting_after=ACC-7001');
      expect([next.body.data.map((a: { id: string }) => a.id), next.body.has_more]).toEqual([['ACC-7002'], false]);
    });

    it.each([['', 'no filter'], ['email=a%40b.c&limit=0', 'limit 0'], ['email=a%40b.c&limit=x', 'limit x'], ['email=a%40b.c&starting_after=ACC-0', 'unknown cursor']])(
      '?%s (%s) → 400 invalid_parameter',
      async (query) => {
        expect(await call('GET', `/v1/accounts?${query}`)).toMatchObject({ status: 400, body: { error: { code: 'invalid_parameter' } } });
      },
    );
  });

  describe('unlock', () => {
    it('lifts a payment lock, restores the plan’s features and audits who, why and on what evidence', async () => {
      clock = new Date('2026-11-20T12:05:00.123Z');
      const { status, body } = await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'active', lock_reason: null, locked_at: null, plan: { id: 'pro' }, updated_at: '2026-11-20T12:05:00Z' });
      expect(body.features).toEqual(['projects', 'reports', 'api_access', 'sso', 'priority_support']);
      expect(body.audit.at(-1)).toEqual({
        id: 'AUD-4',
        at: '2026-11-20T12:05:00Z',
        actor: 'case-closer',
        action: 'account.unlocked',
        reason: PAID.reason,
        evidence_ref: PAID.evidence_ref,
        changes: [
          { field: 'status', from: 'locked', to: 'active' },
          { field: 'lock_reason', from: 'payment_failed', to: null },
        ],
      });
      expect((await call('GET', '/v1/accounts/ACC-7001')).body).toEqual(body);
    });

    it('lifts an expired-trial lock too', async () => {
      await reset(withAccount({ status: 'locked', lock_reason: 'trial_expired' }));
      expect((await call('POST', '/v1/accounts/ACC-X/unlock', { body: PAID })).body.status).toBe('active');
    });

    it.each([
      ['already active', {}, 'already_active'],
      ['cancelled', { status: 'cancelled' }, 'account_cancelled'],
      ['suspended', { status: 'suspended' }, 'account_suspended'],
      ['locked by a person', { status: 'locked', lock_reason: 'manual' }, 'manual_lock'],
    ])('refuses an account that is %s with 409, changing nothing', async (_n, patch, code) => {
      await reset(withAccount(patch));
      const before = (await call('GET', '/v1/accounts/ACC-X')).body;
      expect(await call('POST', '/v1/accounts/ACC-X/unlock', { body: PAID })).toMatchObject({ status: 409, body: { error: { code } } });
      expect((await call('GET', '/v1/accounts/ACC-X')).body).toEqual(before);
    });

    it.each([
      ['no reason', { evidence_ref: 'x' }],
      ['a blank reason', { reason: '  ', evidence_ref: 'x' }],
      ['no evidence_ref', { reason: 'paid' }],
    ])('refuses %s with 422 validation_failed', async (_n, body) => {
      const res = await call('POST', '/v1/accounts/ACC-7001/unlock', { body });
      expect([res.status, res.body.error.code, res.body.error.details.length]).toEqual([422, 'validation_failed', 1]);
    });

    it('answers an unknown account with 404', async () => {
      expect(await call('POST', '/v1/accounts/ACC-0000/unlock', { body: PAID })).toMatchObject({ status: 404, body: { error: { code: 'account_not_found' } } });
    });
  });

  describe('set plan', () => {
    const TO_BASIC = { plan_id: 'basic', reason: 'subscription moved to price_basic_monthly', evidence_ref: 'stripe:sub_demo_ana' };

    it('moves the account to the plan billing says, keeping a lock in place', async () => {
      const { status, body } = await call('POST', '/v1/accounts/ACC-7001/plan', { body: TO_BASIC });
      expect(status).toBe(200);
      expect(body).toMatchObject({ plan: { id: 'basic', name: 'Basic', seats: 5 }, status: 'locked', lock_reason: 'payment_failed', features: [] });
      expect(body.audit.at(-1)).toMatchObject({ actor: 'case-closer', action: 'plan.changed', evidence_ref: 'stripe:sub_demo_ana', changes: [{ field: 'plan_id', from: 'pro', to: 'basic' }] });
    });

    it('gives an active account the new plan’s features', async () => {
      const res = await call('POST', '/v1/accounts/ACC-9001/plan', { body: { ...TO_BASIC, plan_id: 'pro' } });
      expect(res.body.features).toContain('sso');
    });

    it.each([
      ['the plan it is on', 'ACC-7001', {}, { ...TO_BASIC, plan_id: 'pro' }, 409, 'already_on_plan'],
      ['a plan that does not exist', 'ACC-7001', {}, { ...TO_BASIC, plan_id: 'gold' }, 422, 'unknown_plan'],
      ['no plan_id', 'ACC-7001', {}, { reason: 'x', evidence_ref: 'y' }, 422, 'validation_failed'],
      ['a cancelled account', 'ACC-X', { status: 'cancelled' }, TO_BASIC, 409, 'account_cancelled'],
    ])('refuses %s', async (_n, id, patch, body, status, code) => {
      await reset(withAccount({ plan_id: 'free', ...patch }));
      expect(await call('POST', `/v1/accounts/${id}/plan`, { body })).toMatchObject({ status, body: { error: { code } } });
      expect((await call('GET', '/v1/accounts/ACC-7001')).body.audit).toHaveLength(2);
    });
  });

  describe('idempotency', () => {
    it('replays the stored response for the same key and body, applying and auditing once', async () => {
      const first = await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID, idem: 'cc:case-1:1.unlock' });
      clock = new Date('2026-11-20T13:00:00Z');
      // Same body with keys in another order is the same request.
      const second = await call('POST', '/v1/accounts/ACC-7001/unlock', { body: { evidence_ref: PAID.evidence_ref, reason: PAID.reason }, idem: 'cc:case-1:1.unlock' });
      expect([first.status, first.replayed, second.status, second.replayed]).toEqual([200, null, 200, 'true']);
      expect(second.body).toEqual(first.body);
      expect((await call('GET', '/v1/accounts/ACC-7001')).body.audit).toHaveLength(3);
    });

    it('refuses the same key with a different body or path, applying nothing', async () => {
      await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' }, idem: 'k1' });
      expect(await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'free', reason: 'r', evidence_ref: 'e' }, idem: 'k1' })).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
      expect(await call('POST', '/v1/accounts/ACC-9001/plan', { body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' }, idem: 'k1' })).toMatchObject({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
      expect((await call('GET', '/v1/accounts/ACC-7001')).body.plan.id).toBe('basic');
      expect((await call('GET', '/v1/accounts/ACC-9001')).body.plan.id).toBe('free');
    });

    it('keeps keys per API key', async () => {
      const w = demoEntitlementsWorld();
      w.api_keys.push({ key: 'other-key', name: 'other', scope: 'read_write' });
      await reset(w);
      await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' }, idem: 'shared' });
      const other = await call('POST', '/v1/accounts/ACC-9001/plan', { key: 'other-key', body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' }, idem: 'shared' });
      expect([other.status, other.body.audit.at(-1).actor]).toEqual([200, 'other']);
    });

    it('replays a state-rule refusal, but lets a validation error or a 404 be retried', async () => {
      const refused = await call('POST', '/v1/accounts/ACC-9001/unlock', { body: PAID, idem: 'k-refused' });
      const replay = await call('POST', '/v1/accounts/ACC-9001/unlock', { body: PAID, idem: 'k-refused' });
      expect([refused.status, replay.status, replay.replayed]).toEqual([409, 409, 'true']);

      expect((await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'gold', reason: 'r', evidence_ref: 'e' }, idem: 'k-invalid' })).status).toBe(422);
      expect((await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' }, idem: 'k-invalid' })).status).toBe(200);
    });

    it('forgets keys on reset', async () => {
      await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID, idem: 'k-reset' });
      await reset();
      const res = await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID, idem: 'k-reset' });
      expect([res.status, res.replayed]).toEqual([200, null]);
    });

    it('rejects malformed JSON and over-long keys with 400', async () => {
      expect((await call('POST', '/v1/accounts/ACC-7001/unlock', { body: '{nope' })).body.error.code).toBe('invalid_json');
      expect((await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID, idem: 'k'.repeat(256) })).body.error.code).toBe('invalid_idempotency_key');
    });
  });

  describe('world dump and reset', () => {
    it('dumps the changed world, which loads back unchanged', async () => {
      await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID });
      const dumped = (await (await fetch(`${sb.url}/__sandbox/world`)).json()) as any;
      expect(dumped.accounts[0]).toMatchObject({ id: 'ACC-7001', status: 'active', lock_reason: null, plan_id: 'pro' });
      await reset(dumped);
      expect(await (await fetch(`${sb.url}/__sandbox/world`)).json()).toEqual(dumped);
      // Audit ids continue after the loaded ones.
      const next = await call('POST', '/v1/accounts/ACC-7001/plan', { body: { plan_id: 'basic', reason: 'r', evidence_ref: 'e' } });
      expect(next.body.audit.map((e: { id: string }) => e.id)).toEqual(['AUD-1', 'AUD-2', 'AUD-4', 'AUD-5']);
    });

    it('goes back to the seed on an empty reset', async () => {
      await call('POST', '/v1/accounts/ACC-7001/unlock', { body: PAID });
      await reset();
      expect((await call('GET', '/v1/accounts/ACC-7001')).body).toMatchObject({ status: 'locked', audit: [{ id: 'AUD-1' }, { id: 'AUD-2' }] });
    });
  });
});
