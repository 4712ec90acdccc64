// Loads the shared demo world for OMS tests (a fresh copy each call).
import { readFileSync } from 'node:fs';
import type { OmsWorld } from '../../../sandbox/oms/OmsWorld.js';

export function demoOmsWorld(): OmsWorld {
  return JSON.parse(readFileSync(new URL('../../../sandbox/worlds/demo/oms.json', import.meta.url), 'utf8')) as OmsWorld;
}

export const DEMO_OMS_KEY = 'demo-oms-key';
