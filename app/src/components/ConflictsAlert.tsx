// Where the systems disagree (the order system and billing, say): shown above everything else
// that depends on them, with the citations on both sides.
import { Alert } from '@zendeskgarden/react-notifications';
import type { Conflict } from '../../../functions/src/domain/evidence.js';
import { useT } from '../i18n/useT.js';
import { CitationLine } from './CitationLine.js';
import { PlainList } from './layout.js';

export function ConflictsAlert({ conflicts }: { conflicts: Conflict[] }) {
  const t = useT();
  if (conflicts.length === 0) return null;
  return (
    <Alert type="warning" role="region" aria-label={t('conflicts.title')} data-testid="conflicts">
      <Alert.Title>{t('conflicts.title')}</Alert.Title>
      <PlainList>
        {conflicts.map((c, i) => (
          <li key={`${c.key}-${i}`} data-testid="conflict" data-key={c.key}>
            <Alert.Paragraph>{c.description}</Alert.Paragraph>
            {c.citations.map((cite, j) => <CitationLine key={j} citation={cite} />)}
          </li>
        ))}
      </PlainList>
    </Alert>
  );
}
