// @vitest-environment happy-dom
// The LOCATIONS map and the states before any case can load: an unknown location, an app
// installed without a backend URL.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCATIONS } from '../../app/src/App.js';
import { FakeZafClient } from './support/FakeZafClient.js';
import { renderSidebar } from './support/renderSidebar.js';

afterEach(cleanup);

describe('App', () => {
  it('serves the ticket sidebar location only', () => {
    expect(Object.keys(LOCATIONS)).toEqual(['ticket_sidebar']);
  });

  it('says so in a location it has no component for, and calls no backend', async () => {
    const client = new FakeZafClient({ location: 'top_bar' });
    await renderSidebar(client);
    expect(await screen.findByText('Case Closer has nothing to show in this location.')).toBeTruthy();
    expect(client.requests).toEqual([]);
  });

  it('an installation without backend_url asks an administrator to set it up, in the agent language', async () => {
    const client = new FakeZafClient({ backendUrl: '', locale: 'pt-BR' });
    await renderSidebar(client);
    expect(await screen.findByText('O Case Closer ainda não está configurado')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Tentar novamente' })).toBeTruthy();
    expect(client.requests).toEqual([]);
  });
});
