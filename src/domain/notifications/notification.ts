import type { DomainEvent, DomainEventType } from '../events/domain-event.js';
import type { Urgency } from '../orders/order.js';

/** Who a message is written for. `staff` is also the voice of an org's webhook (its group robot). */
/** `owner`: the order's 责任人 (for `order.owner_changed`, the one it was handed to). */
/** `complainant`: the login that filed a complaint (`payload.complainantUserId`). */
export type Audience = 'craftsman' | 'enterprise' | 'staff' | 'owner' | 'complainant';

/** 站内消息: one in-app inbox row for one person, unique by (eventId, userId, channel). */
export interface Notification {
  _id: string;
  eventId: string;
  eventType: DomainEventType;
  userId: string;
  channel: 'inbox';
  title: string;
  body: string;
  link: string;
  orderId: string | null;
  readAt: string | null;
  createdAt: string;
  [key: string]: unknown;
}

export const deliveryChannels = ['webhook', 'sms'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];
export const deliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
/** `skipped`: nothing to send any more (the webhook was disabled or removed before its turn). */
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * One message to an outside channel (an org's webhook, a craftsman's phone), tracked so that a
 * delivery that failed after its retries stays visible to admins (the dead letter) and can be retried.
 * The id is also the queue job id: `${eventId}:${orgId}` for a webhook, `${eventId}:sms:${craftsmanId}` for SMS.
 */
export interface Delivery {
  _id: string;
  channel: DeliveryChannel;
  eventId: string;
  eventType: DomainEventType;
  orgId: string | null;
  craftsmanId: string | null;
  title: string;
  body: string;
  link: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  [key: string]: unknown;
}

export const webhookDeliveryId = (eventId: string, orgId: string) => `${eventId}:${orgId}`;
export const smsDeliveryId = (eventId: string, craftsmanId: string) => `${eventId}:sms:${craftsmanId}`;

/** Who hears about each event, and whether the order's union orgs' webhooks carry it. */
interface Route {
  audiences: readonly Audience[];
  webhook: boolean;
}

const ROUTES: Partial<Record<DomainEventType, Route>> = {
  'order.submitted': { audiences: ['staff'], webhook: true },
  'order.entered': { audiences: ['enterprise'], webhook: true },
  'order.approved': { audiences: ['enterprise'], webhook: false },
  'order.rejected': { audiences: ['enterprise'], webhook: false },
  'offer.made': { audiences: ['craftsman'], webhook: true },
  'offer.accepted': { audiences: ['enterprise'], webhook: true },
  'offer.declined': { audiences: ['staff'], webhook: true },
  'offer.expired': { audiences: ['craftsman', 'staff'], webhook: true },
  'offer.withdrawn': { audiences: ['craftsman'], webhook: false },
  'order.claimed': { audiences: ['enterprise'], webhook: true },
  'order.resolved': { audiences: ['enterprise'], webhook: true },
  'order.confirmed': { audiences: ['craftsman'], webhook: true },
  'order.cancelled': { audiences: ['craftsman'], webhook: true },
  'order.reopened': { audiences: ['craftsman'], webhook: true },
  'order.escalated': { audiences: ['owner', 'staff'], webhook: true },
  'order.owner_changed': { audiences: ['owner'], webhook: false },
  'order.follow_up_due': { audiences: ['enterprise', 'owner'], webhook: false },
  // 师带徒: the parties hear of a new pairing; an outcome waits for the enterprise or staff to confirm it, and the mentor hears the answer.
  'pairing.started': { audiences: ['craftsman', 'enterprise'], webhook: false },
  'pairing.milestone_recorded': { audiences: ['enterprise', 'staff'], webhook: false },
  'pairing.milestone_decided': { audiences: ['craftsman'], webhook: false },
  'order.survey_answered': { audiences: ['owner'], webhook: false },
  // 预约: each proposal goes to the party that answers it; both hear of the agreed slot and the day before it.
  'order.appointment_proposed': { audiences: ['enterprise'], webhook: false },
  'order.appointment_countered': { audiences: ['craftsman'], webhook: false },
  'order.appointment_confirmed': { audiences: ['craftsman', 'enterprise'], webhook: false },
  'order.appointment_reminder': { audiences: ['craftsman', 'enterprise'], webhook: false },
  // A late or missed visit is the case owner's to follow up.
  'order.appointment_attendance': { audiences: ['owner'], webhook: false },
  // 投诉: the owner and the order's county and prefecture staff handle it; the complainant hears the outcome.
  'order.complaint_filed': { audiences: ['owner', 'staff'], webhook: false },
  'order.complaint_decided': { audiences: ['complainant'], webhook: false },
  'order.limit_reminder': { audiences: ['craftsman', 'owner'], webhook: false },
  'order.limit_overdue': { audiences: ['owner', 'craftsman', 'staff'], webhook: true },
  // Figures that feed assessments: both parties hear of a dispute and of its outcome; staff decide it.
  'service.disputed': { audiences: ['craftsman', 'staff'], webhook: false },
  'service.dispute_decided': { audiences: ['craftsman', 'enterprise'], webhook: false },
  // 资料变更待审核: staff reaching the subject review it; the subject hears the decision.
  'profile_change.proposed': { audiences: ['staff'], webhook: false },
  'profile_change.decided': { audiences: ['craftsman', 'enterprise'], webhook: false },
};

/** Whether the notification consumer wants this event type at all. */
export const isNotifiable = (type: DomainEventType): boolean => ROUTES[type] !== undefined;
export const audiencesFor = (type: DomainEventType): readonly Audience[] => ROUTES[type]?.audiences ?? [];
export const goesToWebhooks = (type: DomainEventType): boolean => ROUTES[type]?.webhook ?? false;
/** Every event type a union org's group robot is told about (documented in OpenAPI `webhooks`). */
export const webhookEventTypes = (): DomainEventType[] => (Object.keys(ROUTES) as DomainEventType[]).filter(goesToWebhooks);

/** An SMS goes out only for what cannot wait: an offer of a high or critical order, to the craftsman. */
export const wantsSms = (type: DomainEventType, urgency: Urgency | null | undefined): boolean => type === 'offer.made' && (urgency === 'high' || urgency === 'critical');

/** The order an event is about: the aggregate for order events, `payload.orderId` for offer events. */
export function orderIdOf(event: Pick<DomainEvent, 'aggregateType' | 'aggregateId' | 'payload'>): string | null {
  if (event.aggregateType === 'order') return event.aggregateId;
  const orderId = event.payload['orderId'];
  return typeof orderId === 'string' ? orderId : null;
}

/** 139****0001: enough for a person to recognise, not enough to leak in a log. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
