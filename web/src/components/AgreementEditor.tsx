/** An administrator's form for one agreement, in a modal dialog. */
import { useState, type FormEvent } from 'react';
import type { AgreementView, TlpLevel } from '../../../src/server/api/contract.ts';
import { api } from '../api/client.ts';
import { toFields, toInput, type AgreementFields } from '../lib/agreement-form.ts';
import { TLP_LEVELS, tlpLabel } from '../lib/tlp.ts';
import { useAction } from '../app/use-action.ts';
import { DialogButtons, ModalDialog } from './ModalDialog.tsx';

export function AgreementEditor({ agreement, onClose, onSaved }: { agreement: AgreementView; onClose: () => void; onSaved: (saved: AgreementView) => void }) {
  const [fields, setFields] = useState<AgreementFields>(() => toFields(agreement));
  const save = useAction();

  const set = (change: Partial<AgreementFields>) => setFields((f) => ({ ...f, ...change }));
  const toggleTlp = (level: TlpLevel, on: boolean) => setFields((f) => ({ ...f, tlp: on ? [...f.tlp, level] : f.tlp.filter((l) => l !== level) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = toInput(agreement, fields);
    if (!result.ok) return save.fail(result.problems);
    void save.run(async () => onSaved(await api.put<AgreementView>(`/api/agreements/${encodeURIComponent(agreement.id)}`, result.input)), 'Saved.');
  };

  const id = `agreement-${agreement.id}`;
  return (
    <ModalDialog id={id} title={`Edit agreement ${agreement.id}`} onClose={onClose} onSubmit={submit}>
        <p className="muted">{agreement.direction === 'outbound' ? 'What this node shares with' : 'What this node accepts from'} {agreement.partner}.</p>
        <fieldset>
          <legend>TLP levels</legend>
          {TLP_LEVELS.map((level) => (
            <label key={level} className="check">
              <input type="checkbox" checked={fields.tlp.includes(level)} onChange={(e) => toggleTlp(level, e.target.checked)} /> {tlpLabel(level)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-types`}>Object types</label>
        <input id={`${id}-types`} value={fields.objectTypes} aria-describedby={`${id}-lists`} onChange={(e) => set({ objectTypes: e.target.value })} />
        <label htmlFor={`${id}-collections`}>Collections</label>
        <input id={`${id}-collections`} value={fields.collections} aria-describedby={`${id}-lists`} onChange={(e) => set({ collections: e.target.value })} />
        <p id={`${id}-lists`} className="muted">Comma-separated; * for all.</p>
        <label className="check">
          <input type="checkbox" checked={fields.onward} onChange={(e) => set({ onward: e.target.checked })} /> Onward sharing
        </label>
        <label htmlFor={`${id}-basis`}>Basis</label>
        <input id={`${id}-basis`} value={fields.basis} placeholder="e.g. MoU of 2024-03-01" onChange={(e) => set({ basis: e.target.value })} />
        <DialogButtons action={save} onCancel={onClose} />
    </ModalDialog>
  );
}
