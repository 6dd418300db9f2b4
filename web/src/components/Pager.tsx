/** Previous / Next for a server-paged list; the offset lives in the URL, so Back works. */
import { formatCount } from '../lib/format.ts';

export function Pager({ offset, limit, total, noun, onOffset }: { offset: number; limit: number; total: number; noun: [string, string]; onOffset: (offset: number) => void }) {
  const last = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <span className="muted" aria-live="polite">{total === 0 ? '' : `${offset + 1}–${last} of ${formatCount(total, noun[0], noun[1])}`}</span>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>Previous</button>
      <button type="button" disabled={last >= total} onClick={() => onOffset(offset + limit)}>Next</button>
    </div>
  );
}
