import { Suspense } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { get } from '../api/client';
import { isStaff, useAuth } from '../auth';
import type { Order } from '../domain';
import { Loading, QueryState } from '../components/QueryState';
import { StaleNotice } from '../components/StaleNotice';
import { withAntd } from '../components/with-antd';
import { CraftsmanActions } from './order/CraftsmanActions';
import { OrderSummary } from './order/OrderSummary';
import { OrderTimeline } from './order/OrderTimeline';
import { ServiceRecords } from './order/ServiceRecords';

// The enterprise's and staff's panels use the component library; the craftsman's page never loads them.
const EnterpriseActions = withAntd(() => import('./order/EnterpriseActions').then((m) => m.EnterpriseActions));
// 预约上门: proposal, counter-proposal and confirmation use the component library's form controls.
const AppointmentCard = withAntd(() => import('./order/AppointmentCard').then((m) => m.AppointmentCard));
const StaffActions = withAntd(() => import('./order/StaffActions').then((m) => m.StaffActions));

/**
 * One order for every role: details, timeline, service records, and what this role may do next. Plain
 * markup, so the craftsman's phone opens it without the component library.
 */
export default function OrderPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => get<Order>(`/api/orders/${id}`), refetchInterval: 10_000 });
  const staff = isStaff(user?.role);
  const wideStaff = staff && order.data && ['open', 'offered'].includes(order.data.status);
  return (
    <QueryState loading={order.isLoading} error={order.data ? null : order.error} retry={() => void order.refetch()}>
      <StaleNotice query={order} />
      {order.data && (
        <div className="jx-grid">
          <section className="jx-card jx-span-2" aria-label="需求详情">
            <OrderSummary order={order.data} />
          </section>
          <div className={wideStaff ? 'jx-span-3' : undefined}>
            <Suspense fallback={<Loading />}>
              {(order.data.appointment || (order.data.preferredWindows ?? []).length > 0 || (user?.role === 'craftsman' && order.data.status === 'in_progress')) && <AppointmentCard order={order.data} />}
              {user?.role === 'enterprise' && <EnterpriseActions order={order.data} />}
              {user?.role === 'craftsman' && <CraftsmanActions order={order.data} />}
              {staff && <StaffActions order={order.data} />}
            </Suspense>
          </div>
          <OrderTimeline entries={order.data.timeline} />
          <ServiceRecords orderId={order.data._id} orderStatus={order.data.status} />
        </div>
      )}
    </QueryState>
  );
}
