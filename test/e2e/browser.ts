// Browser helpers for tests that drive the demo help desk: one Chromium per test file, and the
// sidebar's frame on a ticket page.
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../../sandbox/helpdesk/launchChromium.js';

export { launchChromium };
export type { Browser, BrowserContext, Frame, Page };

/** Opens a ticket in a fresh context (no cookies, no cache) and returns the page and the app's frame. */
export async function openTicket(browser: Browser, helpdeskUrl: string, ticketId: number | string, query = ''): Promise<{ context: BrowserContext; page: Page; app: Frame }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Fail a missing element with Playwright's own message well before the test's timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`${helpdeskUrl}/tickets/${ticketId}${query}`);
  const handle = await page.waitForSelector('#app-frame');
  const app = await handle.contentFrame();
  if (!app) throw new Error('the app iframe has no frame');
  await app.waitForLoadState('domcontentloaded');
  return { context, page, app };
}
