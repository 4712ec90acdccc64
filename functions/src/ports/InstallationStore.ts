// One record per Zendesk installation of the app (F12). Secrets are encrypted at rest by the adapter.
import type { Settings } from '../domain/settings.js';

export interface ConnectorCredentials {
  zendesk: { baseUrl: string; email: string; apiToken: string };
  stripe: { apiKey: string; apiBase?: string };
  oms: { baseUrl: string; apiKey: string };
  /** The product's admin / entitlement system, when the installation connected one. */
  entitlements?: { baseUrl: string; apiKey: string };
}

export interface Installation {
  id: string;
  subdomain: string;
  /** HS256 key of the sidebar's ZAF JWTs (the app's `shared_secret` secure setting). */
  sharedSecret: string;
  /** Signing secret of the Zendesk webhook that feeds this installation. */
  webhookSecret: string;
  connectors: ConnectorCredentials;
  settings: Settings;
  policyId: string;
  locale: string;
}

export interface InstallationStore {
  get(id: string): Promise<Installation | null>;
  save(installation: Installation): Promise<void>;
  /** Ids of the installations whose settings opt in to proactive shipping-delay outreach. */
  listOptedInToDelayOutreach(): Promise<string[]>;
}
