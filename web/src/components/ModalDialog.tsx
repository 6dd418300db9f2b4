/** A modal <dialog> holding a form: opened on mount (focus kept inside by the browser), Escape and Cancel close it. */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

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
