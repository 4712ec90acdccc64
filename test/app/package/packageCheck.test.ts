// The app package checker: the real package (built into a scratch folder) passes, and each kind of
// broken package fails with an error that names the problem.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, buildApp, bundleSizes, collectPackageFiles } from '../../../scripts/package.js';
import { checkPackage, pngSize } from '../../../scripts/packageCheck.js';
import { readZip, writeZip, type PackageFiles } from '../../../scripts/packageCheckZip.js';

let built: PackageFiles;
let scratch: string;

beforeAll(async () => {
  // A scratch output folder, so the test never rewrites assets/ under a running demo or e2e test.
  scratch = mkdtempSync(join(tmpdir(), 'cc-package-'));
  await buildApp(scratch);
  for (const logo of ['logo.png', 'logo-small.png']) copyFileSync(join(ROOT, 'assets', logo), join(scratch, logo));
  built = collectPackageFiles(ROOT, scratch);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const text = (s: string) => Buffer.from(s, 'utf8');
const json = (files: PackageFiles, path: string) => JSON.parse(Buffer.from(files.get(path)!).toString('utf8')) as Record<string, any>;
function variant(change: (files: PackageFiles) => void): PackageFiles {
  const files = new Map(built);
  change(files);
  return files;
}
function editJson(files: PackageFiles, path: string, edit: (j: Record<string, any>) => void): void {
  const j = json(files, path);
  edit(j);
  files.set(path, text(JSON.stringify(j)));
}

describe('the real package', () => {
  it('zips to exactly manifest.json, translations/ and assets/ and passes every check', () => {
    const zip = writeZip(built);
    const files = readZip(zip);
    const paths = [...files.keys()];
    expect(paths).toEqual(expect.arrayContaining(['manifest.json', 'translations/en.json', 'translations/es.json', 'translations/pt-BR.json', 'assets/index.html', 'assets/logo.png', 'assets/logo-small.png']));
    expect(paths.every((p) => p === 'manifest.json' || p.startsWith('translations/') || p.startsWith('assets/'))).toBe(true);
    expect(paths.some((p) => /^assets\/static\/index-[\w-]+\.js$/.test(p))).toBe(true);
    expect(checkPackage(files)).toEqual({ errors: [], warnings: [] });
  });

  it('is byte-for-byte reproducible and its bundle stays within the gzip budget', () => {
    expect(writeZip(built).equals(writeZip(new Map([...built].reverse())))).toBe(true);
    const total = bundleSizes(built).reduce((sum, s) => sum + s.gzip, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(150 * 1024);
    // Production React even though vitest runs with NODE_ENV=test.
    const js = [...built].find(([p]) => p.endsWith('.js'))![1];
    expect(Buffer.from(js).toString('utf8')).not.toContain('jsxDEV');
  });

  it('ships logos of the required sizes', () => {
    expect(pngSize(built.get('assets/logo.png')!)).toEqual({ width: 320, height: 320 });
    expect(pngSize(built.get('assets/logo-small.png')!)).toEqual({ width: 128, height: 128 });
  });
});

describe('broken packages', () => {
  it.each<[string, (files: PackageFiles) => void, string]>([
    ['a parameter without a label in en', (f) => editJson(f, 'translations/en.json', (j) => delete j.app.parameters.shared_secret.label), 'translations/en.json: missing app.parameters.shared_secret.label'],
    ['a parameter without helpText in pt-BR', (f) => editJson(f, 'translations/pt-BR.json', (j) => delete j.app.parameters.backend_url.helpText), 'translations/pt-BR.json: missing app.parameters.backend_url.helpText'],
    ['a public app without installation instructions', (f) => editJson(f, 'translations/en.json', (j) => delete j.app.installation_instructions), 'translations/en.json: missing app.installation_instructions'],
    ['the default locale file missing', (f) => f.delete('translations/en.json'), 'translations/en.json (the default locale) is missing'],
    ['a logo of the wrong size', (f) => f.set('assets/logo.png', built.get('assets/logo-small.png')!), 'assets/logo.png is 128×128; it must be 320×320'],
    ['a logo that is not a PNG', (f) => f.set('assets/logo-small.png', text('<svg/>')), 'assets/logo-small.png is not a PNG'],
    ['a missing logo', (f) => f.delete('assets/logo-small.png'), 'assets/logo-small.png is missing'],
    ['the location file missing', (f) => f.delete('assets/index.html'), 'location.support.ticket_sidebar url assets/index.html is not in the package'],
    ['a location url outside assets/', (f) => editJson(f, 'manifest.json', (m) => (m.location.support.ticket_sidebar.url = 'index.html')), 'url must point into assets/'],
    ['an unknown location', (f) => editJson(f, 'manifest.json', (m) => (m.location.support.ticket_sidbar = { url: 'assets/index.html' })), 'unknown support location "ticket_sidbar"'],
    ['an unknown top-level key', (f) => editJson(f, 'manifest.json', (m) => (m.defaultLocal = 'en')), 'unknown top-level key "defaultLocal"'],
    ['a missing required field', (f) => editJson(f, 'manifest.json', (m) => delete m.frameworkVersion), 'missing required field "frameworkVersion"'],
    ['an author without email', (f) => editJson(f, 'manifest.json', (m) => delete m.author.email), 'missing required field "author.email"'],
    ['a bad parameter type', (f) => editJson(f, 'manifest.json', (m) => (m.parameters[3].type = 'integer')), 'parameter "auto_refund_cap" has type "integer"'],
    ['a duplicated parameter', (f) => editJson(f, 'manifest.json', (m) => m.parameters.push({ name: 'backend_url', type: 'url' })), 'parameter "backend_url" is declared twice'],
    ['an unsupported framework version', (f) => editJson(f, 'manifest.json', (m) => (m.frameworkVersion = '1.0')), 'frameworkVersion "1.0" is not one of 2.0'],
    ['manifest.json that is not JSON', (f) => f.set('manifest.json', text('{ "name": ')), 'manifest.json is not valid JSON'],
    ['a stray file', (f) => f.set('src/main.tsx', text('')), 'unexpected file in the package: src/main.tsx'],
    ['a page referencing a file that is not packaged', (f) => {
      for (const p of [...f.keys()]) if (p.startsWith('assets/static/') && p.endsWith('.js')) f.delete(p);
    }, 'assets/index.html references ./static/index-'],
  ])('%s', (_name, breakIt, expected) => {
    const { errors } = checkPackage(variant(breakIt));
    expect(errors.join('\n')).toContain(expected);
  });

  it('warns about a secret-looking parameter that is not secure', () => {
    const files = variant((f) => editJson(f, 'manifest.json', (m) => (m.parameters[1].secure = false)));
    expect(checkPackage(files).warnings).toContain('manifest.json: parameter "shared_secret" looks like a secret but is not secure');
  });
});
