/**
 * The joint public statement: drafting from the agreed case, its text, its
 * co-signatures with their verification, signing as this node, and what
 * publishing still needs; once published, a link to the node's public page.
 */
import { createColumnHelper } from '@tanstack/react-table';
import type { CaseDetail, CaseSignatureView } from '../../../../src/server/api/contract.ts';
import { api } from '../../api/client.ts';
import { useAction } from '../../app/use-action.ts';
import { formatDateTime } from '../../lib/format.ts';
import { publicStatementPath } from '../../lib/routes.ts';
import { statementActions } from '../../lib/workspace.ts';
import { DataTable } from '../DataTable.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { TlpBanner } from '../TlpBanner.tsx';

const row = createColumnHelper<CaseSignatureView>();
const columns = [
  row.accessor((s) => s.signerName ?? s.signer, { id: 'signer', header: 'Signer' }),
  row.accessor('fingerprint', { header: 'Key fingerprint', cell: (c) => <span className="mono break">{c.getValue()}</span> }),
  row.accessor('signedVersion', { header: 'Version signed', cell: (c) => formatDateTime(c.getValue()) }),
  row.accessor('signedAt', { header: 'Signed', cell: (c) => formatDateTime(c.getValue()) }),
  row.accessor('valid', {
    header: 'Verification',
    cell: (c) => (c.getValue()
      ? <span className="status-ok" data-testid="signature-valid">✓ verifies</span>
      : <span className="status-bad">✗ does not verify{c.row.original.reason ? `: ${c.row.original.reason}` : ''}</span>),
  }),
];

/** An action button and, when it may not be used, why. */
function ActionButton({ id, label, state, busy, onClick }: { id: string; label: string; state: { allowed: boolean; reason?: string }; busy: boolean; onClick: () => void }) {
  return (
    <p>
      <button type="button" disabled={!state.allowed || busy} aria-describedby={state.reason ? `${id}-why` : undefined} onClick={onClick}>{label}</button>
      {state.reason && <span id={`${id}-why`} className="muted refusal"> Not now: {state.reason}.</span>}
    </p>
  );
}

export function StatementSection({ detail, named, onChanged }: { detail: CaseDetail; named: (text: string) => string; onChanged: () => void }) {
  const action = useAction();
  const actions = statementActions(detail);
  const statement = detail.statement;
  const publish = detail.transitions.find((t) => t.to === 'published');
  const caseId = encodeURIComponent(detail.summary.id);
  return (
    <section className="card" aria-labelledby="ws-statement" data-testid="statement">
      <h2 id="ws-statement">Joint statement</h2>
      {statement ? (
        <>
          <TlpBanner tlp={statement.summary.tlp} marked={statement.summary.marked} />
          <blockquote className="statement-text" data-testid="statement-text">{statement.text}</blockquote>
          <p className="muted">
            {statement.published ? `Published ${formatDateTime(statement.published)}. ` : ''}
            <a href={statement.bundleHref} download>Download the signed bundle</a> (check it with <code>accord verify FILE</code>).
            {detail.case.status === 'published' && <> <a href={publicStatementPath(statement.summary.id)} data-testid="public-link">Public page</a> (no login).</>}
          </p>
          <h3>Signatures</h3>
          <DataTable data={detail.signatures} columns={columns} caption="Co-signatures of the statement" testId="signatures" rowId={(s) => s.id} rowProps={() => ({ 'data-testid': 'signature-row' })} empty="Not signed yet." />
          <ActionButton id="st-sign" label="Sign as this node" state={actions.sign} busy={action.busy}
            onClick={() => void action.run(() => api.post(`/api/statements/${encodeURIComponent(statement.summary.id)}/signatures`, {}), 'Signed.', onChanged)} />
        </>
      ) : (
        <>
          <p className="muted">No statement yet. It is drafted from the agreed case: who attributes what to whom, in which confidence words.</p>
          <ActionButton id="st-draft" label="Draft statement" state={actions.draft} busy={action.busy}
            onClick={() => void action.run(() => api.post(`/api/cases/${caseId}/statement`, {}), 'Statement drafted.', onChanged)} />
        </>
      )}
      <h3>Publishing</h3>
      <p data-testid="publishing">
        {detail.case.status === 'published' ? 'Published: the statement is on the public pages of this node (and of each partner node that holds it).'
          : publish === undefined ? `The case is ${detail.case.status}; it is published from agreed.`
          : publish.allowed ? 'Ready: every concurring participant has signed. Publish it under Status.'
          : `Missing: ${named(publish.reason ?? 'not allowed now')}.`}
      </p>
      <ErrorAlert error={action.error} />
      <p aria-live="polite" className="muted">{action.done}</p>
    </section>
  );
}
