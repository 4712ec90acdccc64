// The whole local stack in one process: the three sandboxes seeded from a world, the backend on
// the embedded engine (or DATABASE_URL), the installation registered over the admin API, and the
// Zendesk sandbox's webhooks pointed at the backend. Used by `npm start`, the scenario runner and
// the end-to-end tests.
import { SignJWT } from 'jose';
import type { Clock } from '../functions/src/ports/Clock.js';
import { startServer, type RunningServer } from '../functions/src/entries/node.js';
import type { Settings } from '../functions/src/domain/settings.js';
import { DEFAULT_SETTINGS } from '../functions/src/domain/settings.js';
import type { Catalog } from '../functions/src/playbooks/catalog.js';
import { startSandbox, type SandboxHandle } from './kit/SandboxServer.js';
import { createOmsSandbox } from './oms/createOmsSandbox.js';
import { createStripeSandbox } from './stripe/createStripeSandbox.js';
import { createZendeskSandbox, type ZendeskSandbox } from './zendesk/createZendeskSandbox.js';
import type { World } from './worlds/loadWorld.js';

export const DEMO_INSTALLATION = {
  id: 'demo',
  sharedSecret: 'demo-shared-secret-change-me',
  webhookSecret: 'demo-webhook-secret-change-me',
  adminToken: 'demo-admin-token-change-me',
};

export interface StackOptions {
  world: World;
  /** The clock the sandboxes and the backend share (a ManualClock in tests and scenarios). */
  clock?: Clock;
  ports?: { backend?: number; stripe?: number; zendesk?: number; oms?: number };
  /** Environment for the backend (DATABASE_URL, DATA_DIR, …); embedded in-memory storage by default. */
  env?: Record<string, string | undefined>;
  settings?: Partial<Settings>;
  catalog?: Catalog;
  policyId?: string;
  schema?: string;
  quiet?: boolean;
  /** The backend picks up work by itself (npm start) or only when drained (tests). */
  worker?: boolean;
}

export interface Stack {
  backend: RunningServer;
  stripe: SandboxHandle;
  zendesk: SandboxHandle;
  oms: SandboxHandle;
  zendeskSandbox: ZendeskSandbox;
  installationId: string;
  /** A sidebar JWT as Zendesk's proxy would sign it for this installation. */
  sidebarToken(agentId?: string, secret?: string): Promise<string>;
  /** Calls a sidebar route the way the app does. */
  sidebar(path: string, init?: { method?: string; body?: unknown; agentId?: string }): Promise<Response>;
  /** Runs the backend's due jobs until none is left, after webhooks have landed. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { world } = options;
  const now = options.clock ? () => options.clock!.now() : () => new Date();
  const zendeskSandbox = createZendeskSandbox(world.zendesk as never, { now, webhookRetryDelaysMs: [50, 200, 1000] });
  const [stripe, zendesk, oms] = await Promise.all([
    startSandbox(createStripeSandbox(world.stripe as never), options.ports?.stripe ?? 0),
    startSandbox(zendeskSandbox, options.ports?.zendesk ?? 0),
    startSandbox(createOmsSandbox(world.oms as never, { now }), options.ports?.oms ?? 0),
  ]);
  const env = {
    DATA_DIR: 'memory://',
    ADMIN_TOKEN: DEMO_INSTALLATION.adminToken,
    WORKER_POLL_MS: options.worker ? '500' : '0',
    LOG_QUIET: options.quiet === false ? 'false' : 'true',
    CONNECTOR_TIMEOUT_MS: '2000',
    PORT: String(options.ports?.backend ?? 0),
    ...options.env,
  };
  const backend = await startServer(env, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.catalog ? { catalog: options.catalog } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  const credentials = (world.zendesk as { credentials?: { email: string; api_token: string } }).credentials;
  const omsKey = ((world.oms as { api_keys?: { key: string; scope: string }[] }).api_keys ?? []).find((k) => k.scope === 'read_write')?.key;
  const stripeKey = ((world.stripe as { api_keys?: string[] }).api_keys ?? [])[0];
  const install = await fetch(`${backend.url}/v1/installations/${DEMO_INSTALLATION.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INSTALLATION.adminToken}` },
    body: JSON.stringify({
      id: DEMO_INSTALLATION.id,
      subdomain: 'demo',
      sharedSecret: DEMO_INSTALLATION.sharedSecret,
      webhookSecret: DEMO_INSTALLATION.webhookSecret,
      connectors: {
        zendesk: { baseUrl: zendesk.url, email: credentials?.email ?? 'caseclose@demo.example', apiToken: credentials?.api_token ?? 'demo-zendesk-token' },
        stripe: { apiKey: stripeKey ?? 'sk_test_sandbox', apiBase: stripe.url },
        oms: { baseUrl: oms.url, apiKey: omsKey ?? 'demo-oms-key' },
      },
      settings: { ...DEFAULT_SETTINGS, escalationGroupId: '360001', ...options.settings },
      policyId: options.policyId ?? 'standard-retail',
    }),
  });
  if (!install.ok) throw new Error(`installation registration failed: ${install.status} ${await install.text()}`);
  zendeskSandbox.addWebhook(`${backend.url}/v1/webhooks/zendesk/${DEMO_INSTALLATION.id}`, DEMO_INSTALLATION.webhookSecret);

  const sidebarToken = (agentId = '1', secret = DEMO_INSTALLATION.sharedSecret) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(DEMO_INSTALLATION.id)
      .setSubject(agentId)
      .setIssuedAt(Math.floor(now().getTime() / 1000))
      .setExpirationTime(Math.floor(now().getTime() / 1000) + 3600)
      .sign(new TextEncoder().encode(secret));

  return {
    backend, stripe, zendesk, oms, zendeskSandbox,
    installationId: DEMO_INSTALLATION.id,
    sidebarToken,
    async sidebar(path, init = {}) {
      return fetch(`${backend.url}${path}`, {
        method: init.method ?? (init.body ? 'POST' : 'GET'),
        headers: { authorization: `Bearer ${await sidebarToken(init.agentId)}`, 'content-type': 'application/json' },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
    },
    async settle() {
      await zendeskSandbox.webhooksSettled();
      await backend.deps.runner.drain();
    },
    async close() {
      await backend.close();
      await Promise.all([stripe.close(), zendesk.close(), oms.close()]);
    },
  };
}
