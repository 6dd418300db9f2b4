/** The partners this node federates with (keys, link health) and the agreements that decide what flows to and from each. */
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import type { AgreementView, PartnerView, SyncLink } from '../../../src/server/api/contract.ts';
import { useSession } from '../app/session.tsx';
import { useFetch } from '../app/use-fetch.ts';
import { AgreementEditor } from '../components/AgreementEditor.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { PartnerEditor } from '../components/PartnerEditor.tsx';
import { HealthBadge } from '../components/SyncTable.tsx';
import { TlpBanner } from '../components/TlpBanner.tsx';
import { formatDateTime } from '../lib/format.ts';
import { canEditAgreements } from '../lib/roles.ts';

/** A partner's link status: its worst link (failing, then never synced, then OK). */
function worstHealth(links: SyncLink[]): SyncLink['health'] | undefined {
  return (['failing', 'never', 'ok'] as const).find((h) => links.some((l) => l.health === h));
}

const partner = createColumnHelper<PartnerView>();
const partnerColumns = (onEdit: ((p: PartnerView) => void) | undefined) => [
  partner.accessor('name', { header: 'Name' }),
  partner.accessor('kind', { header: 'Kind' }),
  partner.accessor('url', { header: 'URL', cell: (c) => <span className="mono break">{c.getValue() ?? '—'}</span> }),
  partner.accessor('keyFingerprint', { header: 'Key fingerprint', cell: (c) => <span className="mono break">{c.getValue() ?? 'no key registered'}</span> }),
  partner.accessor('links', {
    header: 'Link status',
    cell: (c) => {
      const health = worstHealth(c.getValue());
      return health ? <HealthBadge health={health} /> : <span className="muted">no links</span>;
    },
  }),
  ...(onEdit
    ? [partner.display({ id: 'edit', header: () => <span className="visually-hidden">Actions</span>, cell: (c) => <button type="button" aria-label={`Edit partner ${c.row.original.name}`} onClick={() => onEdit(c.row.original)}>Edit</button> })]
    : []),
];

const list = (values: string[]) => (values.includes('*') ? 'all' : values.join(', '));

export function PartnersView() {
  const session = useSession();
  const partners = useFetch<PartnerView[]>('/api/partners');
  const agreements = useFetch<AgreementView[]>('/api/agreements');
  const [editing, setEditing] = useState<AgreementView | undefined>();
  const [editingPartner, setEditingPartner] = useState<PartnerView | undefined>();
  const [saved, setSaved] = useState<string>('');
  const canEdit = canEditAgreements(session.account.role);
  const partnerTable = useMemo(() => partnerColumns(canEdit ? setEditingPartner : undefined), [canEdit]);

  const agreementColumns = useMemo(() => {
    const a = createColumnHelper<AgreementView>();
    return [
      a.accessor('id', { header: 'Agreement', cell: (c) => <span className="mono">{c.getValue()}</span> }),
      a.accessor('partner', { header: 'Partner' }),
      a.accessor('direction', { header: 'Direction', cell: (c) => (c.getValue() === 'outbound' ? 'we share →' : '← we accept') }),
      a.accessor('tlp', { header: 'TLP', cell: (c) => <span className="tlp-list">{c.getValue().map((l) => <TlpBanner key={l} tlp={l} compact />)}</span> }),
      a.accessor('objectTypes', { header: 'Object types', cell: (c) => list(c.getValue()) }),
      a.accessor('collections', { header: 'Collections', cell: (c) => list(c.getValue()) }),
      a.accessor('onward', { header: 'Onward', cell: (c) => (c.getValue() ? 'allowed' : 'no') }),
      a.accessor('basis', { header: 'Basis', cell: (c) => c.getValue() ?? '—' }),
      a.accessor('updatedAt', { header: 'Updated', cell: (c) => formatDateTime(c.getValue()) }),
      ...(canEdit
        ? [a.display({ id: 'edit', header: () => <span className="visually-hidden">Actions</span>, cell: (c) => <button type="button" onClick={() => setEditing(c.row.original)}>Edit</button> })]
        : []),
    ];
  }, [canEdit]);

  return (
    <>
      <PageTitle title="Partners and agreements">Partners and agreements</PageTitle>
      <p aria-live="polite" className="muted">{saved}</p>
      <section aria-labelledby="p-partners">
        <h2 id="p-partners">Partners</h2>
        <ErrorAlert error={partners.error} />
        {partners.data && <DataTable data={partners.data} columns={partnerTable} caption="Partners" testId="partners" rowId={(p) => p.name} empty="No partners registered." />}
      </section>
      <section aria-labelledby="p-agreements">
        <h2 id="p-agreements">Agreements</h2>
        <ErrorAlert error={agreements.error} />
        {agreements.data && (
          <DataTable
            data={agreements.data}
            columns={agreementColumns}
            caption="Agreements"
            testId="agreements"
            rowId={(a) => a.id}
            rowProps={(a) => ({ 'data-testid': 'agreement-row', 'data-agreement-id': a.id })}
            empty="No agreements: nothing is shared."
          />
        )}
      </section>
      {editingPartner && (
        <PartnerEditor
          partner={editingPartner}
          onClose={() => setEditingPartner(undefined)}
          onSaved={(p) => {
            setEditingPartner(undefined);
            setSaved(p === undefined ? 'Nothing changed.' : `Partner ${p.name} saved.`);
            partners.reload();
          }}
        />
      )}
      {editing && (
        <AgreementEditor
          agreement={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(a) => {
            setEditing(undefined);
            setSaved(`Agreement ${a.id} saved.`);
            agreements.reload();
          }}
        />
      )}
    </>
  );
}
