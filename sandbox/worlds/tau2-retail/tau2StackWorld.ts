// The τ²-retail world as a whole stack world: the OMS carries τ²'s users, products and orders;
// the help desk knows every τ² user as an end-user (so a ticket can come from any of them); τ²'s
// store takes payment itself, so billing is empty.
import type { World } from '../loadWorld.js';
import { loadTau2World } from './loadTau2World.js';
import { readTau2Db, type Tau2Db } from './tau2Records.js';

/** Zendesk ids are numbers: τ² user n (in db.json order) is help-desk user FIRST_USER_ID + n. */
export const FIRST_USER_ID = 100_000;

export function tau2StackWorld(db: Tau2Db = readTau2Db()): World {
  const oms = loadTau2World(db);
  const now = String(oms.now);
  const users = Object.values(db.users).map((u, i) => ({
    id: FIRST_USER_ID + i,
    name: `${u.name.first_name} ${u.name.last_name}`,
    email: u.email,
    role: 'end-user' as const,
    locale: 'en-US',
    created_at: now,
  }));
  return {
    now,
    oms: oms as unknown as Record<string, unknown>,
    stripe: { now, api_keys: ['sk_test_sandbox'], customers: [], charges: [] },
    zendesk: {
      now,
      account: { id: 24681358, subdomain: 'tau2retail' },
      credentials: [{ email: 'caseclose@tau2.example', api_token: 'tau2-zendesk-token', user_id: 1 }],
      users: [{ id: 1, name: 'Alex Agent', email: 'caseclose@tau2.example', role: 'agent', created_at: now }, ...users],
      groups: [{ id: 360001, name: 'Tier 2 Escalations', created_at: now }],
      tickets: [],
    },
  };
}
