// Node entry: serves the app on a port and runs due jobs in-process on a timer.
import { serve } from '@hono/node-server';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SecretBox } from '../adapters/storage/SecretBox.js';
import { createApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { buildDeps, type BuiltDeps, type DepsOverrides } from '../deps.js';

/** Embedded default: a key kept next to the data so a restart can read what it stored. */
function credentialsKey(config: Config): string {
  if (config.CREDENTIALS_KEY) return config.CREDENTIALS_KEY;
  if (config.DATABASE_URL) throw new Error('CREDENTIALS_KEY is required with DATABASE_URL (base64 of 32 random bytes)');
  // In-memory storage forgets everything at exit, so a throwaway key is enough.
  if (config.DATA_DIR.startsWith('memory://')) return SecretBox.generateKey();
  const file = join(dirname(config.DATA_DIR), 'credentials.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, SecretBox.generateKey(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export interface RunningServer {
  url: string;
  deps: BuiltDeps;
  /** Wakes the worker now instead of at its next tick. */
  kick(): void;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string | undefined> = process.env, overrides: DepsOverrides = {}): Promise<RunningServer> {
  const config = loadConfig(env);
  let kick = () => {};
  const deps = await buildDeps({ ...config, CREDENTIALS_KEY: credentialsKey(config) }, overrides);
  deps.onWorkQueued = () => kick();
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  let running = false;
  let again = false;
  let stopped = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await deps.runner.drain(20);
      } while (again && !stopped);
    } catch (e) {
      deps.logger.error('worker tick failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      running = false;
    }
  };
  const timer = config.WORKER_POLL_MS > 0 ? setInterval(() => void tick(), config.WORKER_POLL_MS) : null;
  if (config.WORKER_POLL_MS > 0) kick = () => void tick();

  return {
    url: `http://${config.HOST}:${port}`,
    deps,
    kick,
    close: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
    },
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const s = await startServer();
  console.log(`Case Closer backend listening on ${s.url} (storage: ${s.deps.engineName})`);
  const stop = () => void s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
