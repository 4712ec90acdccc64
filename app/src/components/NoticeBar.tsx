// Messages about what just happened: the outcome of the agent's last action, a proposal that
// changed under them, or a refresh that failed while the last known case stays on screen.
import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import type { BackendError } from '../api/backend.js';
import type { NoticeKey } from '../case/useCase.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/useT.js';

const NOTICE: Record<NoticeKey, { key: MessageKey; type: 'info' | 'warning' | 'success' }> = {
  stale: { key: 'notice.stale', type: 'warning' },
  alreadyDecided: { key: 'notice.alreadyDecided', type: 'warning' },
  approved: { key: 'notice.approved', type: 'success' },
  denied: { key: 'notice.denied', type: 'info' },
  escalated: { key: 'notice.escalated', type: 'info' },
  investigating: { key: 'notice.investigating', type: 'info' },
  stillWorking: { key: 'notice.stillWorking', type: 'warning' },
  inserted: { key: 'notice.inserted', type: 'success' },
};

export interface NoticeBarProps {
  notice: NoticeKey | null;
  refreshError: BackendError | null;
  actionError: BackendError | null;
  onRetry(): void;
}

export function NoticeBar({ notice, refreshError, actionError, onRetry }: NoticeBarProps) {
  const t = useT();
  return (
    <>
      {notice && (
        <Alert type={NOTICE[notice].type} role="status" data-testid="notice" data-notice={notice}>
          {t(NOTICE[notice].key)}
        </Alert>
      )}
      {actionError && (
        <Alert type="error" data-testid="action-error">
          {actionError.unreachable ? t('unreachable.title') : t('error.action', { message: actionError.message })}
        </Alert>
      )}
      {refreshError && (
        <Alert type={refreshError.unreachable ? 'warning' : 'error'} data-testid={refreshError.unreachable ? 'unreachable' : 'refresh-error'}>
          <Alert.Paragraph>
            {refreshError.unreachable ? t('unreachable.title') : t('error.refresh', { message: refreshError.message })}
          </Alert.Paragraph>
          <Button size="small" onClick={onRetry}>{t('action.retry')}</Button>
        </Alert>
      )}
    </>
  );
}
