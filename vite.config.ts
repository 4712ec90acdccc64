// Builds the sidebar (app/) into the Zendesk app package's assets/: assets/index.html plus hashed
// JS/CSS under assets/static/. assets/ also holds the committed logos, so the build never empties
// the folder; it removes only its own previous output.
import react from '@vitejs/plugin-react';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
export const APP_ROOT = here('./app');
export const ASSETS_DIR = here('./assets');
/** What the build writes into assets/ (and .gitignore ignores); everything else there is committed. */
export const BUILD_OUTPUTS = ['index.html', 'static'];

function cleanPreviousBuild(): Plugin {
  let outDir = ASSETS_DIR;
  return {
      name: 'case-closer:clean-previous-build',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
      buildStart() {
        for (const entry of BUILD_OUTPUTS) rmSync(resolve(outDir, entry), { recursive: true, force: true });
      },
  };
}

export default defineConfig(({ command }) => {
  // The package always ships production React and JSX, whatever NODE_ENV the caller runs under
  // (vitest sets "test"): the same sources give the same bytes. Vite reads NODE_ENV after this.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: APP_ROOT,
    base: './',
    plugins: [react(), cleanPreviousBuild()],
    build: {
      outDir: ASSETS_DIR,
      emptyOutDir: false,
      assetsDir: 'static',
      sourcemap: false,
      target: 'es2020',
      // One JS and one CSS file: a sidebar loads once per ticket view; a split buys nothing.
      cssCodeSplit: false,
    },
  };
});
