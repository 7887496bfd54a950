import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { homeOf, useAuth, type Role } from './auth';
import { withAntd } from './components/with-antd';
import { LoginPage } from './pages/LoginPage';
import { RouteError } from './pages/RouteError';

// Staff and enterprises get the component library's frame; craftsmen a plain one (PhoneShell). Pages built
// with the library load it with them (withAntd); the craftsman's inbox and the order page are plain markup,
// so a craftsman's phone never downloads the library for its daily path.
const Shell = lazy(() => import('./components/Shell'));
const loadInbox = () => import('./craftsman/Inbox');
const loadOrderPage = () => import('./pages/OrderPage');
const Inbox = lazy(loadInbox);
const OrderPage = lazy(loadOrderPage);
// The phone frame fetches the craftsman's two daily pages beside itself, not after it (one round trip less on a slow link).
const PhoneShell = lazy(() => Promise.all([import('./craftsman/PhoneShell'), loadInbox(), loadOrderPage()]).then(([shell]) => shell));
const DispatchBoard = withAntd(() => import('./union/DispatchBoard').then((m) => m.default));
const BatchPage = withAntd(() => import('./union/BatchPage').then((m) => m.default));
const CraftsmanDirectory = withAntd(() => import('./union/CraftsmanDirectory').then((m) => m.default));
const CraftsmanProfile = withAntd(() => import('./union/CraftsmanProfile').then((m) => m.default));
const CraftsmanForm = withAntd(() => import('./union/CraftsmanForm').then((m) => m.default));
const EnterpriseList = withAntd(() => import('./union/EnterpriseList').then((m) => m.default));
const EnterpriseForm = withAntd(() => import('./union/EnterpriseForm').then((m) => m.default));
const StatsPage = withAntd(() => import('./union/StatsPage').then((m) => m.default));
const ReportPage = withAntd(() => import('./union/ReportPage').then((m) => m.default));
const PolicyPage = withAntd(() => import('./union/PolicyPage').then((m) => m.default));
const UsersPage = withAntd(() => import('./union/UsersPage').then((m) => m.default));
const MyOrders = withAntd(() => import('./enterprise/MyOrders').then((m) => m.default));
const NewOrder = withAntd(() => import('./enterprise/NewOrder').then((m) => m.default));
const MyPoints = withAntd(() => import('./craftsman/MyPoints').then((m) => m.default));
const Notifications = withAntd(() => import('./pages/NotificationsPage').then((m) => m.default));
const MyProfile = withAntd(() => import('./craftsman/MyProfile').then((m) => m.default));
const MyCompany = withAntd(() => import('./enterprise/MyCompany').then((m) => m.default));
const ProfileChanges = withAntd(() => import('./review/ProfileChangesPage').then((m) => m.default));
const Disputes = withAntd(() => import('./review/DisputesPage').then((m) => m.default));
const SetAsideEvents = withAntd(() => import('./union/SetAsideEventsPage').then((m) => m.default));

const loading = (
  <div className="jx-loading" role="status">
    <span className="jx-spinner" aria-hidden="true" />
    <div>正在加载…</div>
  </div>
);

/** Signed-in only; `roles` limits a page to some roles (others go home). */
function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user } = useAuth();
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (roles && !roles.includes(user.role)) return <Navigate to={homeOf(user.role)} replace />;
  return <Suspense fallback={loading}>{children}</Suspense>;
}

/** The signed-in frame for this role. */
function RoleShell() {
  const { user } = useAuth();
  return user?.role === 'craftsman' ? <PhoneShell /> : <Shell />;
}

function Home() {
  const { user } = useAuth();
  return <Navigate to={user ? homeOf(user.role) : '/login'} replace />;
}

const STAFF: Role[] = ['admin', 'union_staff'];
const page = (el: ReactNode, roles?: Role[]) => <Guard roles={roles}>{el}</Guard>;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: page(<RoleShell />),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      { path: 'board', element: page(<DispatchBoard />, STAFF) },
      { path: 'orders/:id', element: page(<OrderPage />) },
      { path: 'batch', element: page(<BatchPage />, STAFF) },
      { path: 'craftsmen', element: page(<CraftsmanDirectory />, STAFF) },
      { path: 'craftsmen/new', element: page(<CraftsmanForm />, STAFF) },
      { path: 'craftsmen/:id', element: page(<CraftsmanProfile />, STAFF) },
      { path: 'craftsmen/:id/edit', element: page(<CraftsmanForm />, STAFF) },
      { path: 'enterprises', element: page(<EnterpriseList />, STAFF) },
      { path: 'enterprises/new', element: page(<EnterpriseForm />, STAFF) },
      { path: 'enterprises/:id/edit', element: page(<EnterpriseForm />, STAFF) },
      { path: 'stats', element: page(<StatsPage />, STAFF) },
      { path: 'report', element: page(<ReportPage />, STAFF) },
      { path: 'policy', element: page(<PolicyPage />, STAFF) },
      { path: 'users', element: page(<UsersPage />, STAFF) },
      { path: 'events', element: page(<SetAsideEvents />, ['admin']) },
      { path: 'my-orders', element: page(<MyOrders />, ['enterprise']) },
      { path: 'my-orders/new', element: page(<NewOrder />, ['enterprise']) },
      { path: 'inbox', element: page(<Inbox />, ['craftsman']) },
      { path: 'points', element: page(<MyPoints />, ['craftsman']) },
      { path: 'my-profile', element: page(<MyProfile />, ['craftsman']) },
      { path: 'my-company', element: page(<MyCompany />, ['enterprise']) },
      { path: 'profile-changes', element: page(<ProfileChanges />) },
      { path: 'disputes', element: page(<Disputes />) },
      { path: 'notifications', element: page(<Notifications />) },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
