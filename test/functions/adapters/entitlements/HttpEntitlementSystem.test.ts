import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpEntitlementSystem } from '../../../../functions/src/adapters/entitlements/HttpEntitlementSystem.js';
import { createEntitlementsSandbox } from '../../../../sandbox/entitlements/createEntitlementsSandbox.js';
import { startSandbox, type SandboxEnv, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { DEMO_ENTITLEMENTS_KEY, DEMO_ENTITLEMENTS_READONLY_KEY, DEMO_NOW, demoEntitlementsWorld } from '../../../sandbox/entitlements/demoEntitlementsWorld.js';

const code = (res: { ok: boolean; error?: { code: string; retryable: boolean; system: string } }) =>
  res.ok ? 'ok' : `${res.error!.system}/${res.error!.code}${res.error!.retryable ? ' (retryable)' : ''}`;
const PAID = { reason: 'invoice in_demo_ana_nov is paid', evidenceRef: 'stripe:in_demo_ana_nov' };

describe('HttpEntitlementSystem over HTTP against the entitlements sandbox', () => {
  let sb: SandboxHandle;
  let ent: HttpEntitlementSystem;
  const world = async () => (await (await fetch(`${sb.url}/__sandbox/world`)).json()) as { accounts: { id: string; status: string; plan_id: string; audit: unknown[] }[] };

  beforeAll(async () => {
    sb = await startSandbox(createEntitlementsSandbox(demoEntitlementsWorld(), { now: () => DEMO_NOW }));
    ent = new HttpEntitlementSystem({ baseUrl: `${sb.url}/`, apiKey: DEMO_ENTITLEMENTS_KEY, timeoutMs: 2_000 });
  });
  afterAll(() => sb.close());
  beforeEach(async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  });

  it('reads an account into the port shape', async () => {
    expect(await ent.getAccount('ACC-7001')).toEqual({
      ok: true,
      value: {
        id: 'ACC-7001',
        name: 'Acme Corp',
        ownerEmail: 'ana.souza@acme.example',
        billing: { customerId: 'cus_demo_ana', subscriptionId: 'sub_demo_ana' },
        plan: { id: 'pro', name: 'Pro', seats: 25 },
        status: 'locked',
        lockReason: 'payment_failed',
        lockedAt: '2026-11-05T00:30:00Z',
        features: [],
        createdAt: '2026-06-05T00:00:00Z',
        updatedAt: '2026-11-05T00:30:00Z',
        audit: [
          expect.objectContaining({ id: 'AUD-1', action: 'account.created' }),
          {
            id: 'AUD-2',
            at: '2026-11-05T00:30:00Z',
            actor: 'billing-sync',
            action: 'account.locked',
            reason: 'invoice in_demo_ana_nov: payment attempt failed',
            evidenceRef: 'stripe:in_demo_ana_nov',
            changes: [
              { field: 'status', from: 'active', to: 'locked' },
              { field: 'lock_reason', from: null, to: 'payment_failed' },
            ],
          },
        ],
        link: `${sb.url}/admin/accounts/ACC-7001`,
      },
    });
  });

  it('finds accounts by owner email and by billing customer, and none as an empty list', async () => {
    const ids = (res: Awaited<ReturnType<HttpEntitlementSystem['findAccountsByEmail']>>) => (res.ok ? res.value.map((a) => a.id) : code(res));
    expect(ids(await ent.findAccountsByEmail('Ana.Souza@acme.example'))).toEqual(['ACC-7001']);
    expect(ids(await ent.findAccountsByBillingCustomer('cus_demo_ana'))).toEqual(['ACC-7001']);
    expect(ids(await ent.findAccountsByEmail('jane.cooper@example.com'))).toEqual(['ACC-9001']);
    expect(ids(await ent.findAccountsByBillingCustomer('cus_demo_jane'))).toEqual([]);
    expect(ids(await ent.findAccountsByEmail('priya.patel@example.com'))).toEqual([]);
  });

  it('follows pages when an owner has more accounts than one page holds', async () => {
    const w = demoEntitlementsWorld();
    const template = w.accounts!.find((a) => a.id === 'ACC-9001')!;
    w.accounts = Array.from({ length: 130 }, (_, i) => ({ ...template, id: `ACC-${5000 + i}`, audit: [] }));
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify(w) });
    const res = await ent.findAccountsByEmail('jane.cooper@example.com');
    expect(res.ok && new Set(res.value.map((a) => a.id)).size).toBe(130);
  });

  it('lists plans with the billing price behind each', async () => {
    const res = await ent.listPlans();
    expect(res.ok && res.value.map((p) => [p.id, p.seats, p.billingPriceId])).toEqual([
      ['free', 1, null],
      ['basic', 5, 'price_basic_monthly'],
      ['pro', 25, 'price_pro_monthly'],
    ]);
  });

  it('unlocks with the idempotency key; a retry with the key applies and audits once', async () => {
    const first = await ent.unlockAccount('ACC-7001', PAID, 'cc:case-103:1.unlock');
    expect(first.ok && [first.value.status, first.value.lockReason, first.value.features.length]).toEqual(['active', null, 5]);
    expect(first.ok && first.value.audit.at(-1)).toMatchObject({ actor: 'case-closer', action: 'account.unlocked', reason: PAID.reason, evidenceRef: PAID.evidenceRef });
    const sent = sb.requests.at(-1)!;
    expect([sent.headers['idempotency-key'], sent.headers.authorization, JSON.parse(sent.body)]).toEqual([
      'cc:case-103:1.unlock',
      `Bearer ${DEMO_ENTITLEMENTS_KEY}`,
      { reason: PAID.reason, evidence_ref: PAID.evidenceRef },
    ]);
    expect(await ent.unlockAccount('ACC-7001', PAID, 'cc:case-103:1.unlock')).toEqual(first);
    expect((await world()).accounts.find((a) => a.id === 'ACC-7001')!.audit).toHaveLength(3);
  });

  it('sets the plan, sending plan_id', async () => {
    const res = await ent.setPlan('ACC-9001', { planId: 'basic', reason: 'billing says Basic', evidenceRef: 'stripe:sub_x' }, 'cc:case-9:1.plan');
    expect(res.ok && [res.value.plan, res.value.status]).toEqual([{ id: 'basic', name: 'Basic', seats: 5 }, 'active']);
    expect(JSON.parse(sb.requests.at(-1)!.body)).toEqual({ plan_id: 'basic', reason: 'billing says Basic', evidence_ref: 'stripe:sub_x' });
  });

  describe('failures', () => {
    it.each([
      ['an unknown account (404)', () => ent.getAccount('ACC-0000'), 'entitlements/not_found'],
      ['unlocking an active account (409 already_active)', () => ent.unlockAccount('ACC-9001', PAID, 'k1'), 'entitlements/declined'],
      ['the plan it is on (409 already_on_plan)', () => ent.setPlan('ACC-7001', { ...PAID, planId: 'pro' }, 'k2'), 'entitlements/declined'],
      ['an unknown plan (422 unknown_plan)', () => ent.setPlan('ACC-7001', { ...PAID, planId: 'gold' }, 'k3'), 'entitlements/invalid_request'],
      ['an empty reason (422 validation_failed)', () => ent.unlockAccount('ACC-7001', { ...PAID, reason: '' }, 'k4'), 'entitlements/invalid_request'],
      ['a bad API key (401)', () => new HttpEntitlementSystem({ baseUrl: sb.url, apiKey: 'nope' }).getAccount('ACC-7001'), 'entitlements/auth_failed'],
      ['a read-only key writing (403)', () => new HttpEntitlementSystem({ baseUrl: sb.url, apiKey: DEMO_ENTITLEMENTS_READONLY_KEY }).unlockAccount('ACC-7001', PAID, 'k5'), 'entitlements/auth_failed'],
    ] as const)('%s', async (_name, run, expected) => {
      expect(code(await run())).toBe(expected);
    });

    it('keeps the vendor code in the message of a refusal', async () => {
      const res = await ent.unlockAccount('ACC-9001', PAID, 'k6');
      expect(res.ok ? null : [res.error.status, res.error.message]).toEqual([409, expect.stringMatching(/^already_active: POST \/v1\/accounts\/ACC-9001\/unlock → 409/)]);
    });

    it('refuses the same key reused for another change as idempotency_conflict, applying nothing', async () => {
      expect(code(await ent.setPlan('ACC-7001', { ...PAID, planId: 'basic' }, 'k-reused'))).toBe('ok');
      expect(code(await ent.setPlan('ACC-7001', { ...PAID, planId: 'free' }, 'k-reused'))).toBe('entitlements/idempotency_conflict');
      expect((await world()).accounts.find((a) => a.id === 'ACC-7001')!.plan_id).toBe('basic');
    });

    it.each([
      [500, {}, 'unavailable (retryable)'],
      [503, { error: { code: 'service_unavailable', message: 'down' } }, 'unavailable (retryable)'],
      [429, { error: { code: 'rate_limited', message: 'slow down' } }, 'rate_limited (retryable)'],
      [409, { error: { code: 'idempotency_request_in_progress', message: 'busy' } }, 'conflict (retryable)'],
      [409, { error: { code: 'manual_lock', message: 'a person locked it' } }, 'declined'],
      [409, { error: { code: 'account_suspended', message: 'suspended' } }, 'declined'],
      [409, { error: { code: 'account_cancelled', message: 'cancelled' } }, 'declined'],
      [422, { error: { code: 'idempotency_key_reused', message: 'reused' } }, 'idempotency_conflict'],
      [400, { error: { code: 'invalid_json', message: 'bad' } }, 'invalid_request'],
      // A vendor code never turns a server error into a business refusal.
      [500, { error: { code: 'already_active', message: 'odd' } }, 'unavailable (retryable)'],
    ])('injected %i %j → %s', async (status, body, expected) => {
      sb.faults.add({ path: '/v1/accounts/ACC-7001/unlock', kind: 'status', status, body });
      expect(code(await ent.unlockAccount('ACC-7001', PAID, 'k-fault'))).toBe(`entitlements/${expected}`);
    });

    it('a hung request → timeout after timeoutMs', async () => {
      const impatient = new HttpEntitlementSystem({ baseUrl: sb.url, apiKey: DEMO_ENTITLEMENTS_KEY, timeoutMs: 150 });
      sb.faults.add({ path: '/v1/accounts/ACC-7001', kind: 'timeout' });
      expect(code(await impatient.getAccount('ACC-7001'))).toBe('entitlements/timeout (retryable)');
    });

    it('a dropped connection → unavailable; the retry with the same key applies once', async () => {
      sb.faults.add({ path: '/v1/accounts/ACC-7001/unlock', kind: 'reset' });
      expect(code(await ent.unlockAccount('ACC-7001', PAID, 'cc:case-103:1.unlock'))).toBe('entitlements/unavailable (retryable)');
      expect(code(await ent.unlockAccount('ACC-7001', PAID, 'cc:case-103:1.unlock'))).toBe('ok');
      expect(code(await ent.unlockAccount('ACC-7001', PAID, 'cc:case-103:1.unlock'))).toBe('ok');
      const acc = (await world()).accounts.find((a) => a.id === 'ACC-7001')!;
      expect([acc.status, acc.audit.length]).toEqual(['active', 3]);
    });

    it('a refused connection → unavailable', async () => {
      const gone = await startSandbox(createEntitlementsSandbox(demoEntitlementsWorld()));
      await gone.close();
      expect(code(await new HttpEntitlementSystem({ baseUrl: gone.url, apiKey: DEMO_ENTITLEMENTS_KEY }).listPlans())).toBe('entitlements/unavailable (retryable)');
    });
  });
});

describe('HttpEntitlementSystem against a server that breaks the contract', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    const app = new Hono<SandboxEnv>();
    app.get('/v1/accounts/:id', (c) => c.json({ id: c.req.param('id'), status: 'frozen' }));
    app.get('/v1/plans', (c) => c.text('<html>maintenance</html>'));
    sb = await startSandbox({ name: 'broken-entitlements', app, dumpWorld: () => null, resetWorld: () => undefined });
  });
  afterAll(() => sb.close());

  it('reports an unexpected shape or a non-JSON body as unavailable', async () => {
    const ent = new HttpEntitlementSystem({ baseUrl: sb.url, apiKey: 'k' });
    const shape = await ent.getAccount('ACC-1');
    expect(shape.ok ? null : [shape.error.system, shape.error.code, shape.error.message]).toEqual(['entitlements', 'unavailable', expect.stringContaining('unexpected response shape')]);
    const html = await ent.listPlans();
    expect(html.ok ? null : [html.error.code, html.error.message]).toEqual(['unavailable', expect.stringContaining('not JSON')]);
  });
});
