/** A STIX object's JSON, readably: nested definition lists, identifiers in `*_ref(s)` properties as links to their objects. */
import { Link } from '../app/router.tsx';
import { objectPath } from '../lib/routes.ts';
import { isStixId, refsOf } from '../lib/stix-refs.ts';

function Scalar({ value, refKey }: { value: unknown; refKey: string }) {
  if (typeof value === 'string') {
    if (refsOf(refKey, value).length) return <Link to={objectPath(value)} className="mono">{value}</Link>;
    return <span className={isStixId(value) ? 'mono' : 'json-string'}>{value}</span>;
  }
  if (value === null) return <span className="muted">null</span>;
  return <span className="json-literal">{String(value)}</span>;
}

function Value({ value, name }: { value: unknown; name: string }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">(empty list)</span>;
    return (
      <ol className="json-list">
        {value.map((item, i) => (
          <li key={i}>
            <Value value={item} name={name} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === 'object' && value !== null) return <JsonView value={value as Record<string, unknown>} />;
  return <Scalar value={value} refKey={name} />;
}

export function JsonView({ value }: { value: Record<string, unknown> }) {
  return (
    <dl className="json">
      {Object.entries(value).map(([key, v]) => (
        <div key={key} className="json-row">
          <dt>{key}</dt>
          <dd>
            <Value value={v} name={key} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
