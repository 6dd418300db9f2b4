/** Lessons learned (`/lessons`): search by text, incident, owner and status (in the URL), and a form to record a review. */
import { useState, type FormEvent } from 'react';
import type { StoredWorkflowObject } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { useAction } from '../../app/use-action.ts';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { lessonBody, lessonQuery, parseLessonSearch, RECOMMENDATION_STATUSES, type LessonForm, type LessonSearch } from '../../lib/law-lessons.ts';
import { canWriteLaw } from '../../lib/law-roles.ts';
import { lessonPath } from '../../lib/law-routes.ts';
import '../../law.css';

const EMPTY: LessonForm = { name: '', whatHappened: '', whatWorked: '', whatDidNotWork: '', recommendations: '', incidents: '' };
const FIELDS: readonly [keyof LessonForm, string, string?][] = [
  ['name', 'Name'], ['whatHappened', 'What happened'], ['whatWorked', 'What worked', 'One per line.'], ['whatDidNotWork', 'What did not work', 'One per line.'],
  ['recommendations', 'Recommendations', 'One per line: text | owner | YYYY-MM-DD | status (open, in-progress, done, dropped).'], ['incidents', 'Incidents', 'Incident ids, comma-separated.'],
];

function RecordForm({ onSaved }: { onSaved: (id: string) => void }) {
  const [form, setForm] = useState<LessonForm>(EMPTY);
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { body, problems } = lessonBody(form);
    if (!body) return action.fail(problems);
    let id = '';
    void action.run(async () => {
      id = (await api.post<StoredWorkflowObject>('/api/lessons', body)).id;
    }, 'Review recorded.', () => onSaved(id));
  };
  return (
    <form className="card case-form" onSubmit={submit} aria-labelledby="record-heading">
      <h2 id="record-heading">Record a review</h2>
      {FIELDS.map(([key, label, help]) => (
        <div className="field" key={key}>
          <label htmlFor={`lesson-${key}`}>{label}</label>
          {key === 'name' || key === 'incidents'
            ? <input id={`lesson-${key}`} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} {...(help && { 'aria-describedby': `lesson-${key}-help` })} />
            : <textarea id={`lesson-${key}`} rows={3} value={form[key]} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} {...(help && { 'aria-describedby': `lesson-${key}-help` })} />}
          {help && <p id={`lesson-${key}-help`} className="muted small">{help}</p>}
        </div>
      ))}
      <ErrorAlert error={action.error} />
      <div className="buttons"><button type="submit" disabled={action.busy}>Record review</button></div>
    </form>
  );
}

export function LessonsView() {
  const location = useLocation();
  const session = useSession();
  const search = parseLessonSearch(location.search);
  const [draft, setDraft] = useState<LessonSearch>(search);
  const { data, error, loading } = useFetch<StoredWorkflowObject[]>(`/api/lessons${lessonQuery(search)}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/lessons${lessonQuery(draft)}`);
  };
  return (
    <>
      <PageTitle title="Lessons learned">Lessons learned</PageTitle>
      <form className="filters" onSubmit={submit} role="search" aria-label="Search lessons">
        {(['q', 'incident', 'owner'] as const).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`lessons-${key}`}>{key === 'q' ? 'Text' : key === 'incident' ? 'Incident' : 'Owner'}</label>
            <input id={`lessons-${key}`} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
          </div>
        ))}
        <div className="field">
          <label htmlFor="lessons-status">Status</label>
          <select id="lessons-status" value={draft.status} onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value }))}>
            <option value="">Any</option>
            {RECOMMENDATION_STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorAlert error={error} />
      <p aria-live="polite" data-testid="lessons-total">{loading ? 'Searching…' : data ? `${data.length} review${data.length === 1 ? '' : 's'}` : ''}</p>
      <ul className="plain" data-testid="lessons">
        {(data ?? []).map((l) => (
          <li key={l.id} className="card">
            <Link to={lessonPath(l.id)}>{String(l.name)}</Link> <span className="muted small">{formatDateTime(l.modified)}</span>
            <p>{String(l.what_happened ?? '')}</p>
          </li>
        ))}
      </ul>
      {canWriteLaw(session.account.role) && <RecordForm onSaved={(id) => navigate(lessonPath(id))} />}
    </>
  );
}
