import { useState, type FormEvent } from 'react';
import { errorText } from '../api/client';
import { useAuth } from '../auth';
import { passwordSchema } from '../domain';
import { Dialog } from '../components/Dialog';
import { useNotify } from '../components/notify';

type Field = 'currentPassword' | 'newPassword' | 'repeat';
const labels: Record<Field, string> = { currentPassword: '当前密码', newPassword: '新密码', repeat: '再次输入新密码' };

/** 修改密码: the current password, the new one twice; other sessions of this login end. */
export function PasswordButton() {
  const { changePassword } = useAuth();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? ''), repeat: String(form.get('repeat') ?? '') };
    const found: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) found.currentPassword = '请输入当前密码';
    const parsed = passwordSchema.safeParse(values.newPassword);
    if (!parsed.success) found.newPassword = parsed.error.issues[0]?.message ?? '密码格式不正确';
    if (values.repeat !== values.newPassword) found.repeat = '两次输入的新密码不一致';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      notify.success('密码已修改，其他设备上的登录已失效');
      setOpen(false);
    } catch (error) {
      notify.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="jx-btn jx-btn-small" onClick={() => setOpen(true)} data-testid="change-password">
        修改密码
      </button>
      {open && (
        <Dialog title="修改密码" onClose={() => setOpen(false)}>
          <form onSubmit={(e) => void submit(e)} noValidate>
            {(Object.keys(labels) as Field[]).map((name) => (
              <div className="jx-field" key={name}>
                <label htmlFor={`pw-${name}`}>{labels[name]}</label>
                <input id={`pw-${name}`} name={name} type="password" className="jx-input" autoComplete={name === 'currentPassword' ? 'current-password' : 'new-password'} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `pw-${name}-error` : undefined} />
                {errors[name] && (
                  <div id={`pw-${name}-error`} className="jx-field-error">
                    {errors[name]}
                  </div>
                )}
              </div>
            ))}
            <div className="jx-row jx-dialog-actions">
              <button type="button" className="jx-btn" onClick={() => setOpen(false)}>
                取消
              </button>
              <button type="submit" className="jx-btn jx-btn-primary" disabled={busy} aria-busy={busy}>
                修改
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </>
  );
}
