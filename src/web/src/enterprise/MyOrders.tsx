import { Button, Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { get } from '../api/client';
import type { Page } from '../api/types';
import type { Order } from '../domain';
import { CategoryText, StatusTag, UrgencyTag } from '../components/labels';
import { ErrorState } from '../components/QueryState';

/** The enterprise's own orders, newest first, with their state. */
export default function MyOrders() {
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['orders', 'mine'], queryFn: () => get<Page<Order>>('/api/orders', { limit: 50 }), refetchInterval: 10_000 });
  return (
    <Card title="我的需求" extra={<Button type="primary" onClick={() => navigate('/my-orders/new')} data-testid="new-order">我要点单</Button>}>
      {list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : (
        <Table<Order>
          rowKey="_id"
          data-testid="my-orders"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '还没有提交过需求，点击「我要点单」提交第一条技术需求' }}
          onRow={(o) => ({ onClick: () => navigate(`/orders/${o._id}`), style: { cursor: 'pointer' } })}
          scroll={{ x: 640 }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 140, render: (n?: string) => <span data-testid="order-number">{n ?? '—'}</span> },
            { title: '需求', dataIndex: 'title', render: (t: string, o) => <Link to={`/orders/${o._id}`}>{t}</Link> },
            { title: '类别', dataIndex: 'category', width: 100, render: (c: Order['category']) => <CategoryText category={c} /> },
            { title: '紧急', dataIndex: 'urgency', width: 80, render: (u: Order['urgency']) => <UrgencyTag urgency={u} /> },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: Order['status']) => <StatusTag status={s} /> },
            { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (d: string) => dayjs(d).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      )}
    </Card>
  );
}
