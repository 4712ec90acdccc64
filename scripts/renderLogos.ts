// Renders the app's marketplace logos (assets/logo.png 320×320, assets/logo-small.png 128×128) from
// the SVG below with headless Chromium. Run it after changing the art and commit the PNGs:
//   npx tsx scripts/renderLogos.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** A briefcase (the case) closed by a check mark: Case Closer's own simple art. */
export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" width="100%" height="100%">
  <rect width="320" height="320" fill="#17494d"/>
  <path d="M124 96v-16a16 16 0 0 1 16-16h40a16 16 0 0 1 16 16v16" fill="none" stroke="#f8f9f9" stroke-width="16" stroke-linejoin="round"/>
  <rect x="56" y="96" width="208" height="156" rx="22" fill="#f8f9f9"/>
  <path d="M56 150h208" stroke="#17494d" stroke-width="10"/>
  <rect x="144" y="138" width="32" height="26" rx="6" fill="#17494d"/>
  <circle cx="236" cy="232" r="50" fill="#2fb37a" stroke="#17494d" stroke-width="10"/>
  <path d="M212 233l17 17 32-34" fill="none" stroke="#ffffff" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

export const LOGOS = [
  { file: 'assets/logo.png', size: 320 },
  { file: 'assets/logo-small.png', size: 128 },
] as const;

export async function renderLogos(root = fileURLToPath(new URL('..', import.meta.url))): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    for (const { file, size } of LOGOS) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;overflow:hidden">${LOGO_SVG}</body></html>`);
      const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, type: 'png' });
      writeFileSync(`${root}/${file}`, png);
      await page.close();
      process.stdout.write(`wrote ${file} (${size}×${size}, ${png.length} bytes)\n`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await renderLogos();
