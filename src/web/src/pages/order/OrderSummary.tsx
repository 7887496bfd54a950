import { Descriptions, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useRegionName } from '../../api/regions';
import { serviceModeLabels, type Order } from '../../domain';
import { CategoryText, StatusTag, UrgencyTag } from '../../components/labels';

export function OrderSummary({ order }: { order: Order }) {
  const regionName = useRegionName();
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        {order.number && (
          <Typography.Text code copyable data-testid="order-number">
            {order.number}
          </Typography.Text>
        )}
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-title">
          {order.title}
        </Typography.Title>
        <span data-testid="order-status">
          <StatusTag status={order.status} />
        </span>
        <UrgencyTag urgency={order.urgency} />
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{order.description}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} bordered>
        <Descriptions.Item label="企业">{order.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label="县市">{regionName(order.regionCode)}</Descriptions.Item>
        <Descriptions.Item label="类别">
          <CategoryText category={order.category} />
        </Descriptions.Item>
        <Descriptions.Item label="所需技能">{order.requiredSkills.length ? order.requiredSkills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}</Descriptions.Item>
        <Descriptions.Item label="服务方式">{order.preferredModes.map((m) => serviceModeLabels[m]).join('、')}</Descriptions.Item>
        <Descriptions.Item label="期望完成">{order.expectedBy ? dayjs(order.expectedBy).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{dayjs(order.submittedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
        {order.resolution && <Descriptions.Item label="解决情况">{order.resolution}</Descriptions.Item>}
        {order.rating !== null && (
          <Descriptions.Item label="企业评价">
            <span data-testid="order-rating">{'★'.repeat(order.rating)}</span> {order.ratingComment ?? ''}
          </Descriptions.Item>
        )}
      </Descriptions>
    </>
  );
}
