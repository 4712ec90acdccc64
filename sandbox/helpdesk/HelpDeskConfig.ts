// What the demo help desk needs to play Zendesk for one app installation: where the Zendesk
// sandbox is (and the agent's API credentials), the installation's settings as an admin entered
// them (non-secret ones reach the browser, secure ones never leave the server), and the
// manifest's domain whitelist that the request proxy enforces.
import { fileURLToPath } from 'node:url';

export type SettingValue = string | number | boolean | null;

export interface HelpDeskConfig {
  zendesk: {
    url: string;
    email: string;
    apiToken: string;
    /** The signed-in agent (currentUser); the API credentials belong to this user. */
    agentUserId: number;
    subdomain: string;
  };
  installation: {
    /** What the app reads as metadata.installationId and signs as the JWT `iss`. */
    id: string;
    appId: number;
    name: string;
    version: string;
    /** Manifest parameters without `secure: true`: sent to the browser in metadata.settings. */
    settings: Record<string, SettingValue>;
    /** Manifest parameters with `secure: true`: substituted into proxied requests server-side only. */
    secureSettings: Record<string, string>;
  };
  /** Origins (scheme://host:port) the app may reach through the proxy, as manifest.domainWhitelist. */
  domainWhitelist: string[];
  /** The built app package folder (assets/ with index.html), served under /app/assets/. */
  assetsDir: string;
  /** Signs JWTs with this clock, so a test's ManualClock and the backend agree on `exp`. */
  now: () => Date;
  /** How long the proxy waits for the target before answering status 0. */
  proxyTimeoutMs: number;
  /** How often an open ticket page re-reads the ticket (status, tags, comments) from Zendesk. */
  liveRefreshMs: number;
}

export const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../assets/', import.meta.url));

export function originOf(url: string): string {
  return new URL(url).origin;
}
