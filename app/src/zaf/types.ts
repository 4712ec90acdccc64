// The narrow slice of the ZAF client this app uses. Everything else in the SDK stays out of reach,
// so a test can stand in a small hand-written fake and the host page has a short contract to honour.

/** What `client.metadata()` resolves to once the app is registered. */
export interface ZafMetadata {
  installationId: number | string;
  appId?: number;
  name?: string;
  version?: string;
  settings: ZafSettings;
}

/** Non-secure settings only: secure ones (shared_secret) never reach the iframe. */
export interface ZafSettings {
  backend_url?: string;
  default_mode?: string;
  auto_refund_cap?: number | string;
  shadow_mode?: boolean;
  [name: string]: unknown;
}

/** What `client.context()` resolves to. */
export interface ZafContext {
  location: string;
  host?: string;
  product?: string;
  instanceGuid?: string;
  ticketId?: number;
  account?: { subdomain?: string };
}

/** `client.get(paths)` answers with one key per path, plus `errors` for paths it could not read. */
export type ZafGetResult = Record<string, unknown> & { errors?: Record<string, unknown> };

export interface ZafJwtOptions {
  algorithm: 'HS256';
  /** A `{{setting.…}}` placeholder: Zendesk's proxy substitutes the secure setting server-side. */
  secret_key: string;
  expiry: number;
  claims: Record<string, string>;
}

export interface ZafRequestOptions {
  url: string;
  type: 'GET' | 'POST';
  contentType?: string;
  data?: string;
  secure?: boolean;
  jwt?: ZafJwtOptions;
  httpCompleteResponse?: boolean;
}

/** With `httpCompleteResponse: true` the request resolves (2xx) or rejects (otherwise) with this. */
export interface ZafCompleteResponse {
  status: number;
  responseJSON?: unknown;
  responseText?: string;
  headers?: Record<string, string>;
}

export interface ZafClient {
  get(paths: string[]): Promise<ZafGetResult>;
  invoke(name: string, ...args: unknown[]): Promise<unknown>;
  request(options: ZafRequestOptions): Promise<ZafCompleteResponse>;
  metadata(): Promise<ZafMetadata>;
  context(): Promise<ZafContext>;
  on(event: string, handler: (data: unknown) => void): void;
  trigger(event: string, data?: unknown): void;
}

/** What the app knows once the host has registered it. */
export interface ZafRegistration {
  context: ZafContext;
  metadata: ZafMetadata;
}
