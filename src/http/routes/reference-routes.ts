import { regionListSchema, unionOrgListSchema, unionOrgSchema } from '../../domain/api/work.js';
import { z } from 'zod';
import { regionCodeSchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams } from '../route.js';

export const referenceRoutes = (s: Services) => [
  defineRoute({
    method: 'get',
    path: '/api/regions',
    response: regionListSchema,
    action: 'region.list',
    summary: '行政区划（GB/T 2260）：不带 parent 返回省级，带 parent 返回其下级',
    tag: '基础数据',
    query: z.strictObject({ parent: regionCodeSchema.optional() }),
    errors: ['REGION_NOT_FOUND'],
    handler: async ({ query }) => ({ items: await s.reference.listRegions(query.parent) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs',
    response: unionOrgListSchema,
    action: 'org.list',
    summary: '工会组织树：工会工作人员看到本级及下级，管理员看到全部',
    tag: '基础数据',
    query: z.strictObject({ parentId: z.string().max(80).optional(), level: z.enum(['province', 'prefecture', 'county', 'enterprise']).optional() }),
    handler: async ({ actor, query }) => ({ items: await s.reference.listOrgs(actor, query) }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/orgs/:id',
    response: unionOrgSchema,
    action: 'org.read',
    summary: '一个工会组织',
    tag: '基础数据',
    params: idParams,
    errors: ['ORG_NOT_FOUND'],
    handler: ({ actor, params }) => s.reference.getOrg(actor, params.id),
  }),
];
