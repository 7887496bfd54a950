import { Button, Grid, Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, type Role } from '../auth';
import { ErrorBoundary } from './ErrorBoundary';
import { PasswordButton } from './PasswordButton';
import { NotificationBell } from './NotificationBell';

const roleLabels: Record<Role, string> = { admin: '系统管理员', union_staff: '工会工作人员', enterprise: '企业', craftsman: '劳模工匠' };

const staffMenu = [
  { key: '/board', label: '派单看板' },
  { key: '/batch', label: '批量派单' },
  { key: '/craftsmen', label: '人才库' },
  { key: '/enterprises', label: '企业' },
  { key: '/stats', label: '统计' },
  { key: '/report', label: '工作报告' },
  { key: '/policy', label: '匹配策略' },
  { key: '/users', label: '账号管理' },
];
const menus: Record<Role, Array<{ key: string; label: string }>> = {
  union_staff: staffMenu,
  admin: staffMenu,
  enterprise: [
    { key: '/my-orders', label: '我的需求' },
    { key: '/my-orders/new', label: '我要点单' },
  ],
  craftsman: [
    { key: '/inbox', label: '我的任务' },
    { key: '/points', label: '评分与积分' },
  ],
};

/** The signed-in frame: role-aware navigation (a second row on phones), the notification bell, the user and logout. */
export default function Shell() {
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  if (!user) return null;
  const items = menus[user.role];
  const selected = items.filter((i) => pathname === i.key || pathname.startsWith(`${i.key}/`)).sort((a, b) => b.key.length - a.key.length)[0]?.key;
  const phone = screens.md === false;
  const menu = <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={items} onClick={(e) => navigate(e.key)} data-testid="nav" style={phone ? { borderBottom: '1px solid #f0f0f0' } : undefined} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
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
        <div className="jx-page">
          <ErrorBoundary key={pathname}>
            <Outlet />
          </ErrorBoundary>
        </div>
      </Layout.Content>
    </Layout>
  );
}
