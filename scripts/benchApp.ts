// `npm run bench:app`: how heavy and how fast the sidebar is, measured in headless Chromium against
// the local stack with ticket 101 already investigated. Builds the app first when needed. Prints
// progress on stderr and, as the last line on stdout, one JSON object of numbers:
//   sidebarGzipKB  every JS and CSS file the sidebar frame loads, each gzipped as a server would
//   firstFactMs    median ms from the iframe's navigation start to the first cited fact visible
//                  (cold: a new browser context, so nothing cached), over `runs` page loads
// Usage: npm run bench:app [-- --runs 20]
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';
import { ManualClock } from '../functions/src/adapters/system/SystemClock.js';
import { appIsBuilt, ensureAppBuilt } from '../sandbox/helpdesk/appAssets.js';
import { DEFAULT_ASSETS_DIR } from '../sandbox/helpdesk/HelpDeskConfig.js';
import { launchChromium } from '../sandbox/helpdesk/launchChromium.js';
import { startStack } from '../sandbox/stack.js';
import { loadNamedWorld } from '../sandbox/worlds/loadWorld.js';

const TICKET = 101;
const runsArg = process.argv.indexOf('--runs');
const RUNS = Math.max(10, Number(runsArg > 0 ? process.argv[runsArg + 1] : process.env['BENCH_RUNS'] ?? 10) || 10);
const log = (line: string) => console.error(line);

/** Runs in every frame before its scripts: the app frame notes when the first fact shows up. */
const FIRST_FACT_PROBE = `(() => {
  if (!location.pathname.startsWith('/app/assets/')) return;
  const seen = () => {
    if (window.__firstFactMs === undefined && document.querySelector('[data-testid="fact"] [data-testid="citation"]')) {
      window.__firstFactMs = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(seen);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

if (!ensureAppBuilt({ log }) || !appIsBuilt(DEFAULT_ASSETS_DIR)) {
  log('bench:app needs the built sidebar (assets/index.html); `npm run build:app` did not produce it.');
  process.exit(1);
}

const world = loadNamedWorld('demo');
const stack = await startStack({ world, clock: new ManualClock(world.now), quiet: true });
const browser = await launchChromium();
try {
  await stack.zendeskSandbox.fireWebhook(TICKET, 'ticket.created');
  await stack.settle();
  const seeded = await stack.sidebar(`/v1/tickets/${TICKET}/case`);
  if (!seeded.ok) throw new Error(`the seeded case did not open: ${seeded.status}`);

  /** One page load of the ticket; the first fact time as the app frame measured it. */
  const load = async (context: BrowserContext, files?: Map<string, Buffer>): Promise<number> => {
    const page = await context.newPage();
    if (files) {
      page.on('response', (res) => {
        const url = new URL(res.url());
        const type = res.headers()['content-type'] ?? '';
        if (url.pathname.startsWith('/app/assets/') && /javascript|css/.test(type)) void res.body().then((b) => files.set(url.pathname, b)).catch(() => {});
      });
    }
    await page.goto(`${stack.helpdesk.url}/tickets/${TICKET}`);
    const host = await page.waitForSelector('#app-frame, [data-testid="app-not-built"]');
    if ((await host.getAttribute('id')) !== 'app-frame') throw new Error('assets/index.html went missing during the run (is another build writing assets/?)');
    const frame = await host.contentFrame();
    if (!frame) throw new Error('no app frame');
    await frame.waitForSelector('[data-testid="fact"] [data-testid="citation"]', { timeout: 30_000 });
    const ms = await frame.evaluate(() => (window as unknown as { __firstFactMs?: number }).__firstFactMs);
    if (typeof ms !== 'number') throw new Error('the first-fact probe did not fire');
    await page.close();
    return ms;
  };

  const files = new Map<string, Buffer>();
  const cold: number[] = [];
  // One discarded load first: Chromium's own start-up is not the app's cost.
  for (let i = -1; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(FIRST_FACT_PROBE);
    const first = await load(context, i === 0 ? files : undefined);
    await context.close();
    if (i < 0) continue;
    cold.push(first);
    log(`run ${i + 1}/${RUNS}: first fact after ${round(first)} ms`);
  }

  const bytes = [...files.values()];
  const gzip = bytes.reduce((sum, b) => sum + gzipSync(b).length, 0);
  const raw = bytes.reduce((sum, b) => sum + b.length, 0);
  log(`sidebar files: ${[...files.keys()].join(', ')}`);
  console.log(JSON.stringify({
    sidebarGzipKB: round(gzip / 1024),
    firstFactMs: round(median(cold)),
    runs: cold.length,
    sidebarRawKB: round(raw / 1024),
    sidebarFiles: files.size,
    firstFactMinMs: round(Math.min(...cold)),
    firstFactMaxMs: round(Math.max(...cold)),
  }));
} finally {
  await browser.close();
  await stack.close();
}
