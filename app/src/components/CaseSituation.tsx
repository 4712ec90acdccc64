// Why a resting case rests: waiting on a system (with the honest reason and the next retry),
// escalated (to whom and why), or waiting for facts only the customer can give.
import { Alert } from '@zendeskgarden/react-notifications';
import type { CaseView } from '../api/backend.js';
import { useT } from '../i18n/useT.js';

export function CaseSituation({ view }: { view: CaseView }) {
  const t = useT();
  const { waiting, escalation } = view;
  return (
    <>
      {view.state === 'waiting_on_system' && waiting && (
        <Alert type="warning" role="note" data-testid="waiting">
          <Alert.Title>{t('waiting.title', { system: waiting.system ? (t.lookup(`system.${waiting.system}`) ?? waiting.system) : '—' })}</Alert.Title>
          <Alert.Paragraph>{waiting.reason}</Alert.Paragraph>
          <Alert.Paragraph data-testid="retry-at">
            {waiting.retryAt ? t('waiting.retryAt', { time: t.dateTime(waiting.retryAt) }) : t('waiting.noRetry')}
          </Alert.Paragraph>
        </Alert>
      )}
      {view.state === 'escalated' && escalation && (
        <Alert type="info" role="note" data-testid="escalation">
          <Alert.Title>{t('escalated.title')}</Alert.Title>
          <Alert.Paragraph>{escalation.detail || escalation.reason}</Alert.Paragraph>
          {escalation.groupId && <Alert.Paragraph>{t('escalated.group', { id: escalation.groupId })}</Alert.Paragraph>}
        </Alert>
      )}
      {view.missing.length > 0 && (
        <Alert type="info" role="note" data-testid="missing">
          <Alert.Title>{t('missing.title')}</Alert.Title>
          <Alert.Paragraph>{t('missing.body', { items: t.list(view.missing.map((k) => t.lookup(`fact.${k}`) ?? k)) })}</Alert.Paragraph>
        </Alert>
      )}
    </>
  );
}
