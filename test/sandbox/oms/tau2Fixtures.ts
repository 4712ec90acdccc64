// Shared set-up for tests on the τ²-retail world: the OMS sandbox seeded from db.json, the train
// tasks, and the one comparison rule for τ² money (see centsOf).
import { readFileSync } from 'node:fs';
import { startSandbox, type SandboxHandle } from '../../../sandbox/kit/SandboxServer.js';
import { createOmsSandbox } from '../../../sandbox/oms/createOmsSandbox.js';
import type { OmsWorld, ParsedOmsWorld } from '../../../sandbox/oms/OmsWorld.js';
import type { Tau2Write } from '../../../sandbox/worlds/tau2-retail/applyTau2Write.js';
import { loadTau2World, TAU2_NOW } from '../../../sandbox/worlds/tau2-retail/loadTau2World.js';
import type { Tau2Order, Tau2User } from '../../../sandbox/worlds/tau2-retail/tau2Records.js';

export interface Tau2Task {
  task_id: string;
  feasible_single_message: boolean;
  items_quirk_sensitive?: boolean;
  writes: Tau2Write[];
  writes_failing_on_replay?: { index: number; name: string; error: string }[];
  expected: { changed_orders: Record<string, Tau2Order>; changed_users: Record<string, Tau2User> };
}

export function loadTrainTasks(): Tau2Task[] {
  return JSON.parse(readFileSync(new URL('../../../sandbox/worlds/tau2-retail/train-tickets.json', import.meta.url), 'utf8')) as Tau2Task[];
}

export interface Tau2Oms {
  sb: SandboxHandle;
  /** Replaces the world in process (faster than posting 3 MB to /__sandbox/reset). */
  reset(world?: OmsWorld): void;
  dump(): ParsedOmsWorld;
}

/** The sandbox on the τ² world, with a fixed clock so request dates are stable. */
export async function startTau2Oms(world: OmsWorld = loadTau2World()): Promise<Tau2Oms> {
  const def = createOmsSandbox(world, { now: () => new Date(TAU2_NOW) });
  const sb = await startSandbox(def);
  return { sb, reset: (w) => def.resetWorld(w), dump: () => def.dumpWorld() as ParsedOmsWorld };
}

const MONEY_KEYS = new Set(['price', 'amount', 'balance', 'exchange_price_difference']);

/**
 * τ² computes money in binary floats, so an expected end state can hold 71.96000000000001 where
 * the OMS (integer cents) holds 7196. Money fields are compared in whole cents; everything else
 * exactly. db.json itself has only whole cents, which the round trip reproduces bit for bit.
 */
export function centsOf<T>(record: T): T {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'number' && key !== undefined && MONEY_KEYS.has(key)) return Math.round(v * 100) / 100;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(record) as T;
}
