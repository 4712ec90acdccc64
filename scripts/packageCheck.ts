// Checks a Zendesk app package offline, the way `zcli apps:validate` would (rules follow Zendesk's
// zendesk_apps_support validations), plus this project's own: every shipped locale labels every
// parameter, the marketplace logos have their exact sizes, pages reference only packaged files.
import type { PackageFiles } from './packageCheckZip.js';

export interface CheckResult {
  errors: string[];
  warnings: string[];
}

/** Top-level manifest keys Zendesk knows; anything else is a typo or an unsupported feature. */
export const MANIFEST_KEYS = [
  'name', 'author', 'defaultLocale', 'private', 'location', 'version', 'frameworkVersion', 'domainWhitelist', 'parameters',
  'requirementsOnly', 'marketingOnly', 'experiments', 'singleInstall', 'signedUrls', 'noTemplate', 'oauth',
  'remoteInstallationURL', 'termsConditionsURL', 'gaID',
] as const;
export const REQUIRED_MANIFEST_KEYS = ['name', 'author', 'defaultLocale', 'location', 'version', 'frameworkVersion'] as const;
export const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'] as const;
export const FRAMEWORK_VERSIONS = ['2.0'];
export const LOCATIONS: Record<string, string[]> = {
  support: ['ticket_sidebar', 'new_ticket_sidebar', 'user_sidebar', 'organization_sidebar', 'top_bar', 'nav_bar', 'background', 'modal', 'ticket_editor'],
};
export const LOGOS = [
  { path: 'assets/logo.png', width: 320, height: 320 },
  { path: 'assets/logo-small.png', width: 128, height: 128 },
];
const PUBLIC_APP_KEYS = ['name', 'short_description', 'long_description', 'installation_instructions'];
const VALID_LOCALE = /^[a-z]{2}(-\w{2,3})?$/;
const SECRET_LIKE = /token|key|pwd|password|secret/i;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function parseJson(files: PackageFiles, path: string, errors: string[]): unknown {
  try {
    return JSON.parse(Buffer.from(files.get(path)!).toString('utf8')) as unknown;
  } catch (e) {
    errors.push(`${path} is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
}

function checkLayout(files: PackageFiles, errors: string[]): void {
  for (const path of files.keys()) {
    const allowed = path === 'manifest.json' || /^translations\/[^/]+\.json$/.test(path) || path.startsWith('assets/');
    if (!allowed) errors.push(`unexpected file in the package: ${path} (only manifest.json, translations/ and assets/ belong there)`);
  }
}

function checkManifestFields(m: Json, errors: string[], warnings: string[]): void {
  for (const key of Object.keys(m)) {
    if (!(MANIFEST_KEYS as readonly string[]).includes(key)) errors.push(`manifest.json: unknown top-level key "${key}"`);
  }
  for (const key of REQUIRED_MANIFEST_KEYS) {
    if (m[key] === undefined || m[key] === null || m[key] === '') errors.push(`manifest.json: missing required field "${key}"`);
  }
  if (m['author'] !== undefined) {
    if (!isObject(m['author'])) errors.push('manifest.json: "author" must be an object with name, email and url');
    else for (const f of ['name', 'email', 'url']) if (!nonEmpty(m['author'][f])) errors.push(`manifest.json: missing required field "author.${f}"`);
    if (isObject(m['author']) && nonEmpty(m['author']['url']) && !/^https?:\/\//.test(m['author']['url'])) errors.push('manifest.json: "author.url" must be an http(s) URL');
  }
  for (const key of ['name', 'defaultLocale', 'version', 'frameworkVersion'] as const) {
    if (m[key] !== undefined && typeof m[key] !== 'string') errors.push(`manifest.json: "${key}" must be a string`);
  }
  if (m['private'] !== undefined && typeof m['private'] !== 'boolean') errors.push('manifest.json: "private" must be true or false');
  if (typeof m['frameworkVersion'] === 'string' && !FRAMEWORK_VERSIONS.includes(m['frameworkVersion'])) {
    errors.push(`manifest.json: frameworkVersion "${m['frameworkVersion']}" is not one of ${FRAMEWORK_VERSIONS.join(', ')}`);
  }
  const whitelist = m['domainWhitelist'];
  if (whitelist !== undefined && !(Array.isArray(whitelist) && whitelist.every((d) => typeof d === 'string'))) {
    errors.push('manifest.json: "domainWhitelist" must be an array of strings');
  }
  if (typeof m['defaultLocale'] === 'string' && !VALID_LOCALE.test(m['defaultLocale'])) errors.push(`manifest.json: defaultLocale "${m['defaultLocale']}" is not a valid locale`);
  if (m['private'] === false && !Array.isArray(whitelist)) warnings.push('manifest.json: a public app that calls a backend needs its domain in domainWhitelist');
}

function checkLocations(m: Json, files: PackageFiles, errors: string[]): void {
  const location = m['location'];
  if (location === undefined) return;
  if (!isObject(location)) {
    errors.push('manifest.json: "location" must be an object of products and locations');
    return;
  }
  for (const [product, locations] of Object.entries(location)) {
    const known = LOCATIONS[product];
    if (!known) {
      errors.push(`manifest.json: unknown product "${product}" in location`);
      continue;
    }
    if (!isObject(locations) || Object.keys(locations).length === 0) {
      errors.push(`manifest.json: location.${product} lists no locations`);
      continue;
    }
    for (const [name, options] of Object.entries(locations)) {
      if (!known.includes(name)) errors.push(`manifest.json: unknown ${product} location "${name}"`);
      const url = typeof options === 'string' ? options : isObject(options) ? options['url'] : undefined;
      if (isObject(options) && options['flexible'] !== undefined && typeof options['flexible'] !== 'boolean') errors.push(`manifest.json: location.${product}.${name}.flexible must be true or false`);
      if (!nonEmpty(url)) {
        errors.push(`manifest.json: location.${product}.${name} has no url`);
      } else if (url.includes('{{setting.')) {
        // Resolved from a setting at run time; nothing to check here.
      } else if (/^[a-z]+:\/\//i.test(url)) {
        const u = new URL(url);
        if (u.protocol !== 'https:' && u.hostname !== 'localhost') errors.push(`manifest.json: location.${product}.${name} url must be https: ${url}`);
      } else {
        const path = url.split(/[?#]/)[0]!;
        if (!path.startsWith('assets/')) errors.push(`manifest.json: location.${product}.${name} url must point into assets/: ${url}`);
        else if (!files.has(path)) errors.push(`manifest.json: location.${product}.${name} url ${path} is not in the package`);
      }
    }
  }
}

function checkParameters(m: Json, errors: string[], warnings: string[]): Json[] {
  const parameters = m['parameters'];
  if (parameters === undefined) return [];
  if (!Array.isArray(parameters)) {
    errors.push('manifest.json: "parameters" must be an array');
    return [];
  }
  const seen = new Set<string>();
  const valid: Json[] = [];
  for (const [i, p] of parameters.entries()) {
    if (!isObject(p) || !nonEmpty(p['name'])) {
      errors.push(`manifest.json: parameters[${i}] needs a name`);
      continue;
    }
    const name = p['name'];
    valid.push(p);
    if (seen.has(name)) errors.push(`manifest.json: parameter "${name}" is declared twice`);
    seen.add(name);
    if (name === 'name') errors.push('manifest.json: a parameter may not be called "name"');
    if (!(PARAMETER_TYPES as readonly string[]).includes(String(p['type']))) {
      errors.push(`manifest.json: parameter "${name}" has type "${String(p['type'])}"; allowed: ${PARAMETER_TYPES.join(', ')}`);
    }
    for (const flag of ['required', 'secure'] as const) {
      if (p[flag] !== undefined && typeof p[flag] !== 'boolean') errors.push(`manifest.json: parameter "${name}".${flag} must be true or false`);
    }
    if (p['type'] === 'hidden' && p['required'] === true) errors.push(`manifest.json: hidden parameter "${name}" cannot be required`);
    if (p['type'] === 'oauth' && p['secure'] === true) errors.push(`manifest.json: oauth parameter "${name}" cannot be secure`);
    if ((p['secure'] === true || p['type'] === 'hidden') && p['default'] !== undefined) warnings.push(`manifest.json: parameter "${name}" is secure or hidden and has a default`);
    if (SECRET_LIKE.test(name) && (p['type'] === 'text' || p['type'] === 'password') && p['secure'] !== true) {
      warnings.push(`manifest.json: parameter "${name}" looks like a secret but is not secure`);
    }
  }
  return valid;
}

function checkTranslations(m: Json, parameters: Json[], files: PackageFiles, errors: string[]): void {
  const defaultLocale = typeof m['defaultLocale'] === 'string' ? m['defaultLocale'] : null;
  const translationPaths = [...files.keys()].filter((p) => p.startsWith('translations/')).sort();
  if (defaultLocale && !files.has(`translations/${defaultLocale}.json`)) errors.push(`translations/${defaultLocale}.json (the default locale) is missing`);
  for (const path of translationPaths) {
    const locale = path.slice('translations/'.length, -'.json'.length);
    if (!VALID_LOCALE.test(locale)) errors.push(`${path}: "${locale}" is not a valid locale`);
    const json = parseJson(files, path, errors);
    if (json === undefined) continue;
    const app = isObject(json) ? json['app'] : undefined;
    if (!isObject(app)) {
      errors.push(`${path}: needs an "app" object`);
      continue;
    }
    if (locale === defaultLocale) {
      const required = m['private'] === false ? PUBLIC_APP_KEYS : ['name'];
      for (const key of required) if (!nonEmpty(app[key])) errors.push(`${path}: missing app.${key}`);
    }
    const labels = isObject(app['parameters']) ? app['parameters'] : {};
    for (const p of parameters) {
      const name = String(p['name']);
      const entry = labels[name];
      for (const field of ['label', 'helpText']) {
        if (!isObject(entry) || !nonEmpty(entry[field])) errors.push(`${path}: missing app.parameters.${name}.${field}`);
      }
    }
  }
}

function checkLogos(files: PackageFiles, errors: string[]): void {
  for (const logo of LOGOS) {
    const bytes = files.get(logo.path);
    if (!bytes) {
      errors.push(`${logo.path} is missing (${logo.width}×${logo.height} PNG)`);
      continue;
    }
    const size = pngSize(bytes);
    if (!size) errors.push(`${logo.path} is not a PNG`);
    else if (size.width !== logo.width || size.height !== logo.height) {
      errors.push(`${logo.path} is ${size.width}×${size.height}; it must be ${logo.width}×${logo.height}`);
    }
  }
}

/** Every relative src/href in a packaged HTML page must be in the package too. */
function checkPageReferences(files: PackageFiles, errors: string[]): void {
  for (const [path, bytes] of files) {
    if (!path.startsWith('assets/') || !path.endsWith('.html')) continue;
    const html = Buffer.from(bytes).toString('utf8');
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const match of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
      const ref = match[1]!;
      if (/^(?:[a-z]+:|\/\/|#|data:)/i.test(ref)) continue;
      const target = new URL(ref, `https://package.invalid/${dir}`).pathname.slice(1);
      if (!files.has(target)) errors.push(`${path} references ${ref}, which is not in the package`);
    }
  }
}

export function checkPackage(files: PackageFiles): CheckResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  checkLayout(files, errors);
  if (!files.has('manifest.json')) {
    errors.push('manifest.json is missing');
    return { errors, warnings };
  }
  const manifest = parseJson(files, 'manifest.json', errors);
  if (manifest === undefined) return { errors, warnings };
  if (!isObject(manifest)) {
    errors.push('manifest.json must be a JSON object');
    return { errors, warnings };
  }
  checkManifestFields(manifest, errors, warnings);
  checkLocations(manifest, files, errors);
  const parameters = checkParameters(manifest, errors, warnings);
  checkTranslations(manifest, parameters, files, errors);
  checkLogos(files, errors);
  checkPageReferences(files, errors);
  return { errors, warnings };
}
