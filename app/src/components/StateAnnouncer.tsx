// Tells screen-reader users when the case moves to another state while they look at it; the visible
// state tag changes silently otherwise.
import { useEffect, useRef, useState } from 'react';
import type { CaseView } from '../api/backend.js';
import { useT } from '../i18n/useT.js';
import { VisuallyHidden } from './layout.js';

export function StateAnnouncer({ state }: { state: CaseView['state'] | null }) {
  const t = useT();
  const previous = useRef(state);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (state && previous.current !== state) setMessage(t('notice.state', { state: t(`state.${state}`) }));
    previous.current = state;
  }, [state, t]);
  return <VisuallyHidden role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">{message}</VisuallyHidden>;
}
