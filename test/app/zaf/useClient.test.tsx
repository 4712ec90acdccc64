// @vitest-environment happy-dom
// The ZAF hooks refuse to work outside ClientProvider, and the provider waits for registration.
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientProvider } from '../../../app/src/zaf/ClientProvider.js';
import { useClient, useRegistration } from '../../../app/src/zaf/useClient.js';
import { FakeZafClient } from '../support/FakeZafClient.js';

afterEach(cleanup);

function Where() {
  const { context, metadata } = useRegistration();
  return <p>{`${context.location} ${String(metadata.installationId)} ${useClient() ? 'client' : ''}`}</p>;
}

describe('useClient', () => {
  it('throws outside ClientProvider', () => {
    // React logs the thrown render error before rethrowing it; the assertion is on the throw.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useClient())).toThrow('useClient() must be used inside <ClientProvider>');
    expect(() => renderHook(() => useRegistration())).toThrow('useRegistration() must be used inside <ClientProvider>');
    quiet.mockRestore();
  });

  it('inside the provider, children appear only once the app is registered', async () => {
    const client = new FakeZafClient();
    const { container } = render(<ClientProvider client={client}><Where /></ClientProvider>);
    await act(async () => undefined);
    expect(container.textContent).toBe('');
    await act(async () => client.register());
    expect(screen.getByText('ticket_sidebar 42 client')).toBeTruthy();
  });

  it('a provider mounted after registration does not wait for an event that already happened', async () => {
    const client = new FakeZafClient();
    client.register();
    render(<ClientProvider client={client}><Where /></ClientProvider>);
    expect(await screen.findByText('ticket_sidebar 42 client')).toBeTruthy();
  });
});
