// No case for this ticket yet: say so and offer to start the investigation.
import { Button } from '@zendeskgarden/react-buttons';
import { Well } from '@zendeskgarden/react-notifications';
import { useT } from '../i18n/useT.js';

export function EmptyState({ onInvestigate, busy }: { onInvestigate(): void; busy: boolean }) {
  const t = useT();
  return (
    <Well isRecessed data-testid="empty">
      <Well.Title>{t('empty.title')}</Well.Title>
      <Well.Paragraph>{t('empty.body')}</Well.Paragraph>
      <Button isPrimary size="small" onClick={onInvestigate} disabled={busy} aria-busy={busy}>
        {t('action.investigate')}
      </Button>
    </Well>
  );
}
