import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { homeOf, useAuth, type Role } from './auth';
import { LoginPage } from './pages/LoginPage';
import { RouteError } from './pages/RouteError';

const Shell = lazy(() => import('./components/Shell'));
const DispatchBoard = lazy(() => import('./union/DispatchBoard'));
const OrderPage = lazy(() => import('./pages/OrderPage'));
const BatchPage = lazy(() => import('./union/BatchPage'));
const CraftsmanDirectory = lazy(() => import('./union/CraftsmanDirectory'));
const CraftsmanProfile = lazy(() => import('./union/CraftsmanProfile'));
const CraftsmanForm = lazy(() => import('./union/CraftsmanForm'));
const EnterpriseList = lazy(() => import('./union/EnterpriseList'));
const EnterpriseForm = lazy(() => import('./union/EnterpriseForm'));
const StatsPage = lazy(() => import('./union/StatsPage'));
const ReportPage = lazy(() => import('./union/ReportPage'));
const PolicyPage = lazy(() => import('./union/PolicyPage'));
const UsersPage = lazy(() => import('./union/UsersPage'));
const MyOrders = lazy(() => import('./enterprise/MyOrders'));
const NewOrder = lazy(() => import('./enterprise/NewOrder'));
const Inbox = lazy(() => import('./craftsman/Inbox'));
const MyPoints = lazy(() => import('./craftsman/MyPoints'));
const Notifications = lazy(() => import('./pages/NotificationsPage'));
const MyProfile = lazy(() => import('./craftsman/MyProfile'));
const MyCompany = lazy(() => import('./enterprise/MyCompany'));
const ProfileChanges = lazy(() => import('./review/ProfileChangesPage'));
const Disputes = lazy(() => import('./review/DisputesPage'));
const SetAsideEvents = lazy(() => import('./union/SetAsideEventsPage'));

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
    element: page(<Shell />),
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
