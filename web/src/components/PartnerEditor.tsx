/** An administrator's form for one partner's link details (URL, key, identity, account, push collection, credentials), in a modal dialog. */
import { useState, type FormEvent } from 'react';
import type { PartnerView } from '../../../src/server/api/contract.ts';
import { api } from '../api/client.ts';
import { LABELS, toPartnerFields, toPartnerUpdate, type PartnerFields } from '../lib/partner-form.ts';
import { useAction } from '../app/use-action.ts';
import { DialogButtons, ModalDialog } from './ModalDialog.tsx';

const TEXT_FIELDS = ['url', 'identityId', 'publicKey', 'accountName', 'pushCollection'] as const;

export function PartnerEditor({ partner, onClose, onSaved }: { partner: PartnerView; onClose: () => void; onSaved: (saved: PartnerView | undefined) => void }) {
  const [fields, setFields] = useState<PartnerFields>(() => toPartnerFields(partner));
  const save = useAction();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toPartnerUpdate(partner, fields);
    if (!result.ok) return save.fail(result.problems);
    const update = result.update;
    if (update === undefined) return onSaved(undefined);
    void save.run(async () => onSaved(await api.patch<PartnerView>(`/api/partners/${encodeURIComponent(partner.name)}`, update)), 'Saved.');
  };

  const id = `partner-${partner.name}`;
  return (
    <ModalDialog id={id} title={`Edit partner ${partner.name}`} onClose={onClose} onSubmit={submit}>
      <p className="muted">A {partner.kind} partner. A changed key applies at once: what its node sends must then be signed with the new key.</p>
      {TEXT_FIELDS.map((field) => (
        <div key={field}>
          <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
          <input id={`${id}-${field}`} className={field === 'publicKey' || field === 'identityId' ? 'mono' : undefined} value={fields[field]} onChange={(e) => setFields((f) => ({ ...f, [field]: e.target.value }))} />
        </div>
      ))}
      <label htmlFor={`${id}-credentials`}>{LABELS.credentials}</label>
      <input id={`${id}-credentials`} type="password" autoComplete="new-password" value={fields.credentials} aria-describedby={`${id}-credentials-help`} onChange={(e) => setFields((f) => ({ ...f, credentials: e.target.value }))} />
      <p id={`${id}-credentials-help`} className="muted">USER:SECRET or an API key for the partner's server; left empty, the stored credentials are kept. Never shown again.</p>
      <DialogButtons action={save} onCancel={onClose} />
    </ModalDialog>
  );
}
