// Seed worlds for the three sandboxes: a named world from sandbox/worlds/<name>/, or one given
// inline (scenario files). Every world has a `now`: the moment its dates are written relative to.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const WorldSchema = z.object({
  now: z.iso.datetime({ offset: true }),
  stripe: z.record(z.string(), z.unknown()),
  zendesk: z.record(z.string(), z.unknown()),
  oms: z.record(z.string(), z.unknown()),
  entitlements: z.record(z.string(), z.unknown()).optional(),
});
export type World = z.infer<typeof WorldSchema>;

const WORLDS_DIR = dirname(fileURLToPath(import.meta.url));

/** Worlds built in code from a data set rather than written as one JSON file per system. */
const BUILT: Record<string, () => Promise<World>> = {
  'tau2-retail': async () => (await import('./tau2-retail/tau2StackWorld.js')).tau2StackWorld(),
};

export async function loadWorld(name: string): Promise<World> {
  const build = BUILT[name];
  return build ? WorldSchema.parse(await build()) : loadNamedWorld(name);
}

export function loadNamedWorld(name: string): World {
  if (!/^[a-z0-9_-]+$/.test(name)) throw new Error(`invalid world name ${JSON.stringify(name)}`);
  const dir = join(WORLDS_DIR, name);
  if (!existsSync(dir)) throw new Error(`no world named ${name} in ${WORLDS_DIR}`);
  const part = (system: string) => JSON.parse(readFileSync(join(dir, `${system}.json`), 'utf8')) as Record<string, unknown>;
  const oms = part('oms');
  const zendesk = part('zendesk');
  const stripe = part('stripe');
  const entitlements = existsSync(join(dir, 'entitlements.json')) ? part('entitlements') : undefined;
  const now = (oms['now'] ?? zendesk['now'] ?? stripe['now'] ?? '2026-11-20T12:00:00Z') as string;
  return WorldSchema.parse({ now, stripe, zendesk, oms, ...(entitlements ? { entitlements } : {}) });
}
