// Loads the shared demo world for Zendesk tests (a fresh copy each call, so tests cannot leak state).
import { readFileSync } from 'node:fs';
import type { ZendeskWorld } from '../../../sandbox/zendesk/ZendeskWorld.js';

export function demoZendeskWorld(): ZendeskWorld {
  return JSON.parse(readFileSync(new URL('../../../sandbox/worlds/demo/zendesk.json', import.meta.url), 'utf8')) as ZendeskWorld;
}

export const DEMO_AUTH = `Basic ${Buffer.from('caseclose@demo.example/token:demo-zendesk-token').toString('base64')}`;
