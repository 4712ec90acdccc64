// Holds the ZAF client for the component tree and renders nothing until the host has registered
// the app. context() and metadata() resolve on `app.registered` — or at once when it already
// happened — so a provider that mounts late never misses the registration.
import { createContext, useEffect, useState, type ReactNode } from 'react';
import type { ZafClient, ZafRegistration } from './types.js';

export interface ClientContextValue {
  client: ZafClient;
  registration: ZafRegistration;
}

export const ClientContext = createContext<ClientContextValue | null>(null);

export function ClientProvider({ client, children }: { client: ZafClient; children: ReactNode }) {
  const [value, setValue] = useState<ClientContextValue | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([client.context(), client.metadata()]).then(([context, metadata]) => {
      if (live) setValue({ client, registration: { context, metadata } });
    });
    return () => {
      live = false;
    };
  }, [client]);
  if (!value) return null;
  return <ClientContext.Provider value={value}>{children}</ClientContext.Provider>;
}
