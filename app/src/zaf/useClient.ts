// Hooks that hand the ZAF client and the registration data to components under ClientProvider.
import { useContext } from 'react';
import { ClientContext, type ClientContextValue } from './ClientProvider.js';
import type { ZafClient, ZafRegistration } from './types.js';

function useClientContext(hook: string): ClientContextValue {
  const value = useContext(ClientContext);
  if (!value) throw new Error(`${hook}() must be used inside <ClientProvider>`);
  return value;
}

export function useClient(): ZafClient {
  return useClientContext('useClient').client;
}

export function useRegistration(): ZafRegistration {
  return useClientContext('useRegistration').registration;
}
