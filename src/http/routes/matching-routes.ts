import { candidateListSchema, dispatchPlanSchema, matchingPolicyAnswerSchema, planApplySchema } from '../../domain/api/work.js';
import { z } from 'zod';
import { matchingPolicyOverrideSchema } from '../../domain/matching/index.js';
import type { Services } from '../../services/index.js';
import { planRequestSchema } from '../../services/matching-service.js';
import { defineRoute, idParams } from '../route.js';

export const matchingRoutes = (s: Services) => [
  defineRoute({
    method: 'get',
    path: '/api/orders/:id/candidates',
    response: candidateListSchema,
    action: 'matching.candidates',
    summary: '候选劳模工匠排序：总分、各因素贡献与中文理由（仅限管辖范围内的工会）',
    tag: '智能匹配',
    params: idParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
    errors: ['ORDER_NOT_FOUND'],
    handler: ({ actor, params, query }) => s.matching.candidates(actor, params.id, query.limit),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/matching-policy',
    response: matchingPolicyAnswerSchema,
    action: 'matching_policy.read',
    summary: '匹配策略：本级设置与继承上级后的生效策略',
    tag: '智能匹配',
    params: idParams,
    errors: ['ORG_NOT_FOUND'],
    handler: ({ actor, params }) => s.matching.getPolicy(actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/orgs/:id/matching-policy',
    response: matchingPolicyAnswerSchema,
    action: 'matching_policy.write',
    summary: '设置本级匹配策略（未设置的项继承上级）',
    tag: '智能匹配',
    params: idParams,
    body: matchingPolicyOverrideSchema,
    errors: ['ORG_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.matching.putPolicy(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/dispatch/plans',
    response: dispatchPlanSchema,
    action: 'plan.create',
    summary: '批量派单方案（试算）：在接单上限内使总匹配分最大，列出每一对的理由和未分配的需求',
    tag: '智能匹配',
    body: planRequestSchema,
    status: 201,
    handler: ({ actor, body }) => s.matching.createPlan(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/dispatch/plans/:id',
    response: dispatchPlanSchema,
    action: 'plan.read',
    summary: '查看派单方案',
    tag: '智能匹配',
    params: idParams,
    errors: ['PLAN_NOT_FOUND'],
    handler: ({ actor, params }) => s.matching.getPlan(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/dispatch/plans/:id/apply',
    response: planApplySchema,
    action: 'plan.apply',
    summary: '执行派单方案：逐对送单，已失效的配对被拒绝并说明原因',
    tag: '智能匹配',
    params: idParams,
    errors: ['PLAN_NOT_FOUND', 'PLAN_ALREADY_APPLIED', 'PLAN_EXPIRED'],
    handler: ({ actor, params }) => s.matching.applyPlan(actor, params.id),
  }),
];
