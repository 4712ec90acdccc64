// Everything the engine needs, as ports. deps.ts builds the real ones; tests build their own.
import type { TokenPrices } from '../domain/cost.js';
import type { Catalog } from '../playbooks/catalog.js';
import type { BillingGateway } from '../ports/BillingGateway.js';
import type { CaseStore } from '../ports/CaseStore.js';
import type { ChatModel } from '../ports/ChatModel.js';
import type { Clock } from '../ports/Clock.js';
import type { EntitlementSystem } from '../ports/EntitlementSystem.js';
import type { HelpDesk } from '../ports/HelpDesk.js';
import type { Ids } from '../ports/Ids.js';
import type { Installation, InstallationStore } from '../ports/InstallationStore.js';
import type { JobQueue } from '../ports/JobQueue.js';
import type { OrderSystem } from '../ports/OrderSystem.js';

export interface Connectors {
  billing: BillingGateway;
  orders: OrderSystem;
  helpDesk: HelpDesk;
  /** Only installations that connected their product's admin system have one. */
  entitlements?: EntitlementSystem;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface EngineDeps {
  clock: Clock;
  ids: Ids;
  cases: CaseStore;
  jobs: JobQueue;
  installations: InstallationStore;
  catalog: Catalog;
  connectorsFor(installation: Installation): Connectors;
  logger: Logger;
  /** The agent loop's model; absent when OPENAI_API_KEY is unset (deterministic path only). */
  model?: ChatModel;
  /** What the model's tokens cost, for the per-case spend. */
  modelPrices?: TokenPrices;
}
