import { enterpriseCreatedSchema, enterpriseListSchema, enterpriseSchema, enterpriseUpdateSchema } from '../../domain/api/people.js';
import { z } from 'zod';
import { enterpriseCreateSchema, enterprisePatchSchema } from '../../domain/enterprises/enterprise.js';
import { pageQuerySchema, regionCodeSchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams } from '../route.js';

export const enterpriseRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/enterprises',
    response: enterpriseCreatedSchema,
    action: 'enterprise.create',
    summary: '登记企业（可同时创建企业登录账号）',
    tag: '企业',
    body: enterpriseCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'REGION_UNKNOWN', 'REGION_OUT_OF_SCOPE', 'CREDIT_CODE_TAKEN', 'USERNAME_TAKEN'],
    handler: ({ actor, body }) => s.enterprises.create(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/enterprises',
    response: enterpriseListSchema,
    action: 'enterprise.list',
    summary: '企业列表（按权限范围）',
    tag: '企业',
    query: pageQuerySchema.extend({ regionCode: regionCodeSchema.optional(), q: z.string().trim().max(50).optional() }).strict(),
    handler: ({ actor, query }) => s.enterprises.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/enterprises/:id',
    response: enterpriseSchema,
    action: 'enterprise.read',
    summary: '企业详情',
    tag: '企业',
    params: idParams,
    errors: ['ENTERPRISE_NOT_FOUND'],
    handler: ({ actor, params }) => s.enterprises.get(actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/enterprises/:id',
    response: enterpriseUpdateSchema,
    action: 'enterprise.update',
    summary: '修改企业信息（工会或企业本身；所在地只能由工会修改）',
    tag: '企业',
    params: idParams,
    body: enterprisePatchSchema,
    errors: ['ENTERPRISE_NOT_FOUND', 'REGION_OUT_OF_SCOPE'],
    handler: ({ actor, params, body }) => s.enterprises.update(actor, params.id, body),
  }),
];
