import { z } from 'zod';
import { studioDeletedSchema, studioListSchema, studioSchema, studioSearchSchema } from '../../domain/api/studios.js';
import { pageQuerySchema, regionCodeSchema } from '../../domain/shared/values.js';
import { studioCreateSchema, studioLevels, studioPatchSchema } from '../../domain/studios/studio.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams, listParam } from '../route.js';

export const studioSearchQuerySchema = pageQuerySchema
  .extend({
    q: z.string().trim().max(100).optional(),
    regionCode: regionCodeSchema.optional(),
    level: listParam(z.enum(studioLevels)),
    skill: listParam(z.string().trim().min(1).max(30)),
    craftsmanId: z.string().min(1).max(64).optional(),
  })
  .strict();

export const studioRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/studios',
    response: studioSchema,
    action: 'studio.create',
    summary: '登记劳模创新工作室 / 工匠工作室：名称、级别、领衔人、成员、专长、所在地（管辖范围内）',
    tag: '工作室',
    body: studioCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'REGION_UNKNOWN', 'REGION_OUT_OF_SCOPE', 'CRAFTSMAN_NOT_FOUND', 'STUDIO_NAME_TAKEN'],
    handler: ({ actor, body }) => s.studios.create(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/studios',
    response: studioSearchSchema,
    action: 'studio.list',
    summary: '工作室检索：名称、专长（含同义词）、领衔人与成员姓名；按地区（含下级）、级别、专长、成员筛选；分面统计与高亮（按权限范围）',
    tag: '工作室',
    query: studioSearchQuerySchema,
    errors: ['VALIDATION_FAILED'],
    handler: ({ actor, query }) => s.search.searchStudios(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/studios/list',
    response: studioListSchema,
    action: 'studio.list',
    summary: '工作室列表（从存储读取，按名称排序）',
    tag: '工作室',
    query: studioSearchQuerySchema.omit({ q: true, skill: true }),
    errors: ['VALIDATION_FAILED'],
    handler: ({ actor, query }) => s.studios.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/studios/:id',
    response: studioSchema,
    action: 'studio.read',
    summary: '工作室详情',
    tag: '工作室',
    params: idParams,
    errors: ['STUDIO_NOT_FOUND'],
    handler: ({ actor, params }) => s.studios.get(actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/studios/:id',
    response: studioSchema,
    action: 'studio.update',
    summary: '修改工作室（成员名单整体替换；更换领衔人时原领衔人留作成员，除非同时给出成员名单）',
    tag: '工作室',
    params: idParams,
    body: studioPatchSchema,
    errors: ['VALIDATION_FAILED', 'STUDIO_NOT_FOUND', 'REGION_UNKNOWN', 'REGION_OUT_OF_SCOPE', 'CRAFTSMAN_NOT_FOUND', 'STUDIO_NAME_TAKEN'],
    handler: ({ actor, params, body }) => s.studios.update(actor, params.id, body),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/studios/:id',
    response: studioDeletedSchema,
    action: 'studio.delete',
    summary: '撤销工作室',
    tag: '工作室',
    params: idParams,
    errors: ['STUDIO_NOT_FOUND'],
    handler: ({ actor, params }) => s.studios.remove(actor, params.id),
  }),
];
