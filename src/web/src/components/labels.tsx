import { Tag } from 'antd';
import { craftsmanStatusLabels, orderCategoryLabels, orderStatusLabels, urgencyLabels, type CraftsmanStatus, type OrderCategory, type OrderStatus, type Urgency } from '../domain';

const statusColors: Record<OrderStatus, string> = {
  submitted: 'gold',
  rejected: 'default',
  open: 'orange',
  offered: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  closed: 'green',
  cancelled: 'default',
};
const urgencyColors: Record<Urgency, string> = { low: 'default', normal: 'blue', high: 'orange', critical: 'red' };

export const StatusTag = ({ status }: { status: OrderStatus }) => <Tag color={statusColors[status]}>{orderStatusLabels[status] ?? status}</Tag>;
export const UrgencyTag = ({ urgency }: { urgency: Urgency }) => <Tag color={urgencyColors[urgency]}>{urgencyLabels[urgency] ?? urgency}</Tag>;
export const CategoryText = ({ category }: { category: OrderCategory }) => <>{orderCategoryLabels[category] ?? category}</>;
export const CraftsmanStatusTag = ({ status }: { status: CraftsmanStatus }) => (
  <Tag color={status === 'active' ? 'green' : status === 'paused' ? 'gold' : 'red'}>{craftsmanStatusLabels[status] ?? status}</Tag>
);
