import { z } from 'zod';
import { caseSchema, caseSearchSchema, craftsmanCasesSchema, publicCaseSchema, similarCasesAnswerSchema } from '../../domain/api/cases.js';
import { caseMarkSchema, casePublishSchema, similarCasesSchema } from '../../domain/cases/solved-case.js';
import { orderCategories } from '../../domain/orders/order.js';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams, listParam } from '../route.js';

const caseSearchQuerySchema = pageQuerySchema
  .extend({
    q: z.string().trim().max(100).optional(),
    category: listParam(z.enum(orderCategories)),
    skill: listParam(z.string().trim().min(1).max(30)),
    excellent: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();

/** 案例库: publishing, 优秀案例, search, similar cases, and the public page of an 优秀案例. */
export const caseRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/case',
    response: caseSchema,
    action: 'case.publish',
    summary: '把已完成的需求发布为案例（须记录企业同意；不含联系方式）',
    tag: '案例库',
    params: idParams,
    body: casePublishSchema,
    status: 201,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_CLOSED', 'CASE_ALREADY_PUBLISHED'],
    handler: ({ actor, params, body }) => s.cases.publish(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orders/:id/similar-cases',
    response: similarCasesAnswerSchema,
    action: 'case.similar',
    summary: '与该需求相似的已解决案例（审核时参考；按问题与解决办法全文相似度）',
    tag: '案例库',
    params: idParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(20).default(5) }),
    errors: ['ORDER_NOT_FOUND'],
    handler: ({ actor, params, query }) => s.cases.similarForOrder(actor, params.id, query.limit),
  }),
  defineRoute({
    method: 'get',
    path: '/api/cases',
    response: caseSearchSchema,
    action: 'case.search',
    summary: '案例库检索：中文分词、同义词；按类别、技能、是否优秀案例筛选（按权限范围）',
    tag: '案例库',
    query: caseSearchQuerySchema,
    handler: ({ actor, query }) => s.cases.search(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/cases/similar',
    response: similarCasesAnswerSchema,
    action: 'case.similar',
    summary: '填写需求时查看相似的已解决案例及解决问题的劳模工匠',
    tag: '案例库',
    body: similarCasesSchema,
    handler: ({ actor, body }) => s.cases.similar(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/cases/:id',
    response: caseSchema,
    action: 'case.read',
    summary: '案例详情',
    tag: '案例库',
    params: idParams,
    errors: ['CASE_NOT_FOUND'],
    handler: ({ actor, params }) => s.cases.get(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/cases/:id/excellent',
    response: caseSchema,
    action: 'case.mark',
    summary: '评为（或取消）优秀案例：优秀案例有无需登录的公开页面',
    tag: '案例库',
    params: idParams,
    body: caseMarkSchema,
    errors: ['CASE_NOT_FOUND'],
    handler: ({ actor, params, body }) => s.cases.mark(actor, params.id, body.excellent),
  }),
  defineRoute({
    method: 'get',
    path: '/api/public/cases/:id',
    response: publicCaseSchema,
    action: 'case.read_public',
    summary: '优秀案例公开页面（无需登录）',
    tag: '案例库',
    params: idParams,
    errors: ['CASE_NOT_FOUND'],
    handler: ({ params }) => s.cases.getPublic(params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/craftsmen/:id/cases',
    response: craftsmanCasesSchema,
    action: 'craftsman.read',
    summary: '劳模工匠解决的案例（档案页展示）',
    tag: '劳模工匠',
    params: idParams,
    errors: ['CRAFTSMAN_NOT_FOUND'],
    handler: async ({ actor, params }) => s.cases.solvedBy(actor, params.id),
  }),
];
