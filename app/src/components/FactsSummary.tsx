// The investigation: each fact with a human label, its value formatted for the agent's locale,
// and every citation it rests on. The facts the playbook decided on come first; the rest of the
// evidence is one click away, so the decision is readable without scrolling past every record.
import type { Fact } from '../../../functions/src/domain/evidence.js';
import { useT } from '../i18n/useT.js';
import { CitationLine } from './CitationLine.js';
import { Muted, PlainList, SectionHeading } from './layout.js';

function FactList({ facts }: { facts: Fact[] }) {
  const t = useT();
  return (
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
  );
}

export function FactsSummary({ facts, keyFacts = [] }: { facts: Fact[]; keyFacts?: string[] }) {
  const t = useT();
  const byKey = new Map(facts.map((f) => [f.key, f]));
  const key = keyFacts.flatMap((k) => byKey.get(k) ?? []);
  const rest = key.length ? facts.filter((f) => !keyFacts.includes(f.key)) : facts;
  return (
    <section aria-labelledby="cc-facts">
      <SectionHeading id="cc-facts">{t('facts.heading')}</SectionHeading>
      {facts.length === 0 ? <Muted>{t('facts.empty')}</Muted> : key.length === 0 ? <FactList facts={facts} /> : (
        <>
          <FactList facts={key} />
          {rest.length > 0 && (
            <details data-testid="more-evidence">
              <summary>{t('facts.more', { count: rest.length })}</summary>
              <FactList facts={rest} />
            </details>
          )}
        </>
      )}
    </section>
  );
}
