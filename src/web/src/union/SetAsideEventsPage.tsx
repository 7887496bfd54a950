import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { get, post } from '../api/client';
import { useAction } from '../api/hooks';
import type { Page } from '../api/types';
import { ErrorState } from '../components/QueryState';
import { aggregateTypeLabels, eventConsumerLabels, eventTypeLabels } from '../domain';

interface SetAsideEvent {
  _id: string;
  type: string;
  aggregateType: keyof typeof aggregateTypeLabels;
  aggregateId: string;
  occurredAt: string;
  setAside: Array<{ consumer: string; reason: string; tries: number }>;
}

const consumerLabel = (name: string) => eventConsumerLabels[name] ?? name;
const typeLabel = (type: string) => (eventTypeLabels as Record<string, string>)[type] ?? type;

/**
 * 搁置事件 (admin): events a processing step gave up on after its last try, or at once for bad data.
 * Once the cause is fixed, 重试 hands the event back to the steps that set it aside; their effects are
 * idempotent, so whatever part already landed does not land twice.
 */
export default function SetAsideEventsPage() {
  const [consumer, setConsumer] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['set-aside-events', consumer, page],
    queryFn: () => get<Page<SetAsideEvent>>('/api/admin/events/set-aside', { consumer, page, limit: 20 }),
  });
  const retry = useAction((event: SetAsideEvent) => post<SetAsideEvent>(`/api/admin/events/${event._id}/retry`, consumer ? { consumer } : {}), {
    success: '已交回处理环节重新处理',
    invalidate: [['set-aside-events']],
  });
  return (
    <Card
      title="搁置事件"
      data-testid="set-aside-events"
      extra={
        <Space>
          <Typography.Text type="secondary">处理环节</Typography.Text>
          <Select
            aria-label="处理环节"
            style={{ width: 180 }}
            allowClear
            placeholder="全部环节"
            value={consumer}
            onChange={(v: string | undefined) => {
              setConsumer(v);
              setPage(1);
            }}
            options={Object.entries(eventConsumerLabels)
              .filter(([name]) => name !== 'index')
              .map(([value, label]) => ({ value, label }))}
          />
          <Button onClick={() => void list.refetch()}>刷新</Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="事件处理环节（通知、统计、积分等）多次重试仍失败或数据有误时，会搁置该事件并记下原因。排除原因后点“重试”，事件交回这些环节重新处理；已经生效的部分不会重复。"
      />
      {list.isError ? (
        <ErrorState error={list.error} feature="搁置事件" />
      ) : (
        <Table<SetAsideEvent>
          rowKey="_id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '没有被搁置的事件' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          scroll={{ x: true }}
          onRow={(e) => ({ 'data-testid': `event-${e._id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '发生时间', key: 'at', render: (_: unknown, e) => dayjs(e.occurredAt).format('YYYY-MM-DD HH:mm:ss') },
            {
              title: '事件',
              key: 'type',
              render: (_: unknown, e) => (
                <div>
                  <div>{typeLabel(e.type)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.type}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: '对象',
              key: 'aggregate',
              render: (_: unknown, e) => (
                <span>
                  {aggregateTypeLabels[e.aggregateType] ?? e.aggregateType}{' '}
                  {e.aggregateType === 'order' ? <Link to={`/orders/${e.aggregateId}`}>{e.aggregateId}</Link> : <Typography.Text code>{e.aggregateId}</Typography.Text>}
                </span>
              ),
            },
            {
              title: '搁置的处理环节与原因',
              key: 'setAside',
              render: (_: unknown, e) => (
                <Space direction="vertical" size={4}>
                  {e.setAside.map((s) => (
                    <div key={s.consumer}>
                      <Tag color="orange">{consumerLabel(s.consumer)}</Tag>
                      <Typography.Text type="secondary">已尝试 {s.tries} 次</Typography.Text>
                      {s.reason && <div>原因：{s.reason}</div>}
                    </div>
                  ))}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'retry',
              render: (_: unknown, e) => (
                <Popconfirm
                  title={consumer ? `交回“${consumerLabel(consumer)}”重新处理？` : '交回搁置它的处理环节重新处理？'}
                  okText="重试"
                  cancelText="取消"
                  onConfirm={() => retry.mutateAsync(e)}
                >
                  <Button size="small" type="primary" loading={retry.isPending && retry.variables?._id === e._id}>
                    重试
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
