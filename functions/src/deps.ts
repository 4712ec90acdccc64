// The only place that constructs adapters: storage, connectors per installation, the engine.
import { HttpEntitlementSystem } from './adapters/entitlements/HttpEntitlementSystem.js';
import { HttpOrderSystem } from './adapters/oms/HttpOrderSystem.js';
import { OpenAiChatModel } from './adapters/openai/OpenAiChatModel.js';
import { KyselyCaseStore } from './adapters/storage/KyselyCaseStore.js';
import { KyselyInstallationStore } from './adapters/storage/KyselyInstallationStore.js';
import { KyselyJobQueue } from './adapters/storage/KyselyJobQueue.js';
import { openDatabase } from './adapters/storage/openDatabase.js';
import { StripeBillingGateway } from './adapters/stripe/StripeBillingGateway.js';
import { JsonLogger } from './adapters/system/JsonLogger.js';
import { RandomIds } from './adapters/system/RandomIds.js';
import { SystemClock } from './adapters/system/SystemClock.js';
import { ZendeskHelpDesk } from './adapters/zendesk/ZendeskHelpDesk.js';
import type { Config } from './config.js';
import { CaseEngine } from './engine/CaseEngine.js';
import type { Connectors, EngineDeps, Logger } from './engine/EngineDeps.js';
import { JobRunner } from './engine/JobRunner.js';
import type { AppDeps } from './http/AppDeps.js';
import { loadCatalog, type Catalog } from './playbooks/catalog.js';
import type { Clock } from './ports/Clock.js';
import type { Ids } from './ports/Ids.js';
import type { Installation } from './ports/InstallationStore.js';

export interface DepsOverrides {
  clock?: Clock;
  ids?: Ids;
  logger?: Logger;
  catalog?: Catalog;
  /** Postgres schema to use (tests give each run its own). */
  schema?: string;
}

export type BuiltDeps = AppDeps & { close(): Promise<void>; engineName: 'pglite' | 'postgres' };

export async function buildDeps(config: Config & { CREDENTIALS_KEY: string }, overrides: DepsOverrides = {}): Promise<BuiltDeps> {
  const database = await openDatabase({
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    dataDir: config.DATA_DIR,
    ...(overrides.schema ? { schema: overrides.schema } : {}),
  });
  const timeoutMs = config.CONNECTOR_TIMEOUT_MS;
  // Connector clients are cheap but hold keep-alive agents; reuse them per installation + credentials.
  const connectorCache = new Map<string, Connectors>();
  const connectorsFor = (inst: Installation): Connectors => {
    const cacheKey = `${inst.id}:${JSON.stringify(inst.connectors)}`;
    let c = connectorCache.get(cacheKey);
    if (!c) {
      c = {
        billing: new StripeBillingGateway({ apiKey: inst.connectors.stripe.apiKey, ...(inst.connectors.stripe.apiBase ? { apiBase: inst.connectors.stripe.apiBase } : {}), timeoutMs, maxNetworkRetries: 2 }),
        orders: new HttpOrderSystem({ baseUrl: inst.connectors.oms.baseUrl, apiKey: inst.connectors.oms.apiKey, timeoutMs }),
        helpDesk: new ZendeskHelpDesk({ baseUrl: inst.connectors.zendesk.baseUrl, email: inst.connectors.zendesk.email, apiToken: inst.connectors.zendesk.apiToken, timeoutMs }),
        ...(inst.connectors.entitlements
          ? { entitlements: new HttpEntitlementSystem({ baseUrl: inst.connectors.entitlements.baseUrl, apiKey: inst.connectors.entitlements.apiKey, timeoutMs }) }
          : {}),
      };
      connectorCache.set(cacheKey, c);
    }
    return c;
  };
  // One model for the whole backend (the operator's key, not an installation's); none without a key.
  const model = config.OPENAI_API_KEY
    ? new OpenAiChatModel({
        apiKey: config.OPENAI_API_KEY,
        ...(config.OPENAI_BASE_URL ? { baseUrl: config.OPENAI_BASE_URL } : {}),
        model: config.OPENAI_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
        maxRetries: config.OPENAI_MAX_RETRIES,
      })
    : undefined;
  const engineDeps: EngineDeps = {
    clock: overrides.clock ?? new SystemClock(),
    ids: overrides.ids ?? new RandomIds(),
    cases: new KyselyCaseStore(database.db),
    jobs: new KyselyJobQueue(database.db),
    installations: new KyselyInstallationStore(database.db, config.CREDENTIALS_KEY),
    catalog: overrides.catalog ?? loadCatalog(),
    connectorsFor,
    logger: overrides.logger ?? new JsonLogger(config.LOG_QUIET),
    ...(model ? { model } : {}),
    modelPrices: { inputPerMTok: config.OPENAI_PRICE_INPUT_PER_MTOK, outputPerMTok: config.OPENAI_PRICE_OUTPUT_PER_MTOK },
  };
  const engine = new CaseEngine(engineDeps);
  return {
    ...engineDeps,
    engine,
    runner: new JobRunner(engineDeps, engine),
    adminToken: config.ADMIN_TOKEN ?? null,
    cronSecret: config.CRON_SECRET ?? null,
    engineName: database.engine,
    close: () => database.close(),
  };
}
