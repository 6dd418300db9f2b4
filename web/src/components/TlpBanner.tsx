import type { TlpLevel } from '../../../src/server/api/contract.ts';
import { tlpLabel } from '../lib/tlp.ts';

/** An object's TLP level in FIRST's colours: a full-width banner, or `compact` for a table cell or list item. */
export function TlpBanner({ tlp, marked = true, compact = false }: { tlp: TlpLevel; marked?: boolean; compact?: boolean }) {
  return (
    <span data-testid="tlp-banner" data-tlp={tlp} className={compact ? 'tlp tlp-compact' : 'tlp tlp-banner'}>
      {tlpLabel(tlp, marked)}
    </span>
  );
}
