/** One post-incident review (`/lessons/:id`): what happened, what worked and did not, recommendations with owners, due dates and status, linked incidents. */
import type { LessonsInputBody, StoredWorkflowObject } from '../../../../src/server/api/contract.ts';
import { Link } from '../../app/router.tsx';
import { useFetch } from '../../app/use-fetch.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { casePath, incidentPath } from '../../lib/routes.ts';
import '../../law.css';

type Lesson = StoredWorkflowObject & Partial<LessonsInputBody>;

function List({ title, items }: { title: string; items: readonly string[] | undefined }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {items && items.length > 0 ? <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul> : <p className="muted">Nothing recorded.</p>}
    </section>
  );
}

export function LessonView({ id }: { id: string }) {
  const { data, error } = useFetch<Lesson>(`/api/lessons/${encodeURIComponent(id)}`);
  return (
    <>
      <PageTitle title={data?.name ?? 'Lessons learned'}>{data?.name ?? 'Lessons learned'}</PageTitle>
      <p><Link to="/lessons">All lessons learned</Link></p>
      <ErrorAlert error={error} />
      {data && (
        <div data-testid="lesson-detail">
          <p className="muted small">Recorded by {data.created_by_ref}, last changed {formatDateTime(data.modified)}</p>
          <section aria-labelledby="happened-heading"><h2 id="happened-heading">What happened</h2><p>{data.what_happened}</p></section>
          <List title="What worked" items={data.what_worked} />
          <List title="What did not work" items={data.what_did_not_work} />
          <section aria-labelledby="recs-heading">
            <h2 id="recs-heading">Recommendations</h2>
            {data.recommendations && data.recommendations.length > 0 ? (
              <div className="table-wrap">
                <table data-testid="recommendations">
                  <caption className="visually-hidden">Recommendations</caption>
                  <thead><tr><th scope="col">Recommendation</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
                  <tbody>{data.recommendations.map((r) => <tr key={r.text}><td>{r.text}</td><td>{r.owner}</td><td>{formatDateTime(r.due)}</td><td>{r.status}</td></tr>)}</tbody>
                </table>
              </div>
            ) : <p className="muted">None.</p>}
          </section>
          <section aria-labelledby="links-heading">
            <h2 id="links-heading">Incidents and cases</h2>
            <ul>
              {(data.incident_refs ?? []).map((ref) => <li key={ref}><Link to={incidentPath(ref)}>{ref}</Link></li>)}
              {(data.case_refs ?? []).map((ref) => <li key={ref}><Link to={casePath(ref)}>{ref}</Link></li>)}
            </ul>
          </section>
        </div>
      )}
    </>
  );
}
