// Common shell of every sandbox: a Hono app on a loopback port with fault injection, a request log
// and admin routes under /__sandbox (faults, requests, reset, world dump). Dev and tests only.
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type FaultRule } from './faults.js';

export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  at: string;
}

export type SandboxEnv = { Bindings: HttpBindings };

export interface SandboxHandle {
  name: string;
  url: string;
  port: number;
  faults: FaultInjector;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export interface SandboxDefinition {
  name: string;
  /** The API routes; mounted after the fault and logging middleware. */
  app: Hono<SandboxEnv>;
  /** Current world as JSON, for the scenario runner and tests. */
  dumpWorld(): unknown;
  /** Replaces the world (body of POST /__sandbox/reset); undefined means the seed it started with. */
  resetWorld(world?: unknown): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function faultMiddleware(faults: FaultInjector, requests: LoggedRequest[]): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/__sandbox')) return next();
    const body = ['GET', 'HEAD'].includes(c.req.method) ? '' : await c.req.raw.clone().text();
    requests.push({ method: c.req.method, path, headers: Object.fromEntries(c.req.raw.headers), body, at: new Date().toISOString() });
    const rule = faults.take(c.req.method, path);
    if (!rule) return next();
    switch (rule.kind) {
      case 'latency':
        await sleep(rule.delayMs ?? 200);
        return next();
      case 'status':
        return c.json((rule.body ?? { error: { message: 'injected fault' } }) as object, (rule.status ?? 500) as 500);
      case 'timeout': {
        // Hold the request open until the client gives up (or the given delay passes), then drop it.
        const socket = c.env.incoming.socket;
        await Promise.race([sleep(rule.delayMs ?? 60_000), new Promise((r) => socket.once('close', r))]);
        socket.destroy();
        return new Response(null, { status: 504 });
      }
      case 'reset':
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 502 });
      case 'lost_response':
        await next();
        c.env.incoming.socket.destroy();
        return new Response(null, { status: 502 });
    }
  };
}

export async function startSandbox(def: SandboxDefinition, port = 0): Promise<SandboxHandle> {
  const faults = new FaultInjector();
  const requests: LoggedRequest[] = [];
  const root = new Hono<SandboxEnv>();
  root.use('*', faultMiddleware(faults, requests));
  root.post('/__sandbox/faults', async (c) => {
    faults.add((await c.req.json()) as FaultRule);
    return c.json({ ok: true, pending: faults.pending });
  });
  root.delete('/__sandbox/faults', (c) => {
    faults.clear();
    return c.json({ ok: true });
  });
  root.get('/__sandbox/requests', (c) => c.json(requests));
  root.get('/__sandbox/world', (c) => c.json(def.dumpWorld() as object));
  root.post('/__sandbox/reset', async (c) => {
    const text = await c.req.text();
    def.resetWorld(text ? JSON.parse(text) : undefined);
    faults.clear();
    requests.length = 0;
    return c.json({ ok: true });
  });
  root.route('/', def.app);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: root.fetch, hostname: '127.0.0.1', port }, () => resolve(s));
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    name: def.name,
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
