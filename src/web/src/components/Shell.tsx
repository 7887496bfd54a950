import { Button, Grid, Layout } from 'antd';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { menus, roleLabels } from './nav';
import AntdScope from './AntdScope';
import { ErrorBoundary } from './ErrorBoundary';
import { PasswordButton } from './PasswordButton';
import { NotificationBell } from './NotificationBell';

/** The signed-in frame of staff and enterprises, inside the component library's zh-CN settings and message/modal context. */
export default function Shell() {
  return (
    <AntdScope>
      <Frame />
    </AntdScope>
  );
}

/** Role-aware navigation (a second row on phones), the notification bell, the user and logout. */
function Frame() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  if (!user) return null;
  const items = menus[user.role];
  const selected = items.filter((i) => pathname === i.key || pathname.startsWith(`${i.key}/`)).sort((a, b) => b.key.length - a.key.length)[0]?.key;
  const phone = screens.md === false;
  // Plain links, not a roving-focus menu widget: each entry is one Tab stop, opened with Enter, like any link.
  const menu = (
    <nav className={phone ? 'jx-nav' : 'jx-nav jx-nav-inline'} aria-label="主导航" data-testid="nav">
      {items.map((item) => (
        <Link key={item.key} to={item.key} className={item.key === selected ? 'jx-nav-item jx-nav-active' : 'jx-nav-item'} aria-current={item.key === selected ? 'page' : undefined}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="jx-skip" href="#main">
        跳到正文
      </a>
      <Layout.Header className="jx-header">
        <span className="jx-brand">匠心</span>
        {phone ? <span style={{ flex: 1 }} /> : menu}
        <div className="jx-user">
          <NotificationBell />
          <span className="jx-user-name" data-testid="user-name">
            {user.displayName}（{roleLabels[user.role]}）
          </span>
          <PasswordButton />
          <Button
            size="small"
            onClick={() => {
              void signOut().then(() => navigate('/login', { replace: true }));
            }}
          >
            退出
          </Button>
        </div>
      </Layout.Header>
      {phone && menu}
      <Layout.Content>
        <div className="jx-page" id="main" tabIndex={-1}>
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </div>
      </Layout.Content>
    </Layout>
  );
}
