import { z } from 'zod';
import type { RecordDispute } from './service-record-rules.js';
import type { FollowUp } from './follow-up.js';
import { preferredWindowsSchema, type Appointment, type TimeWindow } from './appointment.js';
import type { CraftsmanRating } from './mutual-rating.js';
import { isoDateTimeSchema, regionCodeSchema, serviceModeSchema, text, type ServiceMode } from '../shared/values.js';
import { preferredInputSchema, type PreferredProvider } from './named-request.js';

export const orderStatuses = ['submitted', 'rejected', 'open', 'offered', 'in_progress', 'resolved', 'closed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderStatusLabels: Record<OrderStatus, string> = {
  submitted: '待审核',
  rejected: '已驳回',
  open: '待派单',
  offered: '已派单',
  in_progress: '服务中',
  resolved: '待确认',
  closed: '已完成',
  cancelled: '已取消',
};

export const orderCategories = ['technical_problem', 'equipment_repair', 'process_improvement', 'skills_training', 'mentoring'] as const;
export type OrderCategory = (typeof orderCategories)[number];
export const orderCategoryLabels: Record<OrderCategory, string> = {
  technical_problem: '技术攻关',
  equipment_repair: '设备维修',
  process_improvement: '工艺改进',
  skills_training: '技能培训',
  mentoring: '师带徒',
};

export const urgencies = ['low', 'normal', 'high', 'critical'] as const;
export type Urgency = (typeof urgencies)[number];
export const urgencyLabels: Record<Urgency, string> = { low: '一般', normal: '普通', high: '紧急', critical: '特急' };

/**
 * 需求来源: where a need came from. The enterprise itself online, or union staff entering it on the
 * enterprise's behalf (代录) after a visit (走访), a 12351 hotline call, an enterprise-union chair's
 * collection, a grid worker (网格员), or otherwise.
 */
export const orderSources = ['enterprise', 'staff_visit', 'hotline', 'union_chair', 'grid_worker', 'other'] as const;
export type OrderSource = (typeof orderSources)[number];
export const orderSourceLabels: Record<OrderSource, string> = {
  enterprise: '企业自助点单',
  staff_visit: '工会走访',
  hotline: '12351 热线',
  union_chair: '企业工会主席收集',
  grid_worker: '网格员上报',
  other: '其他渠道',
};
/** The sources staff may record when they enter a need (the enterprise's own channel is not theirs to claim). */
export const staffEntrySources = ['staff_visit', 'hotline', 'union_chair', 'grid_worker', 'other'] as const;

/** Orders stored before sources were recorded came from the enterprise itself. */
export const sourceOf = (order: { source?: OrderSource | null }): OrderSource => order.source ?? 'enterprise';

/** Who entered an order on the enterprise's behalf (代录). */
export interface OrderEntry {
  userId: string;
  name: string;
  orgId: string | null;
  /** A reference the person can follow up with: a hotline ticket number, a visit log. */
  note: string | null;
}

/** One line of an order's history: who moved it, when, from where to where, and why. */
export interface TimelineEntry {
  at: string;
  action: string;
  from: OrderStatus | null;
  to: OrderStatus;
  actorId: string;
  actorRole: string;
  actorName: string;
  reason?: string;
  craftsmanId?: string;
  offerId?: string;
}

