import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { get } from '../api/client';
import { useAuth } from '../auth';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { menus, roleLabels } from '../components/nav';
import { PlainToasts } from '../components/notify';
import { PasswordButton } from './PlainPasswordButton';

/**
 * The craftsman's signed-in frame, in plain markup: it and the craftsman's inbox and order pages load
 * without the component library, so a phone on a slow link can act within seconds. Pages that still
 * use the library (profile, points, messages) bring it with them when opened.
 */
export default function PhoneShell() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const unread = useQuery({ queryKey: ['unread'], queryFn: () => get<{ unreadCount: number }>('/api/notifications/unread-count'), refetchInterval: 5_000, retry: false });
  if (!user) return null;
  const count = unread.data?.unreadCount ?? 0;
  return (
    <PlainToasts>
      <a className="jx-skip" href="#main">
        跳到正文
      </a>
      <header className="jx-bar">
        <span className="jx-brand">匠心</span>
        <span className="jx-user-name" data-testid="user-name">
          {user.displayName}（{roleLabels[user.role]}）
        </span>
        <NavLink to="/notifications" className="jx-btn jx-btn-small jx-bell" aria-label={count ? `消息，${count} 条未读` : '消息'} data-testid="bell">
          消息{count > 0 && <span className="jx-badge">{count > 99 ? '99+' : count}</span>}
        </NavLink>
        <PasswordButton />
        <button
          type="button"
          className="jx-btn jx-btn-small"
          onClick={() => {
            void signOut().then(() => navigate('/login', { replace: true }));
          }}
        >
          退出
        </button>
      </header>
      <nav className="jx-nav" aria-label="主导航" data-testid="nav">
        {menus[user.role].map((item) => (
          <NavLink key={item.key} to={item.key} className={({ isActive }) => (isActive ? 'jx-nav-item jx-nav-active' : 'jx-nav-item')}>
            {item.label}
          </NavLink>
        ))}
      </nav>
      <main id="main" tabIndex={-1} className="jx-page">
        <ErrorBoundary key={pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </PlainToasts>
  );
}
