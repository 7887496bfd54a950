import { App as AntApp, Button, ConfigProvider, Grid, Layout, Menu } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth, type Role } from '../auth';
import { ErrorBoundary } from './ErrorBoundary';
import { PasswordButton } from './PasswordButton';
import { NotificationBell } from './NotificationBell';

dayjs.locale('zh-cn');

/**
 * The component library's settings for every signed-in page. Links, secondary and tertiary text are darker
 * than antd's defaults (0.45 / 0.25 black fail 4.5:1 contrast on white); the primary red keeps 5:1.
 */
const theme = {
  // antd's link blue (#1677ff) reaches only 4.1:1 on white; this one 7:1.
  token: { colorPrimary: '#a93226', colorLink: '#0b4fb3', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', controlHeight: 36 },
};

const roleLabels: Record<Role, string> = { admin: '系统管理员', union_staff: '工会工作人员', enterprise: '企业', craftsman: '劳模工匠' };

const staffMenu = [
  { key: '/board', label: '派单看板' },
  { key: '/batch', label: '批量派单' },
  { key: '/craftsmen', label: '人才库' },
  { key: '/enterprises', label: '企业' },
  { key: '/profile-changes', label: '资料审核' },
  { key: '/disputes', label: '服务异议' },
  { key: '/stats', label: '统计' },
  { key: '/report', label: '工作报告' },
  { key: '/policy', label: '匹配策略' },
  { key: '/users', label: '账号管理' },
];
const menus: Record<Role, Array<{ key: string; label: string }>> = {
  union_staff: staffMenu,
  admin: [...staffMenu, { key: '/events', label: '搁置事件' }],
  enterprise: [
    { key: '/my-orders', label: '我的需求' },
    { key: '/my-orders/new', label: '我要点单' },
    { key: '/disputes', label: '服务异议' },
    { key: '/my-company', label: '企业资料' },
    { key: '/profile-changes', label: '资料变更' },
  ],
  craftsman: [
    { key: '/inbox', label: '我的任务' },
    { key: '/points', label: '评分与积分' },
    { key: '/my-profile', label: '我的档案' },
    { key: '/profile-changes', label: '资料变更' },
    { key: '/disputes', label: '服务异议' },
  ],
};

/** The signed-in frame inside the component library's zh-CN settings and message/modal context. */
export default function Shell() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <Frame />
      </AntApp>
    </ConfigProvider>
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
