import { Card, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { get } from '../api/client';
import type { Page } from '../api/types';
import { ErrorState } from '../components/QueryState';

interface PointEntry {
  _id: string;
  orderId: string;
  orderTitle: string;
  label: string;
  points: number;
  createdAt: string;
}

/** 积分明细 of one craftsman (GET /api/craftsmen/:id/points). */
export function PointsLedger({ craftsmanId }: { craftsmanId: string }) {
  const ledger = useQuery({ queryKey: ['points', craftsmanId], queryFn: () => get<Page<PointEntry> & { totalPoints: number }>(`/api/craftsmen/${craftsmanId}/points`, { limit: 50 }) });
  return (
    <Card size="small" title="积分明细" data-testid="points">
      {ledger.isError ? (
        <ErrorState error={ledger.error} feature="积分" />
      ) : (
        <>
          <Statistic title="总积分" value={ledger.data?.totalPoints ?? 0} loading={ledger.isLoading} />
          <Table<PointEntry>
            rowKey="_id"
            size="small"
            loading={ledger.isLoading}
            dataSource={ledger.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无积分记录' }}
            columns={[
              { title: '日期', dataIndex: 'createdAt', width: 100, render: (d: string) => dayjs(d).format('YYYY-MM-DD') },
              { title: '需求', dataIndex: 'orderTitle', render: (t: string, p) => <Link to={`/orders/${p.orderId}`}>{t}</Link> },
              { title: '事项', dataIndex: 'label', width: 110 },
              { title: '积分', dataIndex: 'points', width: 60 },
            ]}
          />
        </>
      )}
    </Card>
  );
}
