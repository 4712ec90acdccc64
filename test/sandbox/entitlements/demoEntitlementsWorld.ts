// Loads the shared demo world for entitlements tests (a fresh copy each call).
import { readFileSync } from 'node:fs';
import type { EntitlementsWorld } from '../../../sandbox/entitlements/EntitlementsWorld.js';

export function demoEntitlementsWorld(): EntitlementsWorld {
  return JSON.parse(readFileSync(new URL('../../../sandbox/worlds/demo/entitlements.json', import.meta.url), 'utf8')) as EntitlementsWorld;
}

export const DEMO_ENTITLEMENTS_KEY = 'demo-entitlements-key';
export const DEMO_ENTITLEMENTS_READONLY_KEY = 'demo-entitlements-readonly-key';
/** The sandbox clock in tests: the demo world's own "now". */
export const DEMO_NOW = new Date('2026-11-20T12:00:00Z');