/** 需求单: an enterprise's request for help (点单). */
export interface Order {
  _id: string;
  /** 需求单编号 `黔南-2026-0042` (domain/orders/order-number.ts): what people say and search for. */
  number?: string;
  enterpriseId: string;
  enterpriseName: string;
  title: string;
  description: string;
  category: OrderCategory;
  requiredSkills: string[];
  regionCode: string;
  regionPath: string[];
  urgency: Urgency;
  preferredModes: ServiceMode[];
  expectedBy: string | null;
  /** 期望时段: when the enterprise would like the visit (UTC, sorted; absent on orders stored before appointments). */
  preferredWindows?: TimeWindow[];
  /** 预约: the visit slot being negotiated or agreed; null until the craftsman proposes one. */
  appointment?: Appointment | null;
  autoDispatch: boolean;
  status: OrderStatus;
  /** Where the need came from (absent on orders stored before sources were recorded: the enterprise's own). */
  source?: OrderSource;
  /** Union staff who entered it for the enterprise (代录); null when the enterprise submitted it. */
  enteredBy?: OrderEntry | null;
  /** 责任人: the union staff login answering for it (who vetted or entered it, or was handed it); null before vetting. */
  ownerId?: string | null;
  ownerName?: string | null;
  /** 服务时限 fixed at acceptance; null before (and on orders accepted before time limits existed). */
  serviceDeadlines?: ServiceDeadlines | null;
  /** When the first service record was logged: the first contact or visit. */
  firstContactAt?: string | null;
  /** Reminders and escalations already sent (`first_contact.reminder`, …): each goes out once. */
  limitsFired?: string[];
  /** 回访 after closing: scheduled at the first close, opened when due, answered by the enterprise. */
  followUp?: FollowUp | null;
  /** An order raised because this earlier one's problem came back (after a follow-up said so). */
  linkedOrderId?: string | null;
  /** 点名: the provider the enterprise asked for, with its reason (absent or null: nobody named). */
  preferred?: PreferredProvider | null;
  /** The craftsman who accepted or claimed it (for a team: its lead). */
  craftsmanId: string | null;
  /** 团队派单: the members who serve with the lead, each holding one of their own capacity slots while it is in hand. */
  teamMemberIds?: string[];
  /** The studio the team was sent from, if any. */
  studioId?: string | null;
  /** The pending offer while `offered`. */
  currentOfferId: string | null;
  /** Every craftsman this order was ever offered to (they keep seeing it). */
  offeredCraftsmanIds: string[];
  /** Craftsmen who declined or let an offer expire: never offered this order again. */
  excludedCraftsmanIds: string[];
  /** Declined or expired offers in a row, for auto-dispatch's escalation rule. */
  dispatchFailures: number;
  escalatedToOrgId: string | null;
  resolution: string | null;
  rating: number | null;
  ratingComment: string | null;
  /** When the enterprise (last) rated; absent on orders rated before it was kept (their closing time counts). */
  enterpriseRatedAt?: string | null;
  /** 双向评价: the craftsman's rating of the enterprise's cooperation (mutual-rating.ts decides who sees what, when). */
  craftsmanRating?: CraftsmanRating | null;
  reopenCount: number;
  timeline: TimelineEntry[];
  submittedAt: string;
  firstOfferedAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** When it first closed: a completion counts once per order, however often it is reopened. */
  firstClosedAt?: string | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

/** Staff answer for what they vet or enter (责任人); an admin doing it leaves the order to be handed to staff. */
export const defaultOwner = (actor: { role: string; userId: string; displayName: string }) =>
  actor.role === 'union_staff' ? { ownerId: actor.userId, ownerName: actor.displayName } : { ownerId: null, ownerName: null };

/** The lifecycle fields of an order submitted at `at` that nobody has acted on yet. */
export function untouchedLifecycle(at: string) {
  return {
    ownerId: null,
    ownerName: null,
    craftsmanId: null,
    currentOfferId: null,
    offeredCraftsmanIds: [],
    excludedCraftsmanIds: [],
    dispatchFailures: 0,
    escalatedToOrgId: null,
    resolution: null,
    rating: null,
    ratingComment: null,
    reopenCount: 0,
    submittedAt: at,
    firstOfferedAt: null,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    createdAt: at,
    updatedAt: at,
  } satisfies Partial<Order>;
}

export const orderCreateSchema = z.strictObject({
  title: text(100, '标题'),
  description: text(5000, '问题描述'),
  category: z.enum(orderCategories),
  requiredSkills: z.array(text(30, '技能')).max(10).default([]),
  regionCode: regionCodeSchema.optional(),
  urgency: z.enum(urgencies).default('normal'),
  preferredModes: z.array(serviceModeSchema).min(1).max(4).default(['onsite']),
  expectedBy: isoDateTimeSchema.nullable().default(null),
  preferredWindows: preferredWindowsSchema.optional(),
  autoDispatch: z.boolean().default(false),
  /** A problem that came back after an earlier order of the same enterprise closed (回访: no longer solved). */
  linkedOrderId: z.string().min(1).max(64).optional(),
  /** 点名: a craftsman from the enterprise's talent pool, with the reason. */
  preferred: preferredInputSchema.optional(),
});
export type OrderCreate = z.infer<typeof orderCreateSchema>;

export const offerStatuses = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof offerStatuses)[number];

