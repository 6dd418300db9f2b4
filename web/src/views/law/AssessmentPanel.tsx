/**
 * A legal assessment: the "decision support, not legal advice" label, then
 * each conclusion with the engine's verdict, reasoning, facts, citations and
 * (for "cannot determine") the facts that would decide it — and, side by
 * side, the analysts' overrides with their reasons. A stored assessment can
 * be overridden from here.
 */
import { useMemo, useState } from 'react';
import { factLabel } from '../../lib/law-facts.ts';
import { overridesByConclusion, type WireAssessment, type WireConclusion, type WireOverride, type WireRule } from '../../lib/law-assessment.ts';
import { VERDICT_BADGES } from '../../lib/law-verdict.ts';
import { formatDateTime } from '../../lib/format.ts';
import { Citations } from './Citations.tsx';
import { LawBadge } from './LawBadge.tsx';
import { OverrideDialog } from './OverrideDialog.tsx';

export function DisclaimerNote({ text }: { text: string }) {
  return (
    <div className="law-disclaimer" role="note" data-testid="legal-disclaimer">
      <strong>Decision support, not legal advice.</strong> {text.replace(/^Decision support, not legal advice\.\s*/, '')}
    </div>
  );
}

function EngineColumn({ conclusion, rules }: { conclusion: WireConclusion; rules: ReadonlyMap<string, WireRule> | undefined }) {
  return (
    <div className="law-engine">
      <h4>Engine <LawBadge table={VERDICT_BADGES} value={conclusion.verdict} testId="engine-verdict" /></h4>
      {conclusion.decided_by && conclusion.decided_by.length > 0 && (
        <div className="law-deciding" data-testid="deciding-facts">
          <p><strong>Would be decided by:</strong></p>
          <ul>
            {conclusion.decided_by.map((fact) => (
              <li key={fact.path}><strong>{factLabel(fact.path)}</strong> <code>{fact.path}</code> — {fact.why}</li>
            ))}
          </ul>
        </div>
      )}
      <h5>Reasoning</h5>
      <ol className="law-steps-list">{conclusion.steps.map((step, i) => <li key={i}>{step}</li>)}</ol>
      {conclusion.factors && conclusion.factors.length > 0 && (
        <>
          <h5>Schmitt factors</h5>
          <ul>{conclusion.factors.map((f) => <li key={f.factor}><strong>{f.factor}</strong> ({f.bearing.replace(/-/g, ' ')}): {f.reason}</li>)}</ul>
        </>
      )}
      {conclusion.conditions && conclusion.conditions.length > 0 && (
        <>
          <h5>Conditions</h5>
          <ul>{conclusion.conditions.map((c) => <li key={c.text}>{c.text} <span className="muted">({c.citations.join(', ')})</span></li>)}</ul>
        </>
      )}
      {conclusion.caveats && conclusion.caveats.length > 0 && (
        <>
          <h5>Caveats</h5>
          <ul>{conclusion.caveats.map((c) => <li key={c}>{c}</li>)}</ul>
        </>
      )}
      <h5>Facts relied on</h5>
      <p>{conclusion.facts.length > 0 ? conclusion.facts.map((path) => `${factLabel(path)} (${path})`).join('; ') : 'none'}</p>
      <h5>Citations</h5>
      <Citations ids={conclusion.citations} rules={rules} />
    </div>
  );
}

function OverrideColumn({ question, overrides, onOverride }: { question: string; overrides: readonly WireOverride[]; onOverride?: () => void }) {
  return (
    <div className="law-override" data-testid="override">
      <h4>Analyst override</h4>
      {overrides.length === 0 ? <p className="muted">No override.</p> : (
        <ol className="plain">
          {overrides.map((o) => (
            <li key={o.at + o.reason}>
              <LawBadge table={VERDICT_BADGES} value={o.verdict} testId="override-verdict" /> <span data-testid="override-reason">{o.reason}</span>
              <span className="muted small"> — {o.by}, {formatDateTime(o.at)}</span>
            </li>
          ))}
        </ol>
      )}
      {onOverride && <button type="button" aria-label={`Override: ${question}`} onClick={onOverride}>Override</button>}
    </div>
  );
}

export function AssessmentPanel({ assessment, rules, canOverride, onOverridden }: {
  assessment: WireAssessment;
  rules: ReadonlyMap<string, WireRule> | undefined;
  canOverride: boolean;
  onOverridden?: (stored: WireAssessment) => void;
}) {
  const overrides = useMemo(() => overridesByConclusion(assessment), [assessment]);
  const [editing, setEditing] = useState<WireConclusion>();
  const storedId = assessment.id;
  return (
    <div className="law-assessment" data-testid="legal-assessment">
      <DisclaimerNote text={assessment.disclaimer} />
      <p className="muted small">Engine {assessment.engine_version}{storedId ? ` · stored as ${storedId}` : ' · not stored'}</p>
      {assessment.conclusions.map((conclusion) => (
        <article key={conclusion.id} className="card law-conclusion" data-testid="conclusion" data-conclusion={conclusion.id} aria-labelledby={`conclusion-${conclusion.id}`}>
          <h3 id={`conclusion-${conclusion.id}`}>{conclusion.question}</h3>
          <div className="law-pair">
            <EngineColumn conclusion={conclusion} rules={rules} />
            {storedId && (
              <OverrideColumn
                question={conclusion.question}
                overrides={overrides.get(conclusion.id) ?? []}
                {...(canOverride && { onOverride: () => setEditing(conclusion) })}
              />
            )}
          </div>
        </article>
      ))}
      {editing && storedId && (
        <OverrideDialog
          assessmentId={storedId} conclusion={editing} onClose={() => setEditing(undefined)}
          onSaved={(stored) => {
            setEditing(undefined);
            onOverridden?.(stored);
          }}
        />
      )}
    </div>
  );
}
