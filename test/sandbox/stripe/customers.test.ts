// Customer search of the Stripe sandbox: GET /v1/customers?email= matches the email exactly, as Stripe does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../sandbox/stripe/createStripeSandbox.js';
import { stripeCall, stripeTestWorld } from './stripeTestWorld.js';

describe('Stripe sandbox customer list', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const get = (params: Record<string, unknown>) => stripeCall(sb.url, 'GET', '/v1/customers', params);

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  afterAll(() => sb.close());

  it('finds the customer with exactly that email', async () => {
    const r = await get({ email: 'priya.patel@example.com' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ object: 'list', url: '/v1/customers', has_more: false });
    expect(r.body.data.map((c: { id: string }) => c.id)).toEqual(['cus_demo_priya']);
  });

  it('finds nobody for an unknown or differently cased email', async () => {
    expect((await get({ email: 'nobody@example.com' })).body.data).toEqual([]);
    expect((await get({ email: 'PRIYA.PATEL@example.com' })).body.data).toEqual([]);
  });

  it('lists every customer newest first without a filter, and pages with limit', async () => {
    const all = (await get({})).body.data.map((c: { id: string }) => c.id);
    expect(all[0]).toBe('cus_demo_marcus');
    expect(all).toContain('cus_demo_jane');
    const page = await get({ limit: 1 });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.has_more).toBe(true);
  });

  it('rejects an unknown parameter like Stripe', async () => {
    const r = await get({ emial: 'priya.patel@example.com' });
    expect(r.status).toBe(400);
  });
});
