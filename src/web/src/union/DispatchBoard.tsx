import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { get } from '../api/client';
import { useCounties, useRegionName } from '../api/regions';
import type { OfferWithOrder, Page } from '../api/types';
import { orderCategories, orderCategoryLabels, orderStatusLabels, urgencies, urgencyLabels, type Order, type OrderStatus } from '../domain';
import { Countdown } from '../components/Countdown';
import { CategoryText, UrgencyTag } from '../components/labels';
import { ErrorState } from '../components/QueryState';

const columns: OrderStatus[] = ['submitted', 'open', 'offered', 'in_progress', 'resolved', 'closed'];

function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as OrderStatus | null) ?? 'submitted';
  const filters = { regionCode: params.get('regionCode') ?? undefined, category: params.get('category') ?? undefined, urgency: params.get('urgency') ?? undefined };
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return { status, filters, set };
}

/** 派单看板: orders in scope by status, filtered by county, category and urgency, with SLA countdowns. */
export default function DispatchBoard() {
  const { status, filters, set } = useFilters();
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const regionName = useRegionName();
  const counties = useCounties();
  useEffect(() => setPage(1), [status, filters.regionCode, filters.category, filters.urgency]);

  const counts = useQueries({
    queries: columns.map((s) => ({ queryKey: ['orders', 'count', s, filters], queryFn: () => get<Page<Order>>('/api/orders', { status: s, limit: 1, ...filters }), refetchInterval: 15_000 })),
  });
  const list = useQuery({ queryKey: ['orders', 'board', status, filters, page], queryFn: () => get<Page<Order>>('/api/orders', { status, limit: 20, page, ...filters }), refetchInterval: 15_000 });
  const offers = useQuery({
    queryKey: ['offers', 'pending'],
    queryFn: () => get<Page<OfferWithOrder>>('/api/offers', { status: 'pending', limit: 100 }),
    enabled: status === 'offered',
  });
  const deadline = useMemo(() => new Map((offers.data?.items ?? []).map((o) => [o.orderId, o.expiresAt])), [offers.data]);
  const isOverdue = (o: Order) => {
    const d = deadline.get(o._id);
    if (o.status === 'offered' && d) return new Date(d).getTime() < Date.now();
    return !!o.expectedBy && new Date(o.expectedBy).getTime() < Date.now() && !['closed', 'cancelled', 'rejected', 'resolved'].includes(o.status);
  };

  const rendered = useRef(false);
  useEffect(() => {
    if (list.data && !rendered.current) {
      rendered.current = true;
      performance.mark('jx-board-rendered');
    }
  }, [list.data]);

  return (
    <Card title="派单看板" extra={<Link to="/batch">批量派单</Link>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部县市"
          aria-label="按县市筛选"
          style={{ width: 140 }}
          value={filters.regionCode}
          onChange={(v) => set('regionCode', v)}
          loading={counties.isLoading}
          options={(counties.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
          data-testid="filter-county"
        />
        <Select allowClear placeholder="全部类别" aria-label="按类别筛选" style={{ width: 130 }} value={filters.category} onChange={(v) => set('category', v)} options={orderCategories.map((c) => ({ value: c, label: orderCategoryLabels[c] }))} />
        <Select allowClear placeholder="全部紧急程度" aria-label="按紧急程度筛选" style={{ width: 130 }} value={filters.urgency} onChange={(v) => set('urgency', v)} options={urgencies.map((u) => ({ value: u, label: urgencyLabels[u] }))} />
      </Space>
      <Tabs
        activeKey={status}
        onChange={(k) => set('status', k)}
        items={columns.map((s, i) => ({
          key: s,
          label: (
            <span data-testid={`tab-${s}`}>
              {orderStatusLabels[s]} <Badge count={counts[i]?.data?.total ?? 0} showZero overflowCount={999} color={s === 'submitted' || s === 'open' ? '#fa8c16' : '#bfbfbf'} />
            </span>
          ),
        }))}
      />
      {list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Order>
          data-testid="board-table"
          rowKey="_id"
          size="middle"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: `暂无「${orderStatusLabels[status]}」的需求` }}
          rowClassName={(o) => (isOverdue(o) ? 'jx-overdue' : '')}
          onRow={(o) => ({ onClick: () => navigate(`/orders/${o._id}`), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
          scroll={{ x: 900 }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 140, render: (n?: string) => <span data-testid="order-number">{n ?? '—'}</span> },
            { title: '需求', dataIndex: 'title', render: (t: string, o) => <Link to={`/orders/${o._id}`} onClick={(e) => e.stopPropagation()}>{t}</Link> },
            { title: '企业', dataIndex: 'enterpriseName', ellipsis: true },
            { title: '县市', dataIndex: 'regionCode', width: 90, render: (c: string) => regionName(c) },
            { title: '类别', dataIndex: 'category', width: 100, render: (c: Order['category']) => <CategoryText category={c} /> },
            { title: '紧急', dataIndex: 'urgency', width: 80, render: (u: Order['urgency']) => <UrgencyTag urgency={u} /> },
            { title: '提交时间', dataIndex: 'submittedAt', width: 130, render: (d: string) => dayjs(d).format('MM-DD HH:mm') },
            {
              title: status === 'offered' ? '响应期限' : '期望完成',
              key: 'sla',
              width: 170,
              render: (_: unknown, o) => {
                const d = deadline.get(o._id);
                if (o.status === 'offered' && d) return <Countdown deadline={d} />;
                if (o.expectedBy && !['closed', 'cancelled', 'resolved'].includes(o.status)) return <Countdown deadline={o.expectedBy} />;
                return <Typography.Text type="secondary">—</Typography.Text>;
              },
            },
          ]}
        />
      )}
    </Card>
  );
}
