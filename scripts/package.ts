// `npm run package`: builds the sidebar, writes dist/case-closer.zip with only manifest.json,
// translations/ and assets/, then reads the zip back and checks it the way `zcli apps:validate`
// would (scripts/packageCheck.ts). Fails loudly on any error or an over-budget bundle.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { checkPackage, type CheckResult } from './packageCheck.js';
import { readZip, writeZip, type PackageFiles } from './packageCheckZip.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ZIP_PATH = join(ROOT, 'dist', 'case-closer.zip');
/** Gzipped JS + CSS the sidebar may ship: it loads in every ticket an agent opens. */
export const BUNDLE_BUDGET_BYTES = 150 * 1024;

/** Builds app/ with the project's vite.config.ts into outDir (assets/ unless told otherwise). */
export async function buildApp(outDir?: string): Promise<void> {
  // vite.config.ts switches NODE_ENV to production for the build; give the caller its own back.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      ...(outDir ? { build: { outDir } } : {}),
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The files that make up the package: manifest.json, translations/*.json and everything in assets/. */
export function collectPackageFiles(root = ROOT, assetsDir = join(root, 'assets')): PackageFiles {
  const files: PackageFiles = new Map();
  files.set('manifest.json', readFileSync(join(root, 'manifest.json')));
  for (const name of readdirSync(join(root, 'translations')).filter((n) => n.endsWith('.json'))) {
    files.set(`translations/${name}`, readFileSync(join(root, 'translations', name)));
  }
  for (const path of walk(assetsDir)) files.set(`assets/${relative(assetsDir, path).split('\\').join('/')}`, readFileSync(path));
  return files;
}

/** Gzipped size of each built JS and CSS file in the package. */
export function bundleSizes(files: PackageFiles): { path: string; bytes: number; gzip: number }[] {
  return [...files]
    .filter(([path]) => path.startsWith('assets/') && /\.(js|css)$/.test(path))
    .map(([path, bytes]) => ({ path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }));
}

function report(result: CheckResult, sizes: ReturnType<typeof bundleSizes>): boolean {
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  for (const s of sizes) process.stdout.write(`  ${s.path}  ${(s.bytes / 1024).toFixed(1)} KB, gzip ${(s.gzip / 1024).toFixed(1)} KB\n`);
  process.stdout.write(`  total gzip ${(total / 1024).toFixed(1)} KB (budget ${BUNDLE_BUDGET_BYTES / 1024} KB)\n`);
  for (const w of result.warnings) process.stdout.write(`warning: ${w}\n`);
  for (const e of result.errors) process.stderr.write(`error: ${e}\n`);
  const overBudget = total > BUNDLE_BUDGET_BYTES;
  if (overBudget) process.stderr.write(`error: the sidebar bundle is ${(total / 1024).toFixed(1)} KB gzipped, over the ${BUNDLE_BUDGET_BYTES / 1024} KB budget\n`);
  return result.errors.length === 0 && !overBudget && sizes.length > 0;
}

async function main(): Promise<void> {
  await buildApp();
  const zip = writeZip(collectPackageFiles());
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  writeFileSync(ZIP_PATH, zip);
  // Check what was written, not what we meant to write.
  const files = readZip(readFileSync(ZIP_PATH));
  process.stdout.write(`${relative(ROOT, ZIP_PATH)}: ${files.size} files, ${(zip.length / 1024).toFixed(1)} KB\n`);
  if (!report(checkPackage(files), bundleSizes(files))) {
    process.stderr.write('the app package is NOT valid\n');
    process.exitCode = 1;
    return;
  }
  process.stdout.write('the app package is valid\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
