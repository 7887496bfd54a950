import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { get } from '../../api/client';
import { serviceKindLabels, type ServiceRecord } from '../../domain';
import { ErrorState, Loading } from '../../components/QueryState';
import { DisputeActions, DisputeTag } from '../../review/DisputeActions';

/** The order's service records, each with its dispute (and what this role may do about it). */
export function ServiceRecords({ orderId, orderStatus }: { orderId: string; orderStatus: string }) {
  const records = useQuery({ queryKey: ['records', orderId], queryFn: () => get<{ items: ServiceRecord[] }>(`/api/orders/${orderId}/service-records`) });
  const items = records.data?.items ?? [];
  return (
    <section className="jx-card" data-testid="records" aria-labelledby="records-title">
      <h2 id="records-title" className="jx-h2">
        服务记录
      </h2>
      {records.isError && !records.data ? (
        <ErrorState error={records.error} />
      ) : records.isLoading ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="jx-empty">暂无服务记录</p>
      ) : (
        <ul className="jx-list">
          {items.map((r) => (
            <li key={r._id} data-testid={`record-${r._id}`}>
              <div>
                <strong>{serviceKindLabels[r.kind]}</strong> · {dayjs(r.date).format('YYYY-MM-DD')} · {r.hours} 小时
                {r.attendees ? ` · ${r.attendees} 人` : ''}
                <div>{r.summary}</div>
                <DisputeTag recordId={r._id} dispute={r.dispute} />
              </div>
              <DisputeActions recordId={r._id} dispute={r.dispute} orderStatus={orderStatus} invalidate={[['records', orderId], ['disputes']]} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
