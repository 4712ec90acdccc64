// The case could not be loaded: an unreachable backend (status 0) reads differently from an error
// the backend reported, and both offer Retry.
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import type { BackendError } from '../api/backend.js';
import { useT } from '../i18n/useT.js';
import { Muted, Stack } from './layout.js';

export function ErrorState({ error, onRetry }: { error: BackendError; onRetry(): void }) {
  const t = useT();
  return (
    <Stack $gap={8} data-testid={error.unreachable ? 'unreachable' : 'error'}>
      <Alert type={error.unreachable ? 'warning' : 'error'}>
        <Alert.Title>{error.unreachable ? t('unreachable.title') : t('error.title')}</Alert.Title>
        <Alert.Paragraph>{error.unreachable ? t('unreachable.body') : error.message}</Alert.Paragraph>
        {error.requestId && <Muted>{t('error.requestId', { id: error.requestId })}</Muted>}
      </Alert>
      <div>
        <Button size="small" onClick={onRetry}>{t('action.retry')}</Button>
      </div>
    </Stack>
  );
}
