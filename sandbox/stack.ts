// The whole local stack in one process: the three sandboxes seeded from a world, the backend on
// the embedded engine (or DATABASE_URL), the installation registered over the admin API, the
// Zendesk sandbox's webhooks pointed at the backend, and the demo help desk that hosts the built
// sidebar against all of it. Used by `npm start`, the scenario runner and the end-to-end tests.
import { SignJWT } from 'jose';
import type { Clock } from '../functions/src/ports/Clock.js';
import { startServer, type RunningServer } from '../functions/src/entries/node.js';
import type { Settings } from '../functions/src/domain/settings.js';
import { DEFAULT_SETTINGS } from '../functions/src/domain/settings.js';
import type { Catalog } from '../functions/src/playbooks/catalog.js';
import { startHelpDesk, type HelpDeskHandle } from './helpdesk/createHelpDesk.js';
import type { SettingValue } from './helpdesk/HelpDeskConfig.js';
import { startSandbox, type SandboxHandle } from './kit/SandboxServer.js';
import { createEntitlementsSandbox } from './entitlements/createEntitlementsSandbox.js';
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
  ports?: { backend?: number; stripe?: number; zendesk?: number; oms?: number; entitlements?: number; helpdesk?: number };
  /** Environment for the backend (DATABASE_URL, DATA_DIR, …); embedded in-memory storage by default. */
  env?: Record<string, string | undefined>;
  settings?: Partial<Settings>;
  catalog?: Catalog;
  policyId?: string;
  schema?: string;
  quiet?: boolean;
  /** The backend picks up work by itself (npm start) or only when drained (tests). */
  worker?: boolean;
  /** The demo help desk: another built app folder (tests' probe pages) or extra app settings. */
  helpdesk?: { assetsDir?: string; settings?: Record<string, SettingValue>; liveRefreshMs?: number };
}

export interface Stack {
  backend: RunningServer;
  stripe: SandboxHandle;
  zendesk: SandboxHandle;
  oms: SandboxHandle;
  entitlements: SandboxHandle | null;
  /** The agent workspace hosting the sidebar: open `${helpdesk.url}/tickets/101`. */
  helpdesk: HelpDeskHandle;
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

interface ZendeskCredential {
  email: string;
  api_token: string;
  user_id?: number;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { world } = options;
  const now = options.clock ? () => options.clock!.now() : () => new Date();
  const zendeskSandbox = createZendeskSandbox(world.zendesk as never, { now, webhookRetryDelaysMs: [50, 200, 1000] });
  const [stripe, zendesk, oms, entitlements] = await Promise.all([
    startSandbox(createStripeSandbox(world.stripe as never), options.ports?.stripe ?? 0),
    startSandbox(zendeskSandbox, options.ports?.zendesk ?? 0),
    startSandbox(createOmsSandbox(world.oms as never, { now }), options.ports?.oms ?? 0),
    // Worlds without a product admin system have no entitlement sandbox, like installations without one.
    world.entitlements ? startSandbox(createEntitlementsSandbox(world.entitlements as never, { now }), options.ports?.entitlements ?? 0) : Promise.resolve(null),
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
  // Worlds list the API credentials as an array (one per agent); older ones had a single object.
  const listed = (world.zendesk as { credentials?: ZendeskCredential | ZendeskCredential[] }).credentials;
  const credentials = Array.isArray(listed) ? listed[0] : listed;
  const omsKey = ((world.oms as { api_keys?: { key: string; scope: string }[] }).api_keys ?? []).find((k) => k.scope === 'read_write')?.key;
  const stripeKey = ((world.stripe as { api_keys?: string[] }).api_keys ?? [])[0];
  const entitlementsKey = ((world.entitlements as { api_keys?: { key: string; scope: string }[] } | undefined)?.api_keys ?? []).find((k) => k.scope === 'read_write')?.key;
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
        ...(entitlements && entitlementsKey ? { entitlements: { baseUrl: entitlements.url, apiKey: entitlementsKey } } : {}),
      },
      settings: { ...DEFAULT_SETTINGS, escalationGroupId: '360001', proactiveDelayOutreach: true, ...options.settings },
      policyId: options.policyId ?? 'standard-retail',
    }),
  });
  if (!install.ok) throw new Error(`installation registration failed: ${install.status} ${await install.text()}`);
  zendeskSandbox.addWebhook(`${backend.url}/v1/webhooks/zendesk/${DEMO_INSTALLATION.id}`, DEMO_INSTALLATION.webhookSecret);
  const account = (world.zendesk as { account?: { subdomain?: string } }).account;
  const helpdesk = await startHelpDesk(
    {
      zendesk: {
        url: zendesk.url,
        email: credentials?.email ?? 'caseclose@demo.example',
        apiToken: credentials?.api_token ?? 'demo-zendesk-token',
        agentUserId: credentials?.user_id ?? 1,
        subdomain: account?.subdomain ?? 'demo',
      },
      installation: {
        id: DEMO_INSTALLATION.id,
        appId: 1,
        name: 'Case Closer',
        version: '0.1.0',
        settings: { backend_url: backend.url, ...options.helpdesk?.settings },
        secureSettings: { shared_secret: DEMO_INSTALLATION.sharedSecret },
      },
      domainWhitelist: [backend.url],
      now,
      proxyTimeoutMs: 5000,
      ...(options.helpdesk?.assetsDir ? { assetsDir: options.helpdesk.assetsDir } : {}),
      ...(options.helpdesk?.liveRefreshMs ? { liveRefreshMs: options.helpdesk.liveRefreshMs } : {}),
    },
    options.ports?.helpdesk ?? 0,
  );

  const sidebarToken = (agentId = '1', secret = DEMO_INSTALLATION.sharedSecret) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(DEMO_INSTALLATION.id)
      .setSubject(agentId)
      .setIssuedAt(Math.floor(now().getTime() / 1000))
      .setExpirationTime(Math.floor(now().getTime() / 1000) + 3600)
      .sign(new TextEncoder().encode(secret));

  return {
    backend, stripe, zendesk, oms, entitlements, helpdesk, zendeskSandbox,
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
      await helpdesk.close();
      await backend.close();
      await Promise.all([stripe.close(), zendesk.close(), oms.close(), entitlements?.close()]);
    },
  };
}
