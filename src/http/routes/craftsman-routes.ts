import { craftsmanCreatedSchema, craftsmanSchema, craftsmanSearchSchema, craftsmanUpdateSchema } from '../../domain/api/people.js';
import { z } from 'zod';
import { craftsmanCreateSchema, craftsmanPatchSchema, craftsmanStatusChangeSchema, craftsmanStatuses, honorLevels } from '../../domain/craftsmen/craftsman.js';
import { pageQuerySchema, regionCodeSchema, serviceModes } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams, listParam } from '../route.js';

export const craftsmanListQuerySchema = pageQuerySchema
  .extend({
    q: z.string().trim().max(100).optional(),
    regionCode: regionCodeSchema.optional(),
    status: listParam(z.enum(craftsmanStatuses)),
    honorLevel: listParam(z.enum(honorLevels)),
    skill: listParam(z.string().trim().min(1).max(30)),
    trade: listParam(z.string().trim().min(1).max(30)),
    serviceMode: listParam(z.enum(serviceModes)),
    sort: z.enum(['relevance', 'rating', 'completedCount']).default('relevance'),
  })
  .strict();

export const craftsmanRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/craftsmen',
    response: craftsmanCreatedSchema,
    action: 'craftsman.create',
    summary: '登记劳模工匠（可同时创建登录账号）',
    tag: '劳模工匠',
    body: craftsmanCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'REGION_UNKNOWN', 'REGION_OUT_OF_SCOPE', 'USERNAME_TAKEN'],
    handler: ({ actor, body }) => s.craftsmen.create(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/craftsmen',
    response: craftsmanSearchSchema,
    action: 'craftsman.search',
    summary: '劳模工匠人才库检索：中文分词、同义词、拼音及首字母、容错；按地区（含下级）、荣誉、技能、工种、服务方式、状态筛选；分面统计与高亮（按权限范围）',
    tag: '劳模工匠',
    query: craftsmanListQuerySchema,
    handler: ({ actor, query }) => s.search.searchCraftsmen(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/craftsmen/:id',
    response: craftsmanSchema,
    action: 'craftsman.read',
    summary: '劳模工匠档案（无需联系的人看到打码手机号）',
    tag: '劳模工匠',
    params: idParams,
    errors: ['CRAFTSMAN_NOT_FOUND'],
    handler: ({ actor, params }) => s.craftsmen.get(actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/craftsmen/:id',
    response: craftsmanUpdateSchema,
    action: 'craftsman.update',
    summary: '修改劳模工匠档案（本人或所属工会）',
    tag: '劳模工匠',
    params: idParams,
    body: craftsmanPatchSchema,
    errors: ['CRAFTSMAN_NOT_FOUND', 'CAPACITY_BELOW_ACTIVE', 'REGION_OUT_OF_SCOPE'],
    handler: ({ actor, params, body }) => s.craftsmen.update(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/craftsmen/:id/status',
    response: craftsmanSchema,
    action: 'craftsman.set_status',
    summary: '变更在库状态：active | paused | suspended | exited（需填写原因）',
    tag: '劳模工匠',
    params: idParams,
    body: craftsmanStatusChangeSchema,
    errors: ['CRAFTSMAN_NOT_FOUND', 'ACTION_NOT_ALLOWED'],
    handler: ({ actor, params, body }) => s.craftsmen.setStatus(actor, params.id, body.status, body.reason),
  }),
];
