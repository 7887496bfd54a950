import { Card, Col, Row } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { get } from '../api/client';
import { isStaff, useAuth } from '../auth';
import type { Order } from '../domain';
import { QueryState } from '../components/QueryState';
import { StaleNotice } from '../components/StaleNotice';
import { AppointmentCard } from './order/AppointmentCard';
import { CraftsmanActions } from './order/CraftsmanActions';
import { EnterpriseActions } from './order/EnterpriseActions';
import { OrderSummary } from './order/OrderSummary';
import { OrderTimeline } from './order/OrderTimeline';
import { ServiceRecords } from './order/ServiceRecords';
import { StaffActions } from './order/StaffActions';

/** One order for every role: details, timeline, service records, and what this role may do next. */
export default function OrderPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const order = useQuery({ queryKey: ['order', id], queryFn: () => get<Order>(`/api/orders/${id}`), refetchInterval: 10_000 });
  return (
    <QueryState loading={order.isLoading} error={order.data ? null : order.error} retry={() => void order.refetch()}>
      <StaleNotice query={order} />
      {order.data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card>
              <OrderSummary order={order.data} />
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <AppointmentCard order={order.data} />
            {user?.role === 'enterprise' && <EnterpriseActions order={order.data} />}
            {user?.role === 'craftsman' && <CraftsmanActions order={order.data} />}
            {isStaff(user?.role) && !['open', 'offered'].includes(order.data.status) && <StaffActions order={order.data} />}
          </Col>
          {isStaff(user?.role) && ['open', 'offered'].includes(order.data.status) && (
            <Col span={24}>
              <StaffActions order={order.data} />
            </Col>
          )}
          <Col xs={24} lg={12}>
            <OrderTimeline entries={order.data.timeline} />
          </Col>
          <Col xs={24} lg={12}>
            <ServiceRecords orderId={order.data._id} orderStatus={order.data.status} />
          </Col>
        </Row>
      )}
    </QueryState>
  );
}