/** 派单: an order offered to one craftsman (送单), answered by accept (接单) or decline, or expired. */
export interface Offer {
  _id: string;
  orderId: string;
  craftsmanId: string;
  regionPath: string[];
  enterpriseId: string;
  status: OfferStatus;
  note: string | null;
  /** Who sent it: a staff user, or `system` for auto-dispatch. */
  offeredBy: string;
  /** A team offer: the members who go with the craftsman (its lead), and the studio they come from. */
  teamMemberIds?: string[];
  studioId?: string | null;
  auto: boolean;
  expiresAt: string;
  createdAt: string;
  respondedAt: string | null;
  declineReason: string | null;
  [key: string]: unknown;
}

export const serviceKinds = ['visit', 'remote', 'training', 'mentoring'] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceKindLabels: Record<ServiceKind, string> = { visit: '上门服务', remote: '远程指导', training: '技能培训', mentoring: '师带徒' };

/** 服务记录: one visit, remote session, training session or mentoring session. */
export interface ServiceRecord {
  _id: string;
  orderId: string;
  craftsmanId: string;
  enterpriseId: string;
  regionCode: string;
  regionPath: string[];
  kind: ServiceKind;
  date: string;
  hours: number;
  attendees: number;
  summary: string;
  /** The Beijing day of `date`: what the daily hours cap is counted by. */
  day?: string;
  /**
   * Team members who took part beside the recording craftsman (a studio or team order): each counts
   * its own 人次 and has the record's hours counted against its own daily cap. Absent on older records.
   */
  participantIds?: string[];
  /** The enterprise's objection and staff's decision; an open or upheld dispute keeps the record out of every figure. */
  dispute?: RecordDispute | null;
  /** The client's Idempotency-Key: a retried submission with the same key returns this record instead of a second one. */
  requestKey?: string;
  createdAt: string;
  [key: string]: unknown;
}

/** An Idempotency-Key header: what a client generates once per intended write and repeats on every retry of it. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key 应为 8–100 位字母、数字、下划线或连字符');

export const serviceRecordCreateSchema = z
  .strictObject({
    kind: z.enum(serviceKinds),
    date: z.union([z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }), isoDateTimeSchema]),
    hours: z.number().positive('时长必须大于 0').max(24, '单次服务时长不超过 24 小时'),
    attendees: z.number().int().min(0).max(10_000).optional(),
    /** Team members of the order who took part beside the recording craftsman (each counts a 人次; hours go against each one's daily cap). */
    participantIds: z.array(z.string().min(1).max(64)).max(20).optional(),
    summary: text(2000, '服务内容'),
  })
  .refine((r) => r.kind !== 'training' || (r.attendees ?? 0) > 0, { message: '培训记录需填写参训人数', path: ['attendees'] });
export type ServiceRecordCreate = z.infer<typeof serviceRecordCreateSchema>;

/** Vetting staff may place the order in another region they reach (an enterprise's own orders stay in its prefecture). */
export const vetSchema = z
  .strictObject({ approve: z.boolean(), reason: text(500, '原因').optional(), regionCode: regionCodeSchema.optional() })
  .refine((v) => v.approve || v.reason, { message: '驳回时需填写原因', path: ['reason'] });
export const offerCreateSchema = z.strictObject({
  craftsmanId: z.string().min(1).max(64),
  expiresInMinutes: z.number().int().min(1).max(60 * 24 * 14).optional(),
  note: text(500, '备注').optional(),
  /** 团队派单: members who go with the craftsman (the lead); with `studioId`, the studio's members when omitted. */
  teamMemberIds: z.array(z.string().min(1).max(64)).max(20, '团队成员不超过 20 人').optional(),
  studioId: z.string().min(1).max(64).optional(),
});
export const reasonSchema = z.strictObject({ reason: text(500, '原因') });
export const resolveSchema = z.strictObject({ summary: text(2000, '解决情况') });
export const confirmSchema = z.strictObject({ rating: z.number().int().min(1, '评分为 1–5').max(5, '评分为 1–5'), comment: text(1000, '评价').optional() });

/** Deadlines fixed at acceptance (a later policy change does not move them). */
export interface ServiceDeadlines {
  firstContactDueAt: string;
  firstContactRemindAt: string;
  resolutionDueAt: string;
  resolutionRemindAt: string;
}
