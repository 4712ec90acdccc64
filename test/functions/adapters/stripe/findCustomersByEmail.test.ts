// StripeBillingGateway.findCustomersByEmail over real HTTP against the Stripe sandbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StripeBillingGateway } from '../../../../functions/src/adapters/stripe/StripeBillingGateway.js';
import { startSandbox, type SandboxHandle } from '../../../../sandbox/kit/SandboxServer.js';
import { createStripeSandbox } from '../../../../sandbox/stripe/createStripeSandbox.js';
import { TEST_KEY, stripeTestWorld } from '../../../sandbox/stripe/stripeTestWorld.js';

describe('StripeBillingGateway.findCustomersByEmail', () => {
  let sb: SandboxHandle;
  const def = createStripeSandbox(stripeTestWorld());
  const gateway = () => new StripeBillingGateway({ apiKey: TEST_KEY, apiBase: sb.url, timeoutMs: 5_000, maxNetworkRetries: 0 });

  beforeAll(async () => {
    sb = await startSandbox(def);
  });
  beforeEach(() => {
    sb.faults.clear();
    sb.requests.length = 0;
  });
  afterAll(() => sb.close());

  it('maps the customers with that email', async () => {
    const r = await gateway().findCustomersByEmail('priya.patel@example.com');
    expect(r).toEqual({
      ok: true,
      value: [{ id: 'cus_demo_priya', email: 'priya.patel@example.com', name: 'Priya Patel', link: 'https://dashboard.stripe.com/test/customers/cus_demo_priya' }],
    });
    expect(sb.requests.filter((q) => q.method === 'GET' && q.path === '/v1/customers')).toHaveLength(1);
  });

  it('returns an empty list for an email nobody has', async () => {
    expect(await gateway().findCustomersByEmail('nobody@example.com')).toEqual({ ok: true, value: [] });
  });

  it('maps a Stripe outage to a retryable connector error', async () => {
    sb.faults.add({ method: 'GET', path: '/v1/customers', kind: 'status', status: 500, times: 1 });
    const r = await gateway().findCustomersByEmail('priya.patel@example.com');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ system: 'stripe', retryable: true });
  });
});
