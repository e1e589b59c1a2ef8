import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert and
 * keeps keyboard focus inside; Escape closes it. Focus goes to the first field (or the dialog) when it
 * opens and back to the element that opened it when it closes. Labelled by its heading.
 */
export function Dialog({
  open,
  titleId,
  title,
  onClose,
  children,
}: {
  open: boolean;
  titleId: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>('input, select, textarea, button');
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Escape asks the parent to close, and the dialog closes when `open` turns false. Left to itself the
    // browser would close the dialog at once but report it only in a queued close event: an Enter on
    // the opener in between found `open` still true, changed nothing, and the dialog stayed shut.
    const handleCancel = (event: Event) => {
      event.preventDefault();
      if (open) onClose();
    };
    const handleClose = () => {
      // Stale when the dialog was opened again before the queued close event ran.
      if (dialog.open) return;
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
      if (open) onClose();
    };
    dialog.addEventListener('cancel', handleCancel);
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('cancel', handleCancel);
      dialog.removeEventListener('close', handleClose);
    };
  }, [open, onClose]);

  return (
    <dialog ref={ref} className="pt-dialog" aria-labelledby={titleId}>
      <h2 id={titleId} className="pt-dialog__title">
        {title}
      </h2>
      {open ? children : null}
    </dialog>
  );
}
