// The server half of `client.request()`: what Zendesk's request proxy does for an app. It fills
// `{{setting.NAME}}` placeholders from the installation's settings (secure ones only here, on the
// server, and only for `secure: true` requests), signs the `jwt` option, refuses origins outside the
// domain whitelist, and answers in one envelope the host script turns into ZAF's done/fail.
import { SignJWT } from 'jose';
import { originOf, type HelpDeskConfig } from './HelpDeskConfig.js';

export interface ZafJwtOption {
  algorithm?: string;
  secret_key: string;
  /** Seconds from now until `exp`. */
  expiry?: number;
  claims?: Record<string, unknown>;
}

/** The options object an app passes to client.request (jQuery.ajax-like, plus ZAF's own keys). */
export interface ZafRequestOptions {
  url: string;
  type?: string;
  method?: string;
  contentType?: string | false;
  data?: unknown;
  headers?: Record<string, string>;
  dataType?: string;
  timeout?: number;
  secure?: boolean;
  cors?: boolean;
  jwt?: ZafJwtOption;
  httpCompleteResponse?: boolean;
}

export interface ProxyResult {
  /** 2xx / 304: the host resolves the app's promise; anything else rejects it. */
  ok: boolean;
  status: number;
  statusText: string;
  responseText: string;
  responseJSON?: unknown;
  headers: Record<string, string>;
}

const PLACEHOLDER = /\{\{\s*setting\.([A-Za-z0-9_]+)\s*\}\}/g;
const JWT_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);
const DEFAULT_JWT_EXPIRY_S = 60;

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function refused(status: number, message: string): ProxyResult {
  const statusText = status === 403 ? 'Forbidden' : 'Bad Request';
  return { ok: false, status, statusText, responseText: message, responseJSON: { error: { code: 'proxy_refused', message } }, headers: { 'content-type': 'application/json' } };
}

/** Replaces placeholders in every string inside `value`; unknown names are refused, never sent raw. */
function fill(value: unknown, settings: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (_m, name: string) => {
      if (!(name in settings) || settings[name] === null || settings[name] === undefined) throw new Refusal(400, `unknown setting "${name}" in a request placeholder`);
      return String(settings[name]);
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, settings));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, settings)]));
  return value;
}

function hasPlaceholder(value: unknown): boolean {
  if (typeof value === 'string') return new RegExp(PLACEHOLDER.source).test(value);
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (value && typeof value === 'object') return Object.values(value).some(hasPlaceholder);
  return false;
}

function formEncode(data: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(data)) if (v !== undefined) params.append(k, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
  return params.toString();
}

async function signJwt(jwt: ZafJwtOption, now: Date): Promise<string> {
  const alg = jwt.algorithm ?? 'HS256';
  if (!JWT_ALGORITHMS.has(alg)) throw new Refusal(400, `jwt.algorithm ${alg} is not supported (HS256, HS384, HS512)`);
  if (typeof jwt.secret_key !== 'string' || jwt.secret_key === '') throw new Refusal(400, 'jwt.secret_key is required');
  const expiry = typeof jwt.expiry === 'number' && jwt.expiry > 0 ? Math.floor(jwt.expiry) : DEFAULT_JWT_EXPIRY_S;
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...(jwt.claims ?? {}) })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiry)
    .sign(new TextEncoder().encode(jwt.secret_key));
}

interface Target {
  url: URL;
  headers: Record<string, string>;
}

/** Absolute URLs must be whitelisted; relative /api/v2 URLs go to the help desk's own API as the agent. */
function resolveTarget(rawUrl: string, url: string, config: HelpDeskConfig): Target {
  if (url.startsWith('/')) {
    if (!url.startsWith('/api/v2/')) throw new Refusal(400, `relative URL ${rawUrl} is not a Zendesk API path`);
    const auth = Buffer.from(`${config.zendesk.email}/token:${config.zendesk.apiToken}`).toString('base64');
    return { url: new URL(url, config.zendesk.url), headers: { authorization: `Basic ${auth}` } };
  }
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Refusal(400, `invalid URL ${rawUrl}`);
  }
  const allowed = config.domainWhitelist.map(originOf);
  if (!allowed.includes(target.origin)) throw new Refusal(403, `${target.origin} is not in the app's domainWhitelist`);
  return { url: target, headers: {} };
}

export async function proxyZafRequest(input: unknown, config: HelpDeskConfig): Promise<ProxyResult> {
  if (!input || typeof input !== 'object' || typeof (input as { url?: unknown }).url !== 'string') return refused(400, 'request options need a url');
  const raw = input as ZafRequestOptions;
  try {
    // Secure settings may only flow into requests the app marked secure, as on Zendesk, and only
    // into the URL, headers and JWT: `data` often carries ticket text, which must never be able to
    // pull a secret into a request by containing a placeholder.
    const templated = { url: raw.url, headers: raw.headers, jwt: raw.jwt };
    if (!raw.secure && hasPlaceholder(templated)) throw new Refusal(400, 'setting placeholders need `secure: true`');
    const settings = { ...config.installation.settings, ...config.installation.secureSettings };
    const options = { ...raw, ...(raw.secure ? (fill(templated, settings) as Partial<ZafRequestOptions>) : {}) } as ZafRequestOptions;
    const target = resolveTarget(raw.url, options.url, config);
    const method = (options.type ?? options.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { accept: options.dataType === 'json' ? 'application/json' : '*/*', ...target.headers };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = String(v);
    let body: string | undefined;
    if (options.data !== undefined && options.data !== null) {
      if (method === 'GET' || method === 'HEAD') {
        const query = typeof options.data === 'string' ? options.data : formEncode(options.data as Record<string, unknown>);
        for (const [k, v] of new URLSearchParams(query)) target.url.searchParams.append(k, v);
      } else {
        const contentType = options.contentType === false ? undefined : (options.contentType ?? 'application/x-www-form-urlencoded; charset=UTF-8');
        if (typeof options.data === 'string') body = options.data;
        else body = contentType?.includes('json') ? JSON.stringify(options.data) : formEncode(options.data as Record<string, unknown>);
        if (contentType) headers['content-type'] = contentType;
      }
    }
    if (options.jwt) headers['authorization'] = `Bearer ${await signJwt(options.jwt, config.now())}`;

    let res: Response;
    try {
      res = await fetch(target.url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeout && options.timeout > 0 ? options.timeout : config.proxyTimeoutMs),
      });
    } catch {
      // What jQuery reports when the connection fails or times out: no status at all.
      return { ok: false, status: 0, statusText: 'error', responseText: '', headers: {} };
    }
    const responseText = await res.text();
    const responseHeaders = Object.fromEntries([...res.headers].filter(([k]) => k !== 'set-cookie'));
    let responseJSON: unknown;
    if ((res.headers.get('content-type') ?? '').includes('json') || options.dataType === 'json') {
      try {
        responseJSON = responseText ? JSON.parse(responseText) : undefined;
      } catch {
        responseJSON = undefined;
      }
    }
    return {
      ok: (res.status >= 200 && res.status < 300) || res.status === 304,
      status: res.status,
      statusText: res.statusText,
      responseText,
      ...(responseJSON !== undefined ? { responseJSON } : {}),
      headers: responseHeaders,
    };
  } catch (e) {
    if (e instanceof Refusal) return refused(e.status, e.message);
    throw e;
  }
}
