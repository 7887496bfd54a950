import { Card, List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { get } from '../../api/client';
import { serviceKindLabels, type ServiceRecord } from '../../domain';
import { ErrorState } from '../../components/QueryState';
import { DisputeActions, DisputeTag } from '../../review/DisputeActions';

/** The order's service records, each with its dispute (and what this role may do about it). */
export function ServiceRecords({ orderId, orderStatus }: { orderId: string; orderStatus: string }) {
  const records = useQuery({ queryKey: ['records', orderId], queryFn: () => get<{ items: ServiceRecord[] }>(`/api/orders/${orderId}/service-records`) });
  return (
    <Card title="服务记录" size="small" data-testid="records">
      {records.isError && !records.data ? (
        <ErrorState error={records.error} />
      ) : (
        <List
          size="small"
          loading={records.isLoading}
          locale={{ emptyText: '暂无服务记录' }}
          dataSource={records.data?.items ?? []}
          renderItem={(r) => (
            <List.Item actions={[<DisputeActions key="dispute" recordId={r._id} dispute={r.dispute} orderStatus={orderStatus} invalidate={[['records', orderId], ['disputes']]} />]} data-testid={`record-${r._id}`}>
              <div>
                <Typography.Text strong>{serviceKindLabels[r.kind]}</Typography.Text> · {dayjs(r.date).format('YYYY-MM-DD')} · {r.hours} 小时
                {r.attendees ? ` · ${r.attendees} 人` : ''}
                <div>{r.summary}</div>
                <DisputeTag recordId={r._id} dispute={r.dispute} />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
