import { citationText, type WireRule } from '../../lib/law-assessment.ts';

/** The rules a conclusion or condition cites: id, title and instrument, with the source to read when the catalogue gives it. */
export function Citations({ ids, rules }: { ids: readonly string[]; rules: ReadonlyMap<string, WireRule> | undefined }) {
  if (ids.length === 0) return null;
  return (
    <ul className="law-citations">
      {ids.map((id) => {
        const rule = rules?.get(id);
        return (
          <li key={id}>
            <cite>{citationText(id, rules)}</cite>
            {rule && <span className="muted"> {rule.binding ? 'binding' : 'persuasive'} · {rule.source}</span>}
          </li>
        );
      })}
    </ul>
  );
}
