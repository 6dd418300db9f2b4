import type { ObjectSummary } from '../../../src/server/api/contract.ts';
import { Link } from '../app/router.tsx';
import { objectPath } from '../lib/routes.ts';
import { TlpBanner } from './TlpBanner.tsx';

/** An object in a list: its TLP, a link by name, and its type. */
export function ObjectLink({ object }: { object: ObjectSummary }) {
  return (
    <span className="object-link">
      <TlpBanner tlp={object.tlp} marked={object.marked} compact />{' '}
      <Link to={objectPath(object.id)}>{object.name}</Link> <span className="muted">{object.type}</span>
    </span>
  );
}
