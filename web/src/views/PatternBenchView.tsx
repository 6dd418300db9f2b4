/** Type a STIX pattern, see its problems positioned as you type, run it against sample observations. */
import { useEffect, useState, type FormEvent } from 'react';
import type { PatternCheck, PatternMatchRequest, PatternMatchResult, PatternProblem } from '../../../src/server/api/contract.ts';
import { api, isAbort } from '../api/client.ts';
import { useDebounced } from '../app/use-fetch.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatCount } from '../lib/format.ts';
import { caretView, describeProblem } from '../lib/caret.ts';
import { parseObservations, SAMPLE_OBSERVATIONS, SAMPLE_PATTERN } from '../lib/observations.ts';

const CHECK_DEBOUNCE_MS = 200;

/**
 * The problems as text ("line L, column C: message", what screen readers
 * read and tests match), then each one's line of the pattern with a caret under
 * the position (visual only: the text above already says where).
 */
function ProblemList({ pattern, problems, testId, kind }: { pattern: string; problems: PatternProblem[]; testId: string; kind: 'error' | 'warning' }) {
  return (
    <div className={`problems problems-${kind}`}>
      <ul data-testid={testId}>
        {problems.map((p, i) => <li key={i} className="problem-text">{describeProblem(p)}</li>)}
      </ul>
      {problems.map((p, i) => {
        const view = caretView(pattern, p);
        return (
          <pre key={i} className="caret" data-testid={`${testId}-caret`} aria-hidden="true">
            {`${view.source}\n`}
            <span className="caret-mark">{view.caret}</span>
          </pre>
        );
      })}
    </div>
  );
}

export function PatternBenchView() {
  const [pattern, setPattern] = useState(SAMPLE_PATTERN);
  const [observations, setObservations] = useState(SAMPLE_OBSERVATIONS);
  const settled = useDebounced(pattern, CHECK_DEBOUNCE_MS);
  const [check, setCheck] = useState<{ pattern: string; result: PatternCheck } | undefined>();
  const [checkError, setCheckError] = useState<unknown>();
  const [run, setRun] = useState<{ result?: PatternMatchResult; error?: unknown; busy: boolean }>({ busy: false });

  useEffect(() => {
    const controller = new AbortController();
    api.post<PatternCheck>('/api/pattern/check', { pattern: settled }, { signal: controller.signal }).then(
      (result) => {
        setCheck({ pattern: settled, result });
        setCheckError(undefined);
      },
      (error: unknown) => {
        if (!isAbort(error)) setCheckError(error);
      },
    );
    return () => controller.abort();
  }, [settled]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseObservations(observations);
    if (!parsed.ok) {
      setRun({ error: new Error(parsed.problem), busy: false });
      return;
    }
    setRun({ busy: true });
    try {
      const body: PatternMatchRequest = { pattern, observations: parsed.observations };
      setRun({ result: await api.post<PatternMatchResult>('/api/pattern/match', body), busy: false });
    } catch (error) {
      setRun({ error, busy: false });
    }
  };

  const result = check?.result;
  const stale = check !== undefined && check.pattern !== pattern;
  return (
    <>
      <PageTitle title="Pattern bench">Pattern bench</PageTitle>
      <form className="bench" onSubmit={submit}>
        <div className="field">
          <label htmlFor="bench-pattern">Pattern</label>
          <textarea
            id="bench-pattern"
            className="mono"
            rows={4}
            spellCheck={false}
            value={pattern}
            aria-describedby="bench-status"
            aria-invalid={result ? !result.ok : undefined}
            onChange={(e) => setPattern(e.target.value)}
          />
          <div id="bench-status" aria-live="polite" className={result && !result.ok ? 'status-bad' : 'status-ok'}>
            {!result ? 'Checking…' : result.ok ? `Pattern is valid${result.warnings.length ? ` (${formatCount(result.warnings.length, 'warning')})` : ''}.` : `${formatCount(result.errors.length, 'error')}.`}
            {stale && <span className="muted"> (checking…)</span>}
          </div>
          <ErrorAlert error={checkError} />
          {check && <ProblemList pattern={check.pattern} problems={check.result.errors} testId="pattern-errors" kind="error" />}
          {check && check.result.warnings.length > 0 && <ProblemList pattern={check.pattern} problems={check.result.warnings} testId="pattern-warnings" kind="warning" />}
        </div>
        <div className="field">
          <label htmlFor="bench-observations">Observations</label>
          <p id="bench-observations-help" className="muted">A JSON array of observed-data objects, bundles or flat log records.</p>
          <textarea id="bench-observations" className="mono" rows={12} spellCheck={false} aria-describedby="bench-observations-help" value={observations} onChange={(e) => setObservations(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={run.busy}>Run</button>
      </form>
      <div aria-live="polite">
        <ErrorAlert error={run.error} />
        {run.result && (
          <p data-testid="pattern-result" className={run.result.matched ? 'result-matched' : 'result-none'}>
            {run.result.matched
              ? `Matched: observation${run.result.matchedObservations.length === 1 ? '' : 's'} ${run.result.matchedObservations.map((i) => i + 1).join(', ')} of ${run.result.observationCount}.`
              : `No match in ${formatCount(run.result.observationCount, 'observation')}.`}
          </p>
        )}
      </div>
    </>
  );
}
