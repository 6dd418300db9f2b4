/** Sync links per partner (dashboard and partners page): health, last success, lag, last error. */
import { createColumnHelper } from '@tanstack/react-table';
import type { SyncLink } from '../../../src/server/api/contract.ts';
import { formatDateTime, formatDuration } from '../lib/format.ts';
import { DataTable } from './DataTable.tsx';

const HEALTH_TEXT: Record<SyncLink['health'], string> = { ok: 'OK', failing: 'Failing', never: 'Never synced' };

export function HealthBadge({ health }: { health: SyncLink['health'] }) {
  return <span className={`badge health-${health}`}>{HEALTH_TEXT[health]}</span>;
}

const column = createColumnHelper<SyncLink>();
const columns = [
  column.accessor('partner', { header: 'Partner' }),
  column.accessor('direction', { header: 'Direction' }),
  column.accessor('collectionId', { header: 'Collection', cell: (c) => <span className="mono">{c.getValue()}</span> }),
  column.accessor('health', { header: 'Health', cell: (c) => <HealthBadge health={c.getValue()} /> }),
  column.accessor('lastSuccessAt', { header: 'Last success', cell: (c) => formatDateTime(c.getValue()) }),
  column.accessor('lagSeconds', { header: 'Lag', cell: (c) => (c.getValue() === undefined ? '—' : formatDuration(c.getValue() as number)) }),
  column.accessor('lastError', { header: 'Last error', cell: (c) => c.getValue() ?? '—' }),
];

export function SyncTable({ links, testId = 'sync' }: { links: SyncLink[]; testId?: string }) {
  return (
    <DataTable
      data={links}
      columns={columns}
      caption="Sync links"
      testId={testId}
      rowId={(l) => `${l.partner}/${l.direction}/${l.collectionId}`}
      empty="No sync links are configured."
    />
  );
}
