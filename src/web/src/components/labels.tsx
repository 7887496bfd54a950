import type { ReactNode } from 'react';
import { craftsmanStatusLabels, orderCategoryLabels, orderStatusLabels, urgencyLabels, type CraftsmanStatus, type OrderCategory, type OrderStatus, type Urgency } from '../domain';

/**
 * Tags in plain markup (the craftsman's phone pages show them without the component library): a light
 * tint of the hue with its darkest shade as text, so every tag keeps 4.5:1 contrast.
 */
type Tone = 'grey' | 'gold' | 'orange' | 'blue' | 'cyan' | 'green' | 'red';

export const Tag = ({ tone, children }: { tone: Tone; children: ReactNode }) => <span className={`jx-tag jx-tag-${tone}`}>{children}</span>;

const statusTones: Record<OrderStatus, Tone> = {
  submitted: 'gold',
  rejected: 'grey',
  open: 'orange',
  offered: 'blue',
  in_progress: 'blue',
  resolved: 'cyan',
  closed: 'green',
  cancelled: 'grey',
};
const urgencyTones: Record<Urgency, Tone> = { low: 'grey', normal: 'blue', high: 'orange', critical: 'red' };

export const StatusTag = ({ status }: { status: OrderStatus }) => <Tag tone={statusTones[status]}>{orderStatusLabels[status] ?? status}</Tag>;
export const UrgencyTag = ({ urgency }: { urgency: Urgency }) => <Tag tone={urgencyTones[urgency]}>{urgencyLabels[urgency] ?? urgency}</Tag>;
export const CategoryText = ({ category }: { category: OrderCategory }) => <>{orderCategoryLabels[category] ?? category}</>;
export const CraftsmanStatusTag = ({ status }: { status: CraftsmanStatus }) => <Tag tone={status === 'active' ? 'green' : status === 'paused' ? 'gold' : 'red'}>{craftsmanStatusLabels[status] ?? status}</Tag>;
