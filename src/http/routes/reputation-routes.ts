import { flagListSchema, pointLedgerSchema, reputationRulesAnswerSchema, reviewResultSchema } from '../../domain/api/people.js';
import { reviewSchema } from '../../domain/reputation/exit.js';
import { reputationRulesSchema } from '../../domain/reputation/rules.js';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { ReportingServices } from '../../services/reporting.js';
import { defineRoute, idParams } from '../route.js';

/** Points, rules and review flags. Mount before the craftsman routes (`/api/craftsmen/flags` is not an id). */
export const reputationRoutes = (s: ReportingServices) => [
  defineRoute({
    method: 'get',
    path: '/api/craftsmen/flags',
    response: flagListSchema,
    action: 'craftsman.flags',
    summary: '待复核的劳模工匠（评分过低或差评累计，按权限范围）',
    tag: '劳模工匠',
    query: pageQuerySchema.strict(),
    handler: ({ actor, query }) => s.reputation.flags(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/craftsmen/:id/points',
    response: pointLedgerSchema,
    action: 'craftsman.points',
    summary: '劳模工匠积分明细与总分',
    tag: '劳模工匠',
    params: idParams,
    query: pageQuerySchema.strict(),
    errors: ['CRAFTSMAN_NOT_FOUND'],
    handler: ({ actor, params, query }) => s.reputation.ledger(actor, params.id, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/craftsmen/:id/review',
    response: reviewResultSchema,
    action: 'craftsman.review',
    summary: '工会复核：停用（suspend）或解除标记（clear），须填写意见',
    tag: '劳模工匠',
    params: idParams,
    body: reviewSchema,
    errors: ['CRAFTSMAN_NOT_FOUND', 'REVIEW_NOT_FLAGGED', 'REVIEW_CHANGED'],
    handler: ({ actor, params, body }) => s.reputation.review(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id/reputation-rules',
    response: reputationRulesAnswerSchema,
    action: 'reputation_rules.read',
    summary: '本组织适用的积分、评分与退出规则（本级、上级继承或默认）',
    tag: '劳模工匠',
    params: idParams,
    errors: ['ORG_NOT_FOUND'],
    handler: ({ actor, params }) => s.reputation.getRules(actor, params.id),
  }),
  defineRoute({
    method: 'put',
    path: '/api/orgs/:id/reputation-rules',
    response: reputationRulesAnswerSchema,
    action: 'reputation_rules.write',
    summary: '设置本组织及下级适用的积分、评分窗口与退出规则',
    tag: '劳模工匠',
    params: idParams,
    body: reputationRulesSchema,
    errors: ['ORG_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.reputation.putRules(actor, params.id, body),
  }),
  defineRoute({
    method: 'put',
    path: '/api/reputation-rules',
    response: reputationRulesAnswerSchema,
    action: 'reputation_rules.write_global',
    summary: '设置全局积分、评分与退出规则（系统管理员）',
    tag: '劳模工匠',
    body: reputationRulesSchema,
    handler: ({ actor, body }) => s.reputation.putRules(actor, null, body),
  }),
];

