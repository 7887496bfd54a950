import { z } from 'zod';
import { complaintListSchema, complaintSchema } from '../../domain/api/casework.js';
import { complaintCreateSchema, complaintDecisionSchema, complaintStatuses } from '../../domain/orders/complaint.js';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams, listParam } from '../route.js';

export const complaintListQuerySchema = pageQuerySchema
  .extend({
    status: listParam(z.enum(complaintStatuses)),
    orderId: z.string().max(64).optional(),
    /** `true`: open complaints past their handling time. */
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .strict();

/** 投诉: filed on an order by its enterprise or its craftsman, handled by staff in reach. */
export const complaintRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/orders/:id/complaints',
    response: complaintSchema,
    action: 'complaint.file',
    summary: '投诉：企业（对劳模工匠或工会服务）或承接的劳模工匠（对企业或工会服务）就已接单的需求提出投诉，注明类别和内容；责任人和所在地工会收到待处理提醒，按时限处理',
    tag: '投诉',
    params: idParams,
    body: complaintCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'ORDER_NOT_FOUND', 'ORDER_NOT_COMPLAINABLE', 'COMPLAINT_TARGET_INVALID', 'COMPLAINT_ALREADY_OPEN'],
    handler: ({ actor, params, body }) => s.complaints.file(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/complaints',
    response: complaintListSchema,
    action: 'complaint.list',
    summary: '投诉列表：工会看到管辖范围内的（待处理的在前，按处理时限排序；overdue=true 只看已超时未处理的），企业和劳模工匠看到自己提出的及处理结果',
    tag: '投诉',
    query: complaintListQuerySchema,
    handler: ({ actor, query }) => s.complaints.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/complaints/:id',
    response: complaintSchema,
    action: 'complaint.read',
    summary: '投诉详情与处理结果',
    tag: '投诉',
    params: idParams,
    errors: ['COMPLAINT_NOT_FOUND'],
    handler: ({ actor, params }) => s.complaints.get(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/complaints/:id/decision',
    response: complaintSchema,
    action: 'complaint.decide',
    summary: '工会处理投诉：uphold=true 投诉成立、false 不成立，须填写处理意见；投诉人收到结果；对劳模工匠成立的投诉计入退出机制',
    tag: '投诉',
    params: idParams,
    body: complaintDecisionSchema,
    errors: ['VALIDATION_FAILED', 'COMPLAINT_NOT_FOUND', 'COMPLAINT_NOT_OPEN'],
    handler: ({ actor, params, body }) => s.complaints.decide(actor, params.id, body),
  }),
];
