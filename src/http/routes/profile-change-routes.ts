import { profileChangeListSchema, profileChangeSchema } from '../../domain/api/people.js';
import { z } from 'zod';
import { profileChangeDecisionSchema, profileChangeStatuses, profileSubjects } from '../../domain/profiles/profile-change.js';
import { pageQuerySchema } from '../../domain/shared/values.js';
import type { ProfileChangeService } from '../../services/profile-change-service.js';
import { defineRoute, idParams } from '../route.js';

/** 资料变更待审核: proposals of fields a craftsman or enterprise may not set itself. */
export const profileChangeRoutes = (s: { profileChanges: ProfileChangeService }) => [
  defineRoute({
    method: 'get',
    path: '/api/profile-changes',
    response: profileChangeListSchema,
    action: 'profile_change.list',
    summary: '资料变更申请：工会看到管辖范围内的，劳模工匠和企业看到自己的（含变更前后对比）',
    tag: '资料变更',
    query: pageQuerySchema.extend({ status: z.enum(profileChangeStatuses).optional(), subjectType: z.enum(profileSubjects).optional() }).strict(),
    handler: ({ actor, query }) => s.profileChanges.list(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/profile-changes/:id',
    response: profileChangeSchema,
    action: 'profile_change.list',
    summary: '一条资料变更申请',
    tag: '资料变更',
    params: idParams,
    errors: ['PROFILE_CHANGE_NOT_FOUND'],
    handler: ({ actor, params }) => s.profileChanges.get(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/profile-changes/:id/decision',
    response: profileChangeSchema,
    action: 'profile_change.decide',
    summary: '工会审核资料变更：通过（按工会修改生效）或驳回（须填写原因）',
    tag: '资料变更',
    params: idParams,
    body: profileChangeDecisionSchema,
    errors: ['PROFILE_CHANGE_NOT_FOUND', 'PROFILE_CHANGE_DECIDED', 'REGION_OUT_OF_SCOPE', 'CAPACITY_BELOW_ACTIVE', 'CREDIT_CODE_TAKEN'],
    handler: ({ actor, params, body }) => s.profileChanges.decide(actor, params.id, body),
  }),
];
