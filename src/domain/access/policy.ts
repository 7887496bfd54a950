import { AppError } from '../../errors.js';
import { ORDER_RULES, type OrderAction } from '../orders/state-machine.js';
import type { Actor, ActorKind } from '../users/user.js';

/**
 * How far a grant reaches. The scope filters of `scope.ts` turn it into store filters; a record
 * beyond it answers 404.
 * - `all`: everything (admin, the engine itself);
 * - `reach`: union staff — the subtree of their org (an enterprise union: its enterprise);
 * - `own`: an enterprise's or a craftsman's own records (and what is addressed to them);
 * - `public`: no record is involved (reference data, signing in).
 */
export type Reach = 'all' | 'reach' | 'own' | 'public';

/** Who may take an action, and how far: absent kinds are refused. */
export type Grant = Readonly<Partial<Record<ActorKind, Reach>>>;

const STAFF: Grant = { admin: 'all', union_staff: 'reach' };
const ADMIN: Grant = { admin: 'all' };
const SIGNED_IN: Grant = { admin: 'all', union_staff: 'reach', enterprise: 'own', craftsman: 'own' };
const PUBLIC: Grant = { anonymous: 'public', admin: 'public', union_staff: 'public', enterprise: 'public', craftsman: 'public' };

const REACH_OF: Record<ActorKind, Reach> = { admin: 'all', system: 'all', union_staff: 'reach', enterprise: 'own', craftsman: 'own', anonymous: 'public' };

/** An order transition's grant, taken from the state machine: who may move an order is decided there only. */
const transition = (action: OrderAction): Grant => Object.fromEntries(ORDER_RULES[action].roles.map((role) => [role, REACH_OF[role]]));

/**
 * 权限策略: who may take which action on which resource, and how far. Routes name their action and
 * the HTTP layer asks this table before anything else runs; services ask it again for the actions
 * they take on behalf of someone (workers, scripts, another service). One entry per action.
 */
