// Renders the app the way main.tsx does, against a fake ZAF client, and registers it.
import { act, render, type RenderResult } from '@testing-library/react';
import { App } from '../../../app/src/App.js';
import { ClientProvider } from '../../../app/src/zaf/ClientProvider.js';
import type { FakeZafClient } from './FakeZafClient.js';

/** Polling interval in tests: fast, so a test waits for states, never for time. */
export const TEST_POLL_MS = 5;

export async function renderSidebar(client: FakeZafClient): Promise<RenderResult> {
  const result = render(
    <ClientProvider client={client}>
      <App pollMs={TEST_POLL_MS} />
    </ClientProvider>,
  );
  await act(async () => client.register());
  return result;
}
