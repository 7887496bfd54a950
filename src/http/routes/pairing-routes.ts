import { z } from 'zod';
import { pairingListSchema, pairingSchema } from '../../domain/api/mentoring.js';
import { milestoneCreateSchema, milestoneDecisionSchema, pairingCreateSchema, pairingFromOrderSchema, pairingStatuses, sessionCreateSchema } from '../../domain/mentoring/pairing.js';
import { idSchema, pageQuerySchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams } from '../route.js';

const TAG = '师带徒';
const milestoneParams = z.strictObject({ id: idSchema, milestoneId: idSchema });
const pairingListQuerySchema = pageQuerySchema.extend({ status: z.enum(pairingStatuses).optional(), orderId: idSchema.optional() }).strict();

/** 师带徒结对: pairings, their sessions and outcomes. */
export const pairingRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/pairings',
    response: pairingSchema,
    action: 'pairing.create',
    summary: '建立师带徒结对：管辖范围内的劳模工匠为师傅，企业的一名或多名徒弟（姓名、工种、起始技能等级），约定目标、开始与计划结束日期',
    tag: TAG,
    body: pairingCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'ENTERPRISE_NOT_FOUND', 'CRAFTSMAN_NOT_FOUND', 'PAIRING_DATE_INVALID'],
    handler: ({ actor, body }) => s.pairings.start(actor, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/pairing',
    response: pairingSchema,
    action: 'pairing.start_from_order',
    summary: '由师带徒需求建立结对：承接需求的劳模工匠为师傅，需求企业的徒弟；一项需求只建立一个结对',
    tag: TAG,
    params: idParams,
    body: pairingFromOrderSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'ORDER_NOT_FOUND', 'ORDER_NOT_MENTORING', 'ORDER_NOT_IN_PROGRESS', 'PAIRING_EXISTS', 'PAIRING_DATE_INVALID'],
    handler: ({ actor, params, body }) => s.pairings.startFromOrder(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/pairings',
    response: pairingListSchema,
    action: 'pairing.list',
    summary: '师带徒结对列表（按权限范围：工会看管辖范围内企业的，企业看本企业的，劳模工匠看自己带的）',
    tag: TAG,
    query: pairingListQuerySchema,
    handler: ({ actor, query }) => s.pairings.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/pairings/:id',
    response: pairingSchema,
    action: 'pairing.read',
    summary: '师带徒结对详情：徒弟、带徒记录与成果',
    tag: TAG,
    params: idParams,
    errors: ['PAIRING_NOT_FOUND'],
    handler: ({ actor, params }) => s.pairings.get(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/pairings/:id/sessions',
    response: pairingSchema,
    action: 'pairing.log_session',
    summary: '师傅登记带徒记录（日期、时长、内容）：计入带徒次数与时长，不计入服务人次',
    tag: TAG,
    params: idParams,
    body: sessionCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'PAIRING_NOT_FOUND', 'PAIRING_NOT_ACTIVE', 'SESSION_DATE_INVALID', 'APPRENTICE_NOT_FOUND', 'PAIRING_CHANGED'],
    handler: ({ actor, params, body }) => s.pairings.logSession(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/pairings/:id/milestones',
    response: pairingSchema,
    action: 'pairing.record_milestone',
    summary: '师傅登记带徒成果（技能等级晋升、取得证书、出师），待企业或工会确认',
    tag: TAG,
    params: idParams,
    body: milestoneCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'PAIRING_NOT_FOUND', 'PAIRING_NOT_ACTIVE', 'APPRENTICE_NOT_FOUND', 'APPRENTICE_GRADUATED', 'MILESTONE_PENDING', 'MILESTONE_DATE_INVALID', 'GRADE_NOT_HIGHER', 'PAIRING_CHANGED'],
    handler: ({ actor, params, body }) => s.pairings.recordMilestone(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/pairings/:id/milestones/:milestoneId/decision',
    response: pairingSchema,
    action: 'pairing.confirm_milestone',
    summary: '企业或工会确认（计入统计，只计一次）或退回师傅登记的带徒成果；全部徒弟出师后结对结束',
    tag: TAG,
    params: milestoneParams,
    body: milestoneDecisionSchema,
    errors: ['VALIDATION_FAILED', 'PAIRING_NOT_FOUND', 'MILESTONE_NOT_FOUND', 'MILESTONE_NOT_PENDING', 'PAIRING_CHANGED'],
    handler: ({ actor, params, body }) => s.pairings.decideMilestone(actor, params.id, params.milestoneId, body),
  }),
];