export const POLICY = {
  'session.login': PUBLIC,
  'session.me': SIGNED_IN,
  'session.logout': SIGNED_IN,
  'session.change_password': SIGNED_IN,

  /**
   * 账号管理: staff need the manager right as well, and reach only staff logins of their org and below
   * and the logins of enterprises and craftsmen in reach — `mayManageAccount` in users/account-rules.ts.
   */
  'user.list': STAFF,
  'user.read': STAFF,
  'user.create': STAFF,
  'user.set_status': STAFF,
  'user.reset_password': STAFF,
  'user.audit': STAFF,
  'audit.list': ADMIN,

  'region.list': PUBLIC,
  'org.list': SIGNED_IN,
  'org.read': SIGNED_IN,

  'enterprise.create': STAFF,
  'enterprise.list': { ...STAFF, enterprise: 'own' },
  'enterprise.read': { ...STAFF, enterprise: 'own' },
  /** Field by field: see `profile-fields.ts` (an enterprise's own change of name, credit code or region waits for staff). */
  'enterprise.update': { ...STAFF, enterprise: 'own' },

  'craftsman.create': STAFF,
  'craftsman.search': SIGNED_IN,
  'craftsman.read': SIGNED_IN,
  /** Field by field: see `profile-fields.ts` (a craftsman's own change of region, honours, skills, capacity or studio waits for staff). */
  'craftsman.update': { ...STAFF, craftsman: 'own' },
  /** A craftsman only pauses and resumes itself; any other status change is staff's. */
  'craftsman.set_status': { ...STAFF, craftsman: 'own' },
  'craftsman.points': SIGNED_IN,
  'craftsman.flags': STAFF,
  'craftsman.review': STAFF,

  /** 工作室: staff in reach keep studios; a craftsman sees the studios it leads or belongs to. */
  'studio.list': { ...STAFF, craftsman: 'own' },
  'studio.read': { ...STAFF, craftsman: 'own' },
  'studio.create': STAFF,
  'studio.update': STAFF,
  'studio.delete': STAFF,

  /** 资料变更待审核: proposals are listed to their subject and to staff in reach; staff decide. */
  'profile_change.list': SIGNED_IN,
  'profile_change.decide': STAFF,

  'order.submit': { enterprise: 'own' },
  /** 代录: staff enter a need for an enterprise they reach (or register on the spot). */
  'order.enter': STAFF,
  /** 责任人: staff hand an order in reach to a colleague who reaches it too (`mayOwnOrder`). */
  'order.assign_owner': STAFF,
  /** 回访: the enterprise answers the survey on its own order; staff in reach record the follow-up. */
  'order.answer_survey': { enterprise: 'own' },
  'order.follow_up': STAFF,
  /** 双向评价: the craftsman who did the work rates the enterprise's cooperation. */
  'order.rate_enterprise': { craftsman: 'own' },
  /** 投诉: the enterprise or the craftsman of an order files one; each sees its own, staff those in reach and handle them. */
  'complaint.file': { enterprise: 'own', craftsman: 'own' },
  'complaint.list': SIGNED_IN,
  'complaint.read': SIGNED_IN,
  'complaint.decide': STAFF,
  'order.list': SIGNED_IN,
  'order.read': SIGNED_IN,
  'order.export': SIGNED_IN,
  'order.vet': transition('vet_approve'),
  'order.offer': transition('offer'),
  'order.claim': transition('claim'),
  'order.resolve': transition('resolve'),
  'order.confirm': transition('confirm'),
  'order.reopen': transition('reopen'),
  'order.cancel': transition('cancel'),
  'order.expire_offer': transition('expire'),
  'offer.list': { ...STAFF, craftsman: 'own' },
  'offer.accept': transition('accept'),
  'offer.decline': transition('decline'),

  /** 预约: the craftsman who has the order proposes a visit slot; the enterprise confirms or counters; the craftsman confirms a counter. */
  'appointment.propose': { craftsman: 'own' },
  'appointment.counter': { enterprise: 'own' },
  'appointment.confirm': { enterprise: 'own', craftsman: 'own' },
  /** 预约日程: a craftsman's booked slots, for itself and staff reaching it. */
  'craftsman.calendar': { ...STAFF, craftsman: 'own' },

  'service_record.list': SIGNED_IN,
  'service_record.create': transition('record_service'),
  /** The enterprise disputes a record of its order; staff in reach decide. */
  'service_record.dispute': { enterprise: 'own' },
  'service_record.decide_dispute': STAFF,

  /** 师带徒结对: staff start one for an enterprise in reach (or from a mentoring order, as can its craftsman); the mentor logs sessions and outcomes; the enterprise or staff confirm outcomes. */
  'pairing.create': STAFF,
  /** A mentoring order becomes a pairing: staff in reach, or the craftsman who took the order (its own). */
  'pairing.start_from_order': { ...STAFF, craftsman: 'own' },
  'pairing.list': SIGNED_IN,
  'pairing.read': SIGNED_IN,
  'pairing.log_session': { craftsman: 'own' },
  'pairing.record_milestone': { craftsman: 'own' },
  'pairing.confirm_milestone': { ...STAFF, enterprise: 'own' },

  'order_limits.read': STAFF,
  'order_limits.write': STAFF,
  'service_limits.read': STAFF,
  'service_limits.write': STAFF,

  'matching.candidates': STAFF,
  'matching_policy.read': STAFF,
  'matching_policy.write': STAFF,
  /** 派单决策记录 and what came of them: staff whose org (or an org below) ranked the list. */
  'dispatch_feedback.read': STAFF,
  /** 技能分类: one vocabulary for the engine; staff add to it (audited under their org), proposals come from their reach. */
  'taxonomy.read': STAFF,
  'taxonomy.write': STAFF,
  'plan.create': STAFF,
  'plan.read': STAFF,
  'plan.apply': STAFF,

  /**
   * 案例库: staff in reach publish a closed order as a case (recording the enterprise's consent) and mark
   * 优秀案例; everyone signed in searches the cases of their place (`caseScope`); an 优秀案例's page is public.
   */
  'case.publish': STAFF,
  'case.mark': STAFF,
  'case.search': SIGNED_IN,
  'case.read': SIGNED_IN,
  'case.similar': SIGNED_IN,
  'case.read_public': PUBLIC,

  'stats.read': STAFF,
  'stats.export': STAFF,
  'targets.read': STAFF,
  'targets.write': STAFF,
  'reputation_rules.read': STAFF,
  'reputation_rules.write': STAFF,
  'reputation_rules.write_global': ADMIN,

  'notification.list': SIGNED_IN,
  'notification.read': SIGNED_IN,
  'webhook.read': STAFF,
  'webhook.write': STAFF,
  /** Pointing a webhook at loopback or intranet addresses. */
  'webhook.allow_private': ADMIN,
  'delivery.list': ADMIN,
  'delivery.retry': ADMIN,
  'queue_board.read': ADMIN,
  /** Events an event consumer gave up on (the pipeline's dead letter), and handing them back. */
  'event.list_set_aside': ADMIN,
  'event.retry': ADMIN,
  'store.backup': ADMIN,
  'search.reindex': ADMIN,
} as const satisfies Record<string, Grant>;

export type PolicyAction = keyof typeof POLICY;
export const policyActions = Object.keys(POLICY) as PolicyAction[];

/** How far `actor` reaches for `action`, or null when it may not take it at all. */
export function reachFor(actor: Pick<Actor, 'role'>, action: PolicyAction): Reach | null {
  const grant: Grant = POLICY[action];
  return grant[actor.role] ?? null;
}

export const may = (actor: Pick<Actor, 'role'>, action: PolicyAction): boolean => reachFor(actor, action) !== null;

/** Whether anyone may take the action without signing in. */
export const isPublic = (action: PolicyAction): boolean => (POLICY[action] as Grant).anonymous !== undefined;

/** The actor's reach for `action`, or 403 ACTION_NOT_ALLOWED. */
export function authorize(actor: Pick<Actor, 'role'>, action: PolicyAction, message = '当前角色无权执行此操作'): Reach {
  const reach = reachFor(actor, action);
  if (reach === null) throw new AppError({ kind: 'forbidden', code: 'ACTION_NOT_ALLOWED', message, details: { action, role: actor.role } });
  return reach;
}
