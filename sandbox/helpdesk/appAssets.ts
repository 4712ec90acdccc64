// The built sidebar package (assets/): served to the help desk's iframe under /app/assets/, and
// rebuilt with `npm run build:app` when it is missing or older than the app's sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function appIsBuilt(assetsDir: string): boolean {
  return existsSync(join(assetsDir, 'index.html'));
}

/** Serves one file of `dir` named by the request path after `prefix`; never anything outside it. */
export function serveFile(c: Context, dir: string, prefix: string): Response {
  const root = resolve(dir);
  const rel = decodeURIComponent(new URL(c.req.url).pathname.slice(prefix.length));
  const file = resolve(root, rel || 'index.html');
  if (file !== root && !file.startsWith(root + sep)) return c.text('Not found', 404);
  if (!existsSync(file) || !statSync(file).isFile()) return c.text('Not found', 404);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Vite names bundles by content hash, so only index.html must be re-read on every load.
  const cache = extname(file) === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable';
  return new Response(readFileSync(file), { headers: { 'content-type': type, 'cache-control': cache } });
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => (name === 'node_modules' ? m : Math.max(m, newestMtime(join(path, name)))), st.mtimeMs);
}

/** missing: no assets/index.html; stale: app/ or translations/ changed after the last build. */
export function appBuildState(root = REPO_ROOT): 'missing' | 'stale' | 'current' {
  const index = join(root, 'assets', 'index.html');
  if (!existsSync(index)) return 'missing';
  const sources = Math.max(newestMtime(join(root, 'app')), newestMtime(join(root, 'translations')));
  return sources > statSync(index).mtimeMs ? 'stale' : 'current';
}

/** Runs `npm run build:app` when the build is missing or stale; returns whether a build is there. */
export function ensureAppBuilt(options: { root?: string; log?: (line: string) => void } = {}): boolean {
  const root = options.root ?? REPO_ROOT;
  const log = options.log ?? ((line: string) => console.error(line));
  const state = appBuildState(root);
  if (state === 'current') return true;
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts['build:app']) {
    log('No "build:app" script in package.json: the help desk will show the app as not built.');
    return state === 'stale';
  }
  log(state === 'missing' ? 'Building the sidebar app (assets/index.html is missing)…' : 'Rebuilding the sidebar app (app/ changed since the last build)…');
  // The build's output goes to stderr: scripts like bench:app keep stdout for their result.
  const run = spawnSync('npm', ['run', 'build:app'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  if (run.status !== 0) log(`npm run build:app failed (exit ${run.status ?? run.signal}).`);
  return appIsBuilt(join(root, 'assets'));
}
