import { Button, Card, List, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import { useRegionName } from '../api/regions';
import type { OfferWithOrder, Page } from '../api/types';
import { useAuth } from '../auth';
import type { Order } from '../domain';
import { Countdown } from '../components/Countdown';
import { CategoryText, StatusTag, UrgencyTag } from '../components/labels';
import { ErrorState } from '../components/QueryState';
import { StaleNotice } from '../components/StaleNotice';
import { ReasonButton } from '../components/ReasonButton';

/** 我的任务 (phone first): offers with deadlines, open orders in reach to claim, current work. */
export default function Inbox() {
  const offers = useQuery({ queryKey: ['offers', 'mine'], queryFn: () => get<Page<OfferWithOrder>>('/api/offers', { status: 'pending', limit: 50 }), refetchInterval: 10_000 });
  const open = useQuery({ queryKey: ['orders', 'open'], queryFn: () => get<Page<Order>>('/api/orders', { status: 'open', limit: 50 }), refetchInterval: 10_000 });
  const { user } = useAuth();
  const current = useQuery({ queryKey: ['orders', 'current'], queryFn: () => get<Page<Order>>('/api/orders', { status: ['in_progress', 'resolved'], limit: 50 }) });
  const mine = (current.data?.items ?? []).filter((o) => o.craftsmanId === user?.subjectId);
  return (
    <>
      <StaleNotice query={offers} />
      <Tabs
        defaultActiveKey="offers"
        items={[
          { key: 'offers', label: <span data-testid="tab-offers">待接派单 {offers.data?.total ?? ''}</span>, children: offers.isError && !offers.data ? <ErrorState error={offers.error} /> : <OfferList offers={offers.data?.items ?? []} loading={offers.isLoading} /> },
          { key: 'open', label: <span data-testid="tab-open">可承接 {open.data?.total ?? ''}</span>, children: open.isError && !open.data ? <ErrorState error={open.error} /> : <OpenList orders={open.data?.items ?? []} loading={open.isLoading} /> },
          { key: 'current', label: <span data-testid="tab-current">进行中 {mine.length}</span>, children: current.isError && !current.data ? <ErrorState error={current.error} /> : <OrderCards orders={mine} loading={current.isLoading} empty="暂无进行中的任务" /> },
        ]}
      />
    </>
  );
}

function OfferList({ offers, loading }: { offers: OfferWithOrder[]; loading: boolean }) {
  const invalidate = [['offers'], ['orders']];
  const accept = useAction((id: string) => post(`/api/offers/${id}/accept`), { success: '已接单', invalidate, idempotent: true });
  const decline = useAction((v: { id: string; reason: string }) => post(`/api/offers/${v.id}/decline`, { reason: v.reason }), { success: '已拒绝', invalidate, idempotent: true });
  return (
    <List
      loading={loading}
      locale={{ emptyText: '暂无派给您的需求' }}
      dataSource={offers}
      data-testid="offer-list"
      renderItem={(o) => (
        <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
          <Card size="small" style={{ marginBottom: 8 }} data-testid="offer-card">
            <Link to={`/orders/${o.orderId}`}>
              <Typography.Text strong>{o.order?.title ?? '需求'}</Typography.Text>
            </Link>
            <div style={{ margin: '4px 0' }}>
              {o.order && <UrgencyTag urgency={o.order.urgency} />} {o.order?.enterpriseName}
            </div>
            <Countdown deadline={o.expiresAt} />
            <Space style={{ marginTop: 8, display: 'flex' }}>
              <Button type="primary" loading={accept.isPending && accept.variables === o._id} onClick={() => accept.mutate(o._id)} data-testid="accept">
                接单
              </Button>
              <ReasonButton title="拒绝派单" label="拒绝" placeholder="请说明原因，工会将改派他人" onConfirm={(reason) => decline.mutateAsync({ id: o._id, reason })} data-testid="decline" />
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}

function OpenList({ orders, loading }: { orders: Order[]; loading: boolean }) {
  const claim = useAction((id: string) => post(`/api/orders/${id}/claim`), { success: '承接成功', invalidate: [['orders']] });
  const regionName = useRegionName();
  return (
    <List
      loading={loading}
      locale={{ emptyText: '附近暂无待承接的需求' }}
      dataSource={orders}
      renderItem={(o) => (
        <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
          <Card size="small" style={{ marginBottom: 8 }} data-testid="open-card" data-order-id={o._id}>
            <Link to={`/orders/${o._id}`}>
              {o.number && <Typography.Text type="secondary">{o.number} </Typography.Text>}
              <Typography.Text strong>{o.title}</Typography.Text>
            </Link>
            <div style={{ margin: '4px 0' }}>
              <UrgencyTag urgency={o.urgency} /> <CategoryText category={o.category} /> · {regionName(o.regionCode)} · {o.enterpriseName}
            </div>
            <Button type="primary" block loading={claim.isPending && claim.variables === o._id} onClick={() => claim.mutate(o._id)} data-testid="claim">
              我来承接
            </Button>
          </Card>
        </List.Item>
      )}
    />
  );
}

function OrderCards({ orders, loading, empty }: { orders: Order[]; loading: boolean; empty: string }) {
  return (
    <List
      loading={loading}
      locale={{ emptyText: empty }}
      dataSource={orders}
      renderItem={(o) => (
        <List.Item style={{ display: 'block', padding: 0, border: 'none' }}>
          <Card size="small" style={{ marginBottom: 8 }} data-testid="current-card">
            <Link to={`/orders/${o._id}`}>
              {o.number && <Typography.Text type="secondary">{o.number} </Typography.Text>}
              <Typography.Text strong>{o.title}</Typography.Text>
            </Link>
            <div>
              <StatusTag status={o.status} /> {o.enterpriseName}
            </div>
          </Card>
        </List.Item>
      )}
    />
  );
}
