import type { ReactNode } from 'react';
import dayjs from 'dayjs';
import { useRegionName } from '../../api/regions';
import { serviceModeLabels, type Order } from '../../domain';
import { CategoryText, StatusTag, Tag, UrgencyTag } from '../../components/labels';

export function OrderSummary({ order }: { order: Order }) {
  const regionName = useRegionName();
  const rows: Array<[string, ReactNode]> = [
    ['企业', order.enterpriseName],
    ['县市', regionName(order.regionCode)],
    ['类别', <CategoryText key="c" category={order.category} />],
    ['所需技能', order.requiredSkills.length ? order.requiredSkills.map((s) => <Tag key={s} tone="grey">{s}</Tag>) : '—'],
    ['服务方式', order.preferredModes.map((m) => serviceModeLabels[m]).join('、')],
    ['期望完成', order.expectedBy ? dayjs(order.expectedBy).format('YYYY-MM-DD HH:mm') : '—'],
    ['提交时间', dayjs(order.submittedAt).format('YYYY-MM-DD HH:mm')],
  ];
  if (order.resolution) rows.push(['解决情况', order.resolution]);
  if (order.rating !== null)
    rows.push([
      '企业评价',
      <>
        <span data-testid="order-rating">{'★'.repeat(order.rating)}</span> {order.ratingComment ?? ''}
      </>,
    ]);
  return (
    <>
      <div className="jx-row jx-title-row">
        {order.number && (
          <code className="jx-code" data-testid="order-number">
            {order.number}
          </code>
        )}
        <h1 className="jx-h1" data-testid="order-title">
          {order.title}
        </h1>
        <span data-testid="order-status">
          <StatusTag status={order.status} />
        </span>
        <UrgencyTag urgency={order.urgency} />
      </div>
      <p className="jx-pre">{order.description}</p>
      <dl className="jx-dl">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
