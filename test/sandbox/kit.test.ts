import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebaseDates } from '../../sandbox/kit/rebaseDates.js';
import { startSandbox, type SandboxEnv, type SandboxHandle } from '../../sandbox/kit/SandboxServer.js';

describe('sandbox kit', () => {
  let sb: SandboxHandle;
  let world = { n: 1 };
  beforeAll(async () => {
    const app = new Hono<SandboxEnv>();
    app.get('/thing', (c) => c.json({ n: world.n }));
    sb = await startSandbox({ name: 't', app, dumpWorld: () => world, resetWorld: (w) => (world = (w as typeof world) ?? { n: 1 }) });
  });
  afterAll(() => sb.close());

  it('serves routes and fires a status fault exactly `times` times', async () => {
    sb.faults.add({ path: '/thing', kind: 'status', status: 503, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${sb.url}/thing`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('drops the connection on a reset fault', async () => {
    sb.faults.add({ path: '/thing', kind: 'reset' });
    await expect(fetch(`${sb.url}/thing`)).rejects.toThrow();
    expect((await fetch(`${sb.url}/thing`)).status).toBe(200);
  });

  it('carries out the request and then drops the connection on a lost_response fault', async () => {
    const app = new Hono<SandboxEnv>();
    let writes = 0;
    app.post('/write', (c) => c.json({ writes: ++writes }, 201));
    const w = await startSandbox({ name: 'w', app, dumpWorld: () => ({ writes }), resetWorld: () => (writes = 0) });
    try {
      w.faults.add({ method: 'POST', path: '/write', kind: 'lost_response' });
      await expect(fetch(`${w.url}/write`, { method: 'POST' })).rejects.toThrow();
      expect(writes).toBe(1);
      expect(await (await fetch(`${w.url}/write`, { method: 'POST' })).json()).toEqual({ writes: 2 });
    } finally {
      await w.close();
    }
  });

  it('hangs on a timeout fault until the client aborts', async () => {
    sb.faults.add({ path: '/thing', kind: 'timeout' });
    await expect(fetch(`${sb.url}/thing`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
  });

  it('resets the world and faults over HTTP', async () => {
    await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST', body: JSON.stringify({ n: 7 }) });
    expect(await (await fetch(`${sb.url}/thing`)).json()).toEqual({ n: 7 });
    expect(await (await fetch(`${sb.url}/__sandbox/world`)).json()).toEqual({ n: 7 });
  });

  it('rebases ISO dates and leaves other strings alone', () => {
    const out = rebaseDates({ a: '2026-01-01T00:00:00Z', b: ['2026-01-02T00:00:00.000Z'], c: 'ORD-1', d: 5 }, '2026-01-01T00:00:00Z', new Date('2026-01-11T00:00:00Z'));
    expect(out).toEqual({ a: '2026-01-11T00:00:00.000Z', b: ['2026-01-12T00:00:00.000Z'], c: 'ORD-1', d: 5 });
  });
});
