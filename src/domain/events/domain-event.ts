/** Something that happened, recorded in the outbox atomically with the change that caused it. */
export interface DomainEvent {
  _id: string;
  type: DomainEventType;
  aggregateType: 'order' | 'offer' | 'craftsman' | 'enterprise' | 'org' | 'pairing' | 'studio' | 'case';
  aggregateId: string;
  payload: Record<string, unknown>;
  actorId: string;
  occurredAt: string;
  /**
   * `pending` while some consumer that wants it has not committed its effects; `sent` once every one
   * has (or set it aside as failed): finished, so retention may prune it (`{ status: 'sent' }`).
   */
  status: 'pending' | 'sent';
  /** When it became finished. */
  publishedAt: string | null;
  /** Consumers that have committed its effects, written in the same transaction as those effects. */
  acks?: string[];
  /** Failed tries per consumer, counted only while a batch is retried event by event. */
  tries?: Record<string, number>;
  /** Why a consumer set it aside after its last try (the dead letter an admin reads). */
  failures?: Record<string, string>;
  /** Consumers that set it aside (listed and retried at /api/admin/events/set-aside); kept out of retention. */
  setAside?: string[];
  [key: string]: unknown;
}

export const domainEventTypes = [
  'order.submitted',
  'order.entered',
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
  'order.owner_changed',
  'order.limit_reminder',
  'order.limit_overdue',
  'order.follow_up_due',
  'order.survey_answered',
  'order.appointment_proposed',
  'order.appointment_countered',
  'order.appointment_confirmed',
  'order.appointment_reminder',
  'order.appointment_attendance',
  'order.craftsman_rated',
  'order.complaint_filed',
  'order.complaint_decided',
  'craftsman.created',
  'craftsman.updated',
  'craftsman.status_changed',
  'craftsman.flagged',
  'studio.created',
  'studio.updated',
  'studio.deleted',
  'enterprise.created',
  'enterprise.updated',
  'profile_change.proposed',
  'profile_change.decided',
  'pairing.started',
  'pairing.session_logged',
  'pairing.milestone_recorded',
  'pairing.milestone_decided',
  'case.published',
  'case.updated',
] as const;
export type DomainEventType = (typeof domainEventTypes)[number];
