// The investigation: each fact with a human label, its value formatted for the agent's locale,
// and every citation it rests on.
import type { Fact } from '../../../functions/src/domain/evidence.js';
import { useT } from '../i18n/useT.js';
import { CitationLine } from './CitationLine.js';
import { Muted, PlainList, SectionHeading } from './layout.js';

export function FactsSummary({ facts }: { facts: Fact[] }) {
  const t = useT();
  return (
    <section aria-labelledby="cc-facts">
      <SectionHeading id="cc-facts">{t('facts.heading')}</SectionHeading>
      {facts.length === 0 ? <Muted>{t('facts.empty')}</Muted> : (
        <PlainList>
          {facts.map((f) => (
            <li key={f.key} data-testid="fact" data-key={f.key}>
              <div>
                <strong>{t.lookup(`fact.${f.key}`) ?? f.key}</strong>: <span data-testid="fact-value">{t.value(f.value)}</span>
              </div>
              {f.citations.map((c, i) => <CitationLine key={i} citation={c} />)}
            </li>
          ))}
        </PlainList>
      )}
    </section>
  );
}
