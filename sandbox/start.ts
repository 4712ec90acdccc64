// `npm start`: the whole local stack on embedded defaults — Stripe, Zendesk and OMS sandboxes
// seeded with the demo world (its dates moved to today), the backend with its worker, storing
// into .data/ so cases survive a restart, and the demo help desk hosting the sidebar (built first
// when assets/ is missing or older than app/). Prints where everything is and how to run a ticket.
import { ensureAppBuilt } from './helpdesk/appAssets.js';
import { rebaseDates } from './kit/rebaseDates.js';
import { DEMO_INSTALLATION, startStack } from './stack.js';
import { loadWorld } from './worlds/loadWorld.js';

const seed = await loadWorld(process.env['WORLD'] ?? 'demo');
const world = { ...rebaseDates(seed, seed.now, new Date()), now: new Date().toISOString() };
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const appBuilt = ensureAppBuilt();

const stack = await startStack({
  world,
  worker: true,
  quiet: process.env['LOG_QUIET'] !== 'false',
  ports: { backend: port('PORT', 8787), stripe: port('STRIPE_PORT', 12111), zendesk: port('ZENDESK_PORT', 12112), oms: port('OMS_PORT', 12113), helpdesk: port('HELPDESK_PORT', 12110) },
  env: {
    DATA_DIR: process.env['DATA_DIR'] ?? '.data/pglite',
    ...(process.env['DATABASE_URL'] ? { DATABASE_URL: process.env['DATABASE_URL'] } : {}),
    ...(process.env['CREDENTIALS_KEY'] ? { CREDENTIALS_KEY: process.env['CREDENTIALS_KEY'] } : {}),
  },
});
const token = await stack.sidebarToken('1');

console.log(`Demo help desk: ${stack.helpdesk.url} — open a ticket${appBuilt ? '' : ' (the sidebar is not built: run npm run build:app)'}

Case Closer local stack is up (storage: ${stack.backend.deps.engineName})
  help desk        ${stack.helpdesk.url}   (ticket 101: ${stack.helpdesk.url}/tickets/101, Spanish agent: ${stack.helpdesk.url}/tickets/102?locale=es)
  backend          ${stack.backend.url}   (installation "${DEMO_INSTALLATION.id}")
  Zendesk sandbox  ${stack.zendesk.url}   (tickets: ${stack.zendesk.url}/api/v2/tickets.json, basic auth in sandbox/worlds/demo/zendesk.json)
  Stripe sandbox   ${stack.stripe.url}
  OMS sandbox      ${stack.oms.url}

Run the late-delivery ticket 101 through it (the sandbox fires a signed webhook):
  curl -s -X POST ${stack.zendesk.url}/__zendesk/tickets/101/webhooks -H 'content-type: application/json' -d '{"type":"ticket.created"}'
Read the case as the sidebar does (a JWT signed with the installation's shared secret, valid 1 h):
  curl -s ${stack.backend.url}/v1/tickets/101/case -H 'authorization: Bearer ${token}'
Approve the proposal it shows (use its id and contentHash):
  curl -s -X POST ${stack.backend.url}/v1/cases/<caseId>/proposals/<proposalId>/approve -H 'authorization: Bearer ${token}' -H 'content-type: application/json' -d '{"contentHash":"<contentHash>"}'
Or run a whole scenario end to end:  npm run scenario -- test/scenarios/late-delivery-refund-approved.json

Ctrl+C stops everything.`);

const stop = () => void stack.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
