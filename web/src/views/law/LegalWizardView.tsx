/**
 * The legal assessment wizard (`/legal`, `?case=ID` or `?incident=ID` to
 * attach): the facts step by step, each optional with an explicit "unknown";
 * the engine's reasoned and cited assessment (POST /api/legal/assess); store
 * it (POST /api/legal/assessments) and override conclusions with a reason.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { Link, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useAction } from '../../app/use-action.ts';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import type { WireAssessment } from '../../lib/law-assessment.ts';
import { formatDateTime } from '../../lib/format.ts';
import { answeredIn, EMPTY_FORM, FACT_STEPS, factsFromForm, schemaOptions, type FactsForm } from '../../lib/law-facts.ts';
import { canWriteLaw } from '../../lib/law-roles.ts';
import { casePath, incidentPath } from '../../lib/routes.ts';
import { responsesPath } from '../../lib/law-routes.ts';
import { AssessmentPanel } from './AssessmentPanel.tsx';
import { FactInput } from './FactInput.tsx';
import { useLegalRules } from './use-legal-rules.ts';
import '../../law.css';

export function LegalWizardView() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const caseId = params.get('case') || undefined;
  const incidentId = params.get('incident') || undefined;
  const session = useSession();
  const schema = useFetch<unknown>('/api/legal/schema');
  // What the partners already assessed for this case or incident: shown so an analyst starts from it, not from scratch.
  const storedQuery = new URLSearchParams({ ...(caseId && { case: caseId }), ...(incidentId && { incident: incidentId }) }).toString();
  const stored = useFetch<WireAssessment[]>(storedQuery ? `/api/legal/assessments?${storedQuery}` : undefined);
  const rules = useLegalRules();
  const [form, setForm] = useState<FactsForm>(EMPTY_FORM);
  const [stepIndex, setStepIndex] = useState(0);
  const [assessment, setAssessment] = useState<WireAssessment>();
  const assess = useAction();
  const store = useAction();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const step = FACT_STEPS[stepIndex]!;
  const writer = canWriteLaw(session.account.role);

  useEffect(() => {
    // Keyboard and screen-reader users start a new step at its heading (not on the first render).
    if (moved.current) stepHeading.current?.focus();
    moved.current = true;
  }, [stepIndex]);

  const goTo = (index: number) => setStepIndex(Math.max(0, Math.min(FACT_STEPS.length - 1, index)));
  const facts = useMemo(() => factsFromForm(form), [form]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (facts.problems.length > 0) return assess.fail(facts.problems);
    void assess.run(async () => {
      setAssessment(await api.post<WireAssessment>('/api/legal/assess', facts.facts));
    }, 'Assessed.', () => resultHeading.current?.focus());
  };

  const storeIt = () => {
    void store.run(async () => {
      const body = { facts: facts.facts, ...(caseId && { case_ref: caseId }), ...(incidentId && { incident_ref: incidentId }) };
      setAssessment(await api.post<WireAssessment>('/api/legal/assessments', body));
    }, 'Assessment stored.');
  };

  return (
    <>
      <PageTitle title="Legal assessment">Legal assessment</PageTitle>
      <p className="law-disclaimer" role="note"><strong>Decision support, not legal advice.</strong> The engine applies a fixed catalogue of rules to the facts you give; a fact left unknown is named where it would decide.</p>
      {(caseId || incidentId) && (
        <p>
          For {caseId && <>the attribution case <Link to={casePath(caseId)}>{caseId}</Link> (<Link to={responsesPath(caseId)}>response board</Link>)</>}
          {caseId && incidentId && ' and '}
          {incidentId && <>the incident <Link to={incidentPath(incidentId)}>{incidentId}</Link></>}.
        </p>
      )}
      {stored.data && stored.data.length > 0 && (
        <section aria-labelledby="stored-heading" data-testid="stored-assessments">
          <h2 id="stored-heading">Stored assessments</h2>
          <ul>
            {stored.data.map((item) => (
              <li key={item.id}>
                <button type="button" onClick={() => setAssessment(item)}>Show the assessment of {formatDateTime(item.modified)}</button>
                {item.overrides && item.overrides.length > 0 && <span className="muted"> · {item.overrides.length} override{item.overrides.length === 1 ? '' : 's'}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ErrorAlert error={schema.error ?? stored.error} />
      <form className="law-wizard" onSubmit={submit} aria-label="Facts">
        <nav aria-label="Steps">
          <ol className="law-stepper">
            {FACT_STEPS.map((s, i) => (
              <li key={s.id}>
                <button type="button" aria-current={i === stepIndex ? 'step' : undefined} onClick={() => goTo(i)}>
                  {i + 1}. {s.title} <span className="muted small">({answeredIn(s, form)}/{s.fields.length})</span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <section className="card law-step" aria-labelledby="step-heading">
          <h2 id="step-heading" ref={stepHeading} tabIndex={-1}>Step {stepIndex + 1} of {FACT_STEPS.length}: {step.title}</h2>
          <div className="law-fields">
            {step.fields.map((field) => (
              <FactInput
                key={field.path} field={field} value={form[field.path]} options={schemaOptions(schema.data, field.path)}
                onChange={(value) => setForm((f) => ({ ...f, [field.path]: value }))}
              />
            ))}
          </div>
          <div className="buttons">
            <button type="button" onClick={() => goTo(stepIndex - 1)} disabled={stepIndex === 0}>Previous step</button>
            <button type="button" onClick={() => goTo(stepIndex + 1)} disabled={stepIndex === FACT_STEPS.length - 1}>Next step</button>
            <button type="submit" className="primary" disabled={assess.busy}>Assess</button>
          </div>
        </section>
        <ErrorAlert error={assess.error} />
      </form>
      <p aria-live="polite" className="visually-hidden">{assess.done || store.done}</p>
      {assessment && (
        <section aria-labelledby="result-heading">
          <h2 id="result-heading" ref={resultHeading} tabIndex={-1}>Assessment</h2>
          {writer && !assessment.id && (
            <p><button type="button" onClick={storeIt} disabled={store.busy}>Store assessment</button></p>
          )}
          {store.done && <p className="status-ok" data-testid="stored">{store.done}</p>}
          <ErrorAlert error={store.error} />
          <AssessmentPanel assessment={assessment} rules={rules} canOverride={writer} onOverridden={setAssessment} />
        </section>
      )}
    </>
  );
}
