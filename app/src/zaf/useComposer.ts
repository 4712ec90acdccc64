// The ticket's reply composer, as far as this app touches it.
import { useCallback } from 'react';
import { useClient } from './useClient.js';

export function useComposer(): { appendText(text: string): Promise<void> } {
  const client = useClient();
  const appendText = useCallback(async (text: string) => {
    await client.invoke('ticket.comment.appendText', text);
  }, [client]);
  return { appendText };
}
