import { conflict, DuplicateKeyError, invalid, notFound } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { craftsmanScope, enterpriseScope, pairingScope } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import {
  applyConfirmed,
  milestoneRefusal,
  type Milestone,
  type MilestoneCreate,
  type Pairing,
  type PairingCreate,
  type PairingFromOrder,
  type PairingStatus,
  type SessionCreate,
} from '../domain/mentoring/pairing.js';
import type { Order } from '../domain/orders/order.js';
import { orgIdForRegion } from '../domain/orgs/union-org.js';
import type { PageQuery } from '../domain/shared/values.js';
import { dayOf } from '../domain/stats/period.js';
import type { Actor } from '../domain/users/user.js';
import type { ServiceDeps } from './deps.js';
import type { OrderService } from './order-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

/** Orders whose craftsman is serving (or has served) them: the mentor of a pairing started from one. */
const ORDER_STATES_WITH_MENTOR = ['in_progress', 'resolved', 'closed'] as const;

/** 师带徒结对: starting a pairing, the mentor's sessions and outcomes, and their confirmation. */
export function pairingService(deps: ServiceDeps, orders: Pick<OrderService, 'load'>) {
  const pairings = deps.store.collection<Pairing>('pairings');
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const today = () => dayOf(nowIso(deps));

  async function load(actor: Actor, id: string): Promise<Pairing> {
    const found = await pairings.findOne(and(pairingScope(actor), { _id: id }));
    if (!found) throw notFound('PAIRING_NOT_FOUND', '师带徒结对不存在，或不在您的管辖范围内');
    return found;
  }

  /** The pairing if the actor is its mentor and it is still running. */
  async function mentored(actor: Actor, id: string): Promise<Pairing> {
    const pairing = await load(actor, id);
    if (pairing.mentorId !== actor.craftsmanId) throw notFound('PAIRING_NOT_FOUND', '师带徒结对不存在，或不在您的管辖范围内');
    if (pairing.status !== 'active') throw conflict('PAIRING_NOT_ACTIVE', '该结对已出师结束，不能再登记', { status: pairing.status });
    return pairing;
  }

  async function insert(actor: Actor, parts: { mentor: Craftsman; enterprise: Enterprise; terms: PairingFromOrder; orderId?: string }): Promise<Pairing> {
    const { mentor, enterprise, terms } = parts;
    if (terms.startDate > today()) throw invalid('PAIRING_DATE_INVALID', '结对开始日期不能晚于今天', { field: 'startDate' });
    const at = nowIso(deps);
    const pairing: Pairing = {
      _id: deps.ids.next('pair'),
      mentorId: mentor._id,
      mentorName: mentor.name,
      enterpriseId: enterprise._id,
      enterpriseName: enterprise.name,
      orgId: orgIdForRegion(enterprise.regionCode),
      regionCode: enterprise.regionCode,
      regionPath: enterprise.regionPath,
      ...(parts.orderId ? { orderId: parts.orderId } : {}),
      apprentices: terms.apprentices.map((a, i) => ({ id: `a${i + 1}`, name: a.name, enterpriseName: a.enterpriseName ?? enterprise.name, trade: a.trade, startGrade: a.startGrade, grade: a.startGrade, graduatedOn: null })),
      goals: terms.goals,
      startDate: terms.startDate,
      plannedEndDate: terms.plannedEndDate,
      status: 'active',
      graduatedOn: null,
      sessions: [],
      milestones: [],
      createdBy: actor.userId,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await deps.store.transaction(async () => {
        await pairings.insertOne(pairing);
        await recordEvents(deps, [newEvent(deps, 'pairing.started', { type: 'pairing', id: pairing._id }, eventFacts(pairing, { apprentices: pairing.apprentices.length }), actor)]);
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw conflict('PAIRING_EXISTS', '该需求已建立师带徒结对', { field: 'orderId' });
      throw error;
    }
    return pairing;
  }

  /** What every pairing event carries: who it concerns (for notifications) and where (for staff). */
  const eventFacts = (p: Pairing, extra: Record<string, unknown>) => ({ pairingId: p._id, craftsmanId: p.mentorId, enterpriseId: p.enterpriseId, regionCode: p.regionCode, mentorName: p.mentorName, enterpriseName: p.enterpriseName, ...extra });

  /** Writes a change made to the pairing as read (409 when someone changed it in between), with its event. */
  async function save(actor: Actor, read: Pairing, set: Partial<Pairing>, event: { type: 'pairing.session_logged' | 'pairing.milestone_recorded' | 'pairing.milestone_decided'; payload: Record<string, unknown> }): Promise<Pairing> {
    const at = nowIso(deps);
    return deps.store.transaction(async () => {
      const saved = await pairings.updateOne({ _id: read._id, updatedAt: read.updatedAt }, { $set: { ...set, updatedAt: at } });
      if (!saved) throw conflict('PAIRING_CHANGED', '结对刚被他人更新，请刷新后重试');
      await recordEvents(deps, [newEvent(deps, event.type, { type: 'pairing', id: read._id }, eventFacts(read, event.payload), actor)]);
      return saved;
    });
  }

  return {
    load,

    /** Staff start a pairing of a craftsman and an enterprise they both reach. */
    async start(actor: Actor, input: PairingCreate): Promise<Pairing> {
      authorize(actor, 'pairing.create', '只有工会工作人员可以建立师带徒结对');
      const { mentorId, enterpriseId, ...terms } = input;
      const enterprise = await enterprises.findOne(and(enterpriseScope(actor), { _id: enterpriseId }));
      if (!enterprise) throw notFound('ENTERPRISE_NOT_FOUND', '企业不存在，或不在您的管辖范围内', { field: 'enterpriseId' });
      const mentor = await craftsmen.findOne(and(craftsmanScope(actor), { _id: mentorId }));
      if (!mentor) throw notFound('CRAFTSMAN_NOT_FOUND', '劳模工匠不存在，或不在您的管辖范围内', { field: 'mentorId' });
      return insert(actor, { mentor, enterprise, terms });
    },

    /** A mentoring order (师带徒 category) becomes a pairing: its craftsman mentors apprentices of its enterprise. */
    async startFromOrder(actor: Actor, orderId: string, terms: PairingFromOrder): Promise<Pairing> {
      const reach = authorize(actor, 'pairing.start_from_order', '只有工会工作人员或承接需求的劳模工匠可以建立结对');
      const order: Order = await orders.load(actor, orderId);
      // A craftsman's own reach is the orders it took, not those merely offered to it or open nearby.
      if (reach === 'own' && order.craftsmanId !== actor.craftsmanId) throw notFound('ORDER_NOT_FOUND', '需求不存在');
      if (order.category !== 'mentoring') throw conflict('ORDER_NOT_MENTORING', '只有师带徒类需求可以建立结对', { category: order.category });
      if (!order.craftsmanId || !(ORDER_STATES_WITH_MENTOR as readonly string[]).includes(order.status)) throw conflict('ORDER_NOT_IN_PROGRESS', '需求被劳模工匠承接后才能建立结对', { status: order.status });
      const [mentor, enterprise] = await Promise.all([craftsmen.findById(order.craftsmanId), enterprises.findById(order.enterpriseId)]);
      if (!mentor || !enterprise) throw notFound('ORDER_NOT_FOUND', '需求不存在');
      return insert(actor, { mentor, enterprise, terms, orderId: order._id });
    },

    async list(actor: Actor, query: PageQuery & { status?: PairingStatus; orderId?: string }) {
      authorize(actor, 'pairing.list');
      const filter = and(pairingScope(actor), query.status ? { status: query.status } : {}, query.orderId ? { orderId: query.orderId } : {});
      return paginate(pairings, filter, query, { createdAt: -1, _id: 1 });
    },

    async get(actor: Actor, id: string): Promise<Pairing> {
      authorize(actor, 'pairing.read');
      return load(actor, id);
    },

    /** 带徒记录: the mentor logs a session (counted as a mentoring session and its hours, not as a 人次). */
    async logSession(actor: Actor, id: string, input: SessionCreate): Promise<Pairing> {
      authorize(actor, 'pairing.log_session', '只有结对的师傅可以登记带徒记录');
      const pairing = await mentored(actor, id);
      if (input.date < pairing.startDate || input.date > today()) throw invalid('SESSION_DATE_INVALID', '带徒日期应在结对开始之后、今天之前', { field: 'date' });
      const known = new Set(pairing.apprentices.map((a) => a.id));
      const present = input.apprenticeIds?.length ? input.apprenticeIds : [...known];
      if (present.some((a) => !known.has(a))) throw invalid('APPRENTICE_NOT_FOUND', '该结对中没有这名徒弟', { field: 'apprenticeIds' });
      const session = { _id: deps.ids.next('mses'), date: input.date, hours: input.hours, content: input.content, apprenticeIds: present, recordedBy: actor.userId, createdAt: nowIso(deps) };
      return save(actor, pairing, { sessions: [...pairing.sessions, session] }, { type: 'pairing.session_logged', payload: { sessionId: session._id, date: session.date, hours: session.hours } });
    },

    /** The mentor records an outcome; it counts once the enterprise or staff confirm it. */
    async recordMilestone(actor: Actor, id: string, input: MilestoneCreate): Promise<Pairing> {
      authorize(actor, 'pairing.record_milestone', '只有结对的师傅可以登记带徒成果');
      const pairing = await mentored(actor, id);
      const refused = milestoneRefusal(pairing, input, today());
      if (refused) {
        const make = refused.code === 'APPRENTICE_GRADUATED' || refused.code === 'MILESTONE_PENDING' ? conflict : invalid;
        throw make(refused.code, refused.message, { field: refused.field });
      }
      const milestone: Milestone = {
        _id: deps.ids.next('mile'),
        apprenticeId: input.apprenticeId,
        kind: input.kind,
        date: input.date,
        grade: input.kind === 'promotion' ? (input.grade ?? null) : null,
        certificate: input.kind === 'certificate' ? (input.certificate ?? null) : null,
        note: input.note,
        status: 'pending',
        recordedBy: actor.userId,
        recordedAt: nowIso(deps),
        decidedBy: null,
        decidedAt: null,
      };
      const apprentice = pairing.apprentices.find((a) => a.id === input.apprenticeId);
      return save(actor, pairing, { milestones: [...pairing.milestones, milestone] }, { type: 'pairing.milestone_recorded', payload: { milestoneId: milestone._id, kind: milestone.kind, apprenticeName: apprentice?.name ?? '' } });
    },

    /** The enterprise or staff in reach confirm (it counts, once) or reject an outcome the mentor recorded. */
    async decideMilestone(actor: Actor, id: string, milestoneId: string, decision: { confirm: boolean; note?: string }): Promise<Pairing> {
      authorize(actor, 'pairing.confirm_milestone', '只有结对所属企业或工会工作人员可以确认带徒成果');
      const pairing = await load(actor, id);
      const milestone = pairing.milestones.find((m) => m._id === milestoneId);
      if (!milestone) throw notFound('MILESTONE_NOT_FOUND', '带徒成果不存在');
      if (milestone.status !== 'pending') throw conflict('MILESTONE_NOT_PENDING', '该成果已确认或已退回', { status: milestone.status });
      const decided: Milestone = { ...milestone, status: decision.confirm ? 'confirmed' : 'rejected', decidedBy: actor.userId, decidedAt: nowIso(deps), note: decision.note ?? milestone.note };
      const milestones = pairing.milestones.map((m) => (m._id === milestoneId ? decided : m));
      const after = decision.confirm ? applyConfirmed(pairing, decided) : {};
      const apprentice = pairing.apprentices.find((a) => a.id === milestone.apprenticeId);
      return save(actor, pairing, { milestones, ...after }, { type: 'pairing.milestone_decided', payload: { milestoneId, kind: milestone.kind, confirmed: decision.confirm, apprenticeName: apprentice?.name ?? '' } });
    },
  };
}

export type PairingService = ReturnType<typeof pairingService>;
