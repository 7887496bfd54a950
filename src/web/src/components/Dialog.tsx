import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog in plain markup, on the browser's own `<dialog>`: showModal() makes the rest of the
 * page inert (focus stays inside, Esc closes), and closing gives focus back to what opened it.
 * Render it only while open.
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="jx-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="jx-dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
