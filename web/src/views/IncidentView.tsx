/**
 * One incident: every field of its extension (category, status, countries,
 * sectors, impact, timeline, victims, related intelligence), the attribution
 * cases naming it, and ranked correlation suggestions, from which an
 * attribution case can be opened.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { CorrelationSuggestion, IncidentCorrelations, IncidentDetail, ObjectSummary } from '../../../src/server/api/contract.ts';
import { Link, navigate } from '../app/router.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { StatusBadge } from '../components/CaseBadges.tsx';
import { CorrelationList, isCandidate } from '../components/CorrelationList.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ObjectLink } from '../components/ObjectLink.tsx';
import { OpenCaseDialog } from '../components/OpenCaseDialog.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { CATEGORY_LABEL, formatUsd, impactBrief, INCIDENT_STATUS_LABEL } from '../lib/incident-format.ts';
import { casePath, objectPath } from '../lib/routes.ts';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function Objects({ items, empty }: { items: ObjectSummary[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return <ul className="plain">{items.map((o) => <li key={o.id}><ObjectLink object={o} /></li>)}</ul>;
}

function Section({ id, title, children, testId }: { id: string; title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function Impact({ detail }: { detail: IncidentDetail }) {
  const impact = detail.impact;
  if (!impact) return <p className="muted">No impact recorded.</p>;
  const brief = impactBrief(impact);
  return (
    <>
      <p>{brief.length > 0 ? brief.join(' · ') : 'No harm recorded.'}</p>
      <dl className="facts">
        <dt>Physical damage</dt><dd>{yesNo(impact.physical_damage)}</dd>
        <dt>Injury or death</dt><dd>{yesNo(impact.injury_or_death)}</dd>
        <dt>Data</dt><dd>{impact.data?.length ? impact.data.join(', ') : 'none recorded'}</dd>
        <dt>Disruption</dt><dd>{impact.disruption_hours === undefined ? '—' : `${formatNumber(impact.disruption_hours)} hours`}</dd>
        <dt>Economic cost</dt><dd>{impact.economic_cost_usd === undefined ? '—' : formatUsd(impact.economic_cost_usd)}</dd>
      </dl>
    </>
  );
}

function Correlations({ incident, onOpenCase }: { incident: string; onOpenCase: (s: CorrelationSuggestion, all: ObjectSummary[]) => void }) {
  const { data, error, loading } = useFetch<IncidentCorrelations>(`/api/incidents/${encodeURIComponent(incident)}/correlations`);
  const candidates = useMemo(() => (data?.suggestions ?? []).filter(isCandidate).map((s) => s.target), [data]);
  return (
    <Section id="inc-correlations" title="Correlation suggestions">
      <p aria-live="polite" className="muted">{loading ? 'Correlating…' : data ? `${data.suggestions.length} suggestions, best first.` : ''}</p>
      <ErrorAlert error={error} />
      {data && <CorrelationList correlations={data} onOpenCase={(s) => onOpenCase(s, candidates)} />}
    </Section>
  );
}

export function IncidentView({ id }: { id: string }) {
  const { data, error, loading } = useFetch<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`);
  const [opening, setOpening] = useState<{ candidateId: string; candidates: ObjectSummary[] } | undefined>();
  const summary = data?.summary;
  return (
    <div data-testid="incident-detail">
      <p className="breadcrumb"><Link to="/incidents">Incidents</Link> / <span className="mono">{id}</span></p>
      <PageTitle title={data?.name ?? id}>{data?.name ?? (loading ? 'Loading…' : id)}</PageTitle>
      <ErrorAlert error={error} />
      {data && summary && (
        <>
          <TlpBanner tlp={summary.tlp} marked={summary.marked} />
          <p className="object-meta">
            {data.category && <span className="badge">{CATEGORY_LABEL[data.category]}</span>}
            {data.status && <span className="badge">{INCIDENT_STATUS_LABEL[data.status]}</span>}
            <Link to={objectPath(summary.id)} className="button">Show as STIX object</Link>
          </p>
          {data.description && <p className="description">{data.description}</p>}
          <div className="grid-2">
            <Section id="inc-overview" title="Overview">
              <dl className="facts">
                <dt>Category</dt><dd>{data.category ? CATEGORY_LABEL[data.category] : '—'}</dd>
                <dt>Status</dt><dd>{data.status ? INCIDENT_STATUS_LABEL[data.status] : '—'}</dd>
                <dt>Countries</dt><dd>{data.countries.join(', ') || '—'}</dd>
                <dt>Sectors</dt><dd>{data.sectors.join(', ') || '—'}</dd>
                <dt>Recorded by</dt><dd>{summary.origin ? `Partner ${summary.origin}` : 'this node'}</dd>
                <dt>Created</dt><dd>{formatDateTime(summary.created)}</dd>
                <dt>Modified</dt><dd>{formatDateTime(summary.modified)}</dd>
              </dl>
            </Section>
            <Section id="inc-impact" title="Impact"><Impact detail={data} /></Section>
          </div>
          <Section id="inc-timeline" title="Timeline" testId="timeline">
            {data.timeline.length === 0 ? <p className="muted">No timeline recorded.</p> : (
              <ol className="timeline">
                {data.timeline.map((t, i) => <li key={i}><time dateTime={t.at}>{formatDateTime(t.at)}</time> {t.event}</li>)}
              </ol>
            )}
          </Section>
          <div className="grid-2">
            <Section id="inc-victims" title="Victims"><Objects items={data.victims} empty="No victims you may see." /></Section>
            <Section id="inc-related" title="Related intelligence" testId="related"><Objects items={data.related} empty="No related intelligence you may see." /></Section>
          </div>
          {data.missing.length > 0 && <p className="muted">Also referenced, not visible here: {data.missing.length} object(s) you may not see or this node does not hold.</p>}
          <Section id="inc-cases" title="Attribution cases">
            {data.cases.length === 0 ? <p className="muted">No attribution case names this incident.</p> : (
              <ul className="plain">
                {data.cases.map((c) => <li key={c.summary.id}><StatusBadge status={c.status} /> <Link to={casePath(c.summary.id)}>{c.name}</Link></li>)}
              </ul>
            )}
          </Section>
          <Correlations incident={summary.id} onOpenCase={(s, candidates) => setOpening({ candidateId: s.target.id, candidates })} />
          {opening && (
            <OpenCaseDialog
              incident={summary} candidates={opening.candidates} candidateId={opening.candidateId}
              onClose={() => setOpening(undefined)} onOpened={(detail) => navigate(casePath(detail.summary.id))}
            />
          )}
        </>
      )}
    </div>
  );
}
