// Supplies the agent's string table and Intl locale to the tree; useT() reads it.
import { createContext, useEffect, useMemo, type ReactNode } from 'react';
import { pickLocale, type PickedLocale } from './pickLocale.js';

export const I18nContext = createContext<PickedLocale>(pickLocale('en'));

export function I18nProvider({ locale, children }: { locale: string | null | undefined; children: ReactNode }) {
  const picked = useMemo(() => pickLocale(locale), [locale]);
  // Screen readers pick their voice from the document's language.
  useEffect(() => {
    document.documentElement.lang = picked.intl;
  }, [picked.intl]);
  return <I18nContext.Provider value={picked}>{children}</I18nContext.Provider>;
}
