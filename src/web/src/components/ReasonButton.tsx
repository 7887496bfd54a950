import { useState } from 'react';
import { Button, Input, Modal, Typography, type ButtonProps } from 'antd';
import { reasonSchema } from '../domain';

interface Props extends Omit<ButtonProps, 'onClick'> {
  title: string;
  label: string;
  placeholder?: string;
  onConfirm: (reason: string) => Promise<unknown>;
}

/** A button that asks for a reason (validated by the API's reasonSchema) before acting. */
export function ReasonButton({ title, label, placeholder, onConfirm, ...button }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
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
      // the action toasts its own error
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal title={title} open={open} onOk={() => void submit()} onCancel={() => setOpen(false)} confirmLoading={busy} okText="确定" cancelText="取消" destroyOnHidden>
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={500}
          placeholder={placeholder ?? '请填写原因'}
          onChange={(e) => {
            setReason(e.target.value);
            setError(null);
          }}
          data-testid="reason-input"
        />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Modal>
    </>
  );
}
