// Mounts the app on a container for a ZAF client; main.tsx calls it with the real SDK client and
// tests with a fake one.
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App.js';
import { pickLocale } from './i18n/pickLocale.js';
import { ClientProvider } from './zaf/ClientProvider.js';
import type { ZafClient } from './zaf/types.js';

export interface StartOptions {
  /** How often a moving case is polled, in milliseconds (1000 by default). */
  pollMs?: number;
}

export function startApp(client: ZafClient, container: Element, options: StartOptions = {}): Root {
  const root = createRoot(container);
  root.render(
    <ClientProvider client={client}>
      <App pollMs={options.pollMs ?? 1000} />
    </ClientProvider>,
  );
  return root;
}

/** Opened directly (no origin / app_guid in the URL), the SDK has no host to talk to. */
export function showOutsideZendesk(container: Element, language: string): void {
  container.textContent = pickLocale(language).messages['app.outsideZendesk'];
}
