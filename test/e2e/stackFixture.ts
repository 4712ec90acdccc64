// Starts the local stack for an end-to-end test on a chosen storage engine, with a manual clock.
import { SecretBox } from '../../functions/src/adapters/storage/SecretBox.js';
import { ManualClock } from '../../functions/src/adapters/system/SystemClock.js';
import { startStack, type Stack, type StackOptions } from '../../sandbox/stack.js';
import { loadNamedWorld, type World } from '../../sandbox/worlds/loadWorld.js';
import { dropSchema, freshSchemaName, postgresUrl } from '../support/postgres.js';

export type Engine = 'pglite' | 'postgres';

/** The engines end-to-end suites run on: PGlite always, PostgreSQL when reachable (CI requires it). */
export async function e2eEngines(): Promise<Engine[]> {
  return (await postgresUrl()) ? ['pglite', 'postgres'] : ['pglite'];
}

export async function openStack(
  engine: Engine,
  options: Partial<StackOptions> = {},
  changeWorld: (world: World) => void = () => {},
): Promise<{ stack: Stack; clock: ManualClock; close(): Promise<void> }> {
  const world = loadNamedWorld('demo');
  changeWorld(world);
  const clock = new ManualClock(world.now);
  let cleanup = async () => {};
  let extra: Partial<StackOptions> = {};
  if (engine === 'postgres') {
    const url = (await postgresUrl())!;
    const schema = freshSchemaName('e2e');
    extra = { env: { DATABASE_URL: url, CREDENTIALS_KEY: SecretBox.generateKey() }, schema };
    cleanup = () => dropSchema(url, schema);
  }
  const stack = await startStack({ world, clock, quiet: true, ...extra, ...options });
  return {
    stack,
    clock,
    close: async () => {
      await stack.close();
      await cleanup();
    },
  };
}
