// Picks the component for the ZAF location the host registered the app in. Only ticket_sidebar
// exists today; another location is one more entry in LOCATIONS.
import { DEFAULT_THEME, ThemeProvider } from '@zendeskgarden/react-theming';
import type { ComponentType } from 'react';
import { I18nProvider } from './i18n/I18nProvider.js';
import { useT } from './i18n/useT.js';
import { TicketSidebar, type LocationProps } from './locations/TicketSidebar.js';
import { useRegistration } from './zaf/useClient.js';

export const LOCATIONS: Record<string, ComponentType<LocationProps>> = {
  ticket_sidebar: TicketSidebar,
};

function UnsupportedLocation() {
  const t = useT();
  return <p role="note">{t('app.unsupportedLocation')}</p>;
}

export function App({ pollMs = 1000 }: { pollMs?: number }) {
  const { context } = useRegistration();
  const Location = LOCATIONS[context.location];
  return (
    <ThemeProvider theme={DEFAULT_THEME}>
      {Location ? <Location pollMs={pollMs} /> : (
        <I18nProvider locale={typeof navigator === 'undefined' ? 'en' : navigator.language}>
          <UnsupportedLocation />
        </I18nProvider>
      )}
    </ThemeProvider>
  );
}
