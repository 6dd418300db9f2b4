/** A modal <dialog> holding a form: opened on mount (focus kept inside by the browser), Escape and Cancel close it. */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import type { Action } from '../app/use-action.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export function ModalDialog({ id, title, onClose, onSubmit, children }: { id: string; title: ReactNode; onClose: () => void; onSubmit: (event: FormEvent) => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={`${id}-title`} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <form onSubmit={onSubmit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
      </form>
    </dialog>
  );
}

/** A dialog form's end: what went wrong (the node's reason, or the problems found before sending), Save and Cancel. */
export function DialogButtons({ action, onCancel }: { action: Action; onCancel: () => void }) {
  return (
    <>
      <ErrorAlert error={action.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={action.busy}>Save</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </>
  );
}
