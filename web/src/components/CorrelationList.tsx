/** Ranked correlation suggestions for an incident: what each shares with the incident, why, and from which partner. */
import type { CorrelationReason, CorrelationSuggestion, IncidentCorrelations } from '../../../src/server/api/contract.ts';
import { ObjectLink } from './ObjectLink.tsx';

const REASON_LABEL: Record<CorrelationReason['kind'], string> = {
  observables: 'Shared observables',
  techniques: 'ATT&CK techniques in common',
  infrastructure: 'Shared infrastructure',
};

function Reason({ reason }: { reason: CorrelationReason }) {
  return (
    <li>
      <strong>{REASON_LABEL[reason.kind]}</strong>: {reason.count}
      {reason.jaccard !== undefined && <> (Jaccard {reason.jaccard.toFixed(2)})</>}
      {reason.examples.length > 0 && <>, e.g. {reason.examples.map((e, i) => <span key={i}>{i > 0 && ', '}<code>{e}</code></span>)}</>}
    </li>
  );
}

/** `onOpenCase`: offered on suggestions that can be a case's candidate (intrusion sets, threat actors). */
export function CorrelationList({ correlations, onOpenCase }: { correlations: IncidentCorrelations; onOpenCase?: (suggestion: CorrelationSuggestion) => void }) {
  return (
    <>
      {correlations.suggestions.length === 0 ? (
        <p className="muted">Nothing this node holds shares observables, techniques or infrastructure with the incident.</p>
      ) : (
        <ol className="correlations" data-testid="correlations">
          {correlations.suggestions.map((s) => (
            <li key={s.target.id} data-testid="correlation" data-target-id={s.target.id}>
              <div className="correlation-head">
                <ObjectLink object={s.target} />
                <span className="muted">{s.origin ? `from ${s.origin}` : 'from this node'} · score {s.score.toFixed(2)}</span>
              </div>
              <p className="explanation">{s.explanation}</p>
              <ul className="reasons">{s.reasons.map((r) => <Reason key={r.kind} reason={r} />)}</ul>
              {onOpenCase && isCandidate(s) && (
                <button type="button" className="small" onClick={() => onOpenCase(s)}>Open attribution case against {s.target.name}</button>
              )}
            </li>
          ))}
        </ol>
      )}
      {correlations.overCommon.length > 0 && (
        <p className="muted">Left out as too common to tell anything: {correlations.overCommon.map((v, i) => <span key={v}>{i > 0 && ', '}<code>{v}</code></span>)}</p>
      )}
    </>
  );
}

export const isCandidate = (s: CorrelationSuggestion): boolean => s.target.type === 'intrusion-set' || s.target.type === 'threat-actor';
