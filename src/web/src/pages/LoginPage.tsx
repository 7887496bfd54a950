import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../api/client';
import { homeOf, useAuth } from '../auth';

/**
 * 登录. Plain markup and the console's own CSS, no component library: this page is the first thing a
 * craftsman on a slow phone loads, and two fields must not wait for the whole console.
 */
export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ username?: boolean; password?: boolean }>({});
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={params.get('next') ?? homeOf(user.role)} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const gaps = { username: !username, password: !password };
    setMissing(gaps);
    if (gaps.username || gaps.password) return;
    setBusy(true);
    setError(null);
    try {
      const u = await login(username, password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(u.role), { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="jx-login">
      <div className="jx-login-card jx-card">
        <h1 className="jx-login-title">匠心</h1>
        <p className="jx-login-sub">劳模工匠助企服务平台：企业点单 · 工会送单 · 劳模工匠接单</p>
        {error && (
          <div className="jx-alert jx-alert-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="jx-field">
            <label htmlFor="login-username">用户名</label>
            <input id="login-username" name="username" className="jx-input" autoComplete="username" placeholder="例如 dy.union" aria-invalid={missing.username || undefined} aria-describedby={missing.username ? 'login-username-error' : undefined} />
            {missing.username && (
              <div id="login-username-error" className="jx-field-error">
                请输入用户名
              </div>
            )}
          </div>
          <div className="jx-field">
            <label htmlFor="login-password">密码</label>
            <input id="login-password" name="password" type="password" className="jx-input" autoComplete="current-password" aria-invalid={missing.password || undefined} aria-describedby={missing.password ? 'login-password-error' : undefined} />
            {missing.password && (
              <div id="login-password-error" className="jx-field-error">
                请输入密码
              </div>
            )}
          </div>
          <button type="submit" className="jx-btn jx-btn-primary jx-btn-block" disabled={busy} aria-busy={busy}>
            {busy ? '正在登录…' : '登录'}
          </button>
        </form>
      </div>
    </main>
  );
}
