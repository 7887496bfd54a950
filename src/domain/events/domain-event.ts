/** Something that happened, recorded in the outbox atomically with the change that caused it. */
export interface DomainEvent {
  _id: string;
  type: DomainEventType;
  aggregateType: 'order' | 'offer' | 'craftsman' | 'enterprise' | 'org';
  aggregateId: string;
  payload: Record<string, unknown>;
  actorId: string;
  occurredAt: string;
  /** pending until the relay has handed it to the queue. */
  status: 'pending' | 'sent';
  publishedAt: string | null;
  [key: string]: unknown;
}

export const domainEventTypes = [
  'order.submitted',
  'order.approved',
  'order.rejected',
  'offer.made',
  'offer.accepted',
  'offer.declined',
  'offer.expired',
  'offer.withdrawn',
  'order.claimed',
  'service.recorded',
  'service.disputed',
  'service.dispute_decided',
  'order.resolved',
  'order.confirmed',
  'order.reopened',
  'order.cancelled',
  'order.escalated',
  'craftsman.created',
  'craftsman.updated',
  'craftsman.status_changed',
  'craftsman.flagged',
  'enterprise.created',
  'enterprise.updated',
] as const;
export type DomainEventType = (typeof domainEventTypes)[number];
