import { useState, type FormEvent } from 'react';
import { reasonSchema } from '../domain';
import { Dialog } from './Dialog';

interface Props {
  title: string;
  label: string;
  placeholder?: string;
  danger?: boolean;
  size?: 'small';
  disabled?: boolean;
  'data-testid'?: string;
  onConfirm: (reason: string) => Promise<unknown>;
}

/** A button that asks for a reason (validated by the API's reasonSchema) before acting. Plain markup: the craftsman's phone pages use it. */
export function ReasonButton({ title, label, placeholder, danger, size, disabled, onConfirm, 'data-testid': testId }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = reasonSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写原因');
      return;
    }
    setBusy(true);
    try {
      await onConfirm(parsed.data.reason);
      setOpen(false);
      setReason('');
    } catch {
      // the action shows its own error
    } finally {
      setBusy(false);
    }
  };

  const classes = ['jx-btn', danger ? 'jx-btn-danger' : '', size === 'small' ? 'jx-btn-small' : ''].filter(Boolean).join(' ');
  return (
    <>
      <button type="button" className={classes} disabled={disabled} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </button>
      {open && (
        <Dialog title={title} onClose={() => setOpen(false)}>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <div className="jx-field">
              <label htmlFor={`${testId ?? 'reason'}-text`}>原因</label>
              <textarea
                id={`${testId ?? 'reason'}-text`}
                className="jx-input"
                rows={3}
                value={reason}
                maxLength={500}
                placeholder={placeholder ?? '请填写原因'}
                aria-invalid={error ? true : undefined}
                onChange={(e) => {
                  setReason(e.target.value);
                  setError(null);
                }}
                data-testid="reason-input"
              />
              {error && (
                <div className="jx-field-error" role="alert">
                  {error}
                </div>
              )}
            </div>
            <div className="jx-row jx-dialog-actions">
              <button type="button" className="jx-btn" onClick={() => setOpen(false)}>
                取消
              </button>
              <button type="submit" className="jx-btn jx-btn-primary" disabled={busy} aria-busy={busy}>
                确定
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
