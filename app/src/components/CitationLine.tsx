// Where a fact came from: system, record type and id, field(s), when it was read, and a link that
// opens the record in its own system.
import { Anchor } from '@zendeskgarden/react-buttons';
import type { Citation } from '../../../functions/src/domain/evidence.js';
import { useT } from '../i18n/useT.js';
import { Muted } from './layout.js';

export function CitationLine({ citation }: { citation: Citation }) {
  const t = useT();
  const system = t.lookup(`system.${citation.system}`) ?? citation.system;
  const record = `${citation.recordType} ${citation.recordId}`;
  return (
    <Muted as="span" data-testid="citation" data-system={citation.system} data-record-id={citation.recordId} style={{ display: 'block' }}>
      {system} · {citation.link ? (
        <Anchor href={citation.link} isExternal externalIconLabel={t('link.newTab')} aria-label={t('citation.open', { recordType: citation.recordType, id: citation.recordId })}>
          {record}
        </Anchor>
      ) : record}
      {citation.fields.length > 0 && <> · <code>{citation.fields.join(', ')}</code></>}
      {' · '}{t('citation.fetched', { time: t.dateTime(citation.fetchedAt) })}
    </Muted>
  );
}
