import { useState } from 'react';
import { Card, Segmented, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { get } from '../api/client';
import type { Page } from '../api/types';
import { isStaff, useAuth } from '../auth';
import { ErrorState } from '../components/QueryState';
import { serviceKindLabels, type DisputeStatus, type ServiceRecord } from '../domain';
import { DisputeActions, DisputeTag } from './DisputeActions';

type DisputedRecord = ServiceRecord & { orderTitle: string | null; enterpriseName: string | null; craftsmanName: string | null };

/** 服务记录异议: staff decide the open ones in reach; the enterprise and the craftsman follow theirs and the outcome. */
export default function DisputesPage() {
  const { user } = useAuth();
  const staff = isStaff(user?.role);
  const [status, setStatus] = useState<DisputeStatus | 'all'>(staff ? 'open' : 'all');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['disputes', status, page],
    queryFn: () => get<Page<DisputedRecord>>('/api/service-records/disputes', { status: status === 'all' ? undefined : status, page, limit: 20 }),
  });
  return (
    <Card
      title="服务记录异议"
      extra={
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as DisputeStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'open', label: '待处理' },
            { value: 'upheld', label: '异议成立' },
            { value: 'dismissed', label: '异议未成立' },
            { value: 'all', label: '全部' },
          ]}
        />
      }
      data-testid="disputes"
    >
      {list.isError ? (
        <ErrorState error={list.error} feature="服务记录异议" />
      ) : (
        <Table<DisputedRecord>
          rowKey="_id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: staff ? '没有待处理的异议' : '暂无服务记录异议' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: true }}
          columns={[
            { title: '需求单', key: 'order', render: (_: unknown, r) => <Link to={`/orders/${r.orderId}`}>{r.orderTitle ?? r.orderId}</Link> },
            { title: '企业 / 劳模工匠', key: 'parties', render: (_: unknown, r) => `${r.enterpriseName ?? '—'} / ${r.craftsmanName ?? '—'}` },
            { title: '服务记录', key: 'record', render: (_: unknown, r) => `${dayjs(r.date).format('YYYY-MM-DD')} · ${serviceKindLabels[r.kind]} · ${r.hours} 小时` },
            { title: '异议与结果', key: 'dispute', render: (_: unknown, r) => <DisputeTag recordId={r._id} dispute={r.dispute} /> },
            ...(staff ? [{ title: '处理', key: 'decide', render: (_: unknown, r: DisputedRecord) => <DisputeActions recordId={r._id} dispute={r.dispute} invalidate={[['disputes'], ['records', r.orderId]]} /> }] : []),
          ]}
        />
      )}
    </Card>
  );
}
