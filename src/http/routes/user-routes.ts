import { auditListSchema, userListSchema, userSchema } from '../../domain/api/people.js';
import { z } from 'zod';
import { pageQuerySchema } from '../../domain/shared/values.js';
import { passwordSchema, roles, userStatuses, usernameSchema } from '../../domain/users/user.js';
import type { Services } from '../../services/index.js';
import { defineRoute, idParams } from '../route.js';

const reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(200);
const orgId = z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, '组织 id 格式不正确');

const userListQuerySchema = pageQuerySchema
  .extend({
    role: z.enum(roles).optional(),
    orgId: orgId.optional(),
    status: z.enum(userStatuses).optional(),
    subjectId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确').optional(),
    q: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

const staffCreateSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  displayName: z.string().trim().min(2, '请填写姓名或称呼').max(40),
  orgId,
  canManageAccounts: z.boolean().default(false),
  reason: reason.optional(),
});

const statusChangeSchema = z.strictObject({ status: z.enum(userStatuses), reason });
const passwordResetSchema = z.strictObject({ newPassword: passwordSchema, reason });

export const userRoutes = (s: Services) => [
  defineRoute({
    method: 'get',
    path: '/api/users',
    response: userListSchema,
    summary: '账号列表（管理员：全部；有管理权限的工会工作人员：本级及下级工会的工作人员账号；按 subjectId 查企业或工匠的账号）',
    tag: '用户管理',
    action: 'user.list',
    query: userListQuerySchema,
    handler: ({ actor, query }) => s.users.list(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/users',
    response: userSchema,
    summary: '为工会组织创建工作人员账号',
    tag: '用户管理',
    action: 'user.create',
    body: staffCreateSchema,
    status: 201,
    errors: ['VALIDATION_FAILED', 'ORG_NOT_FOUND', 'USERNAME_TAKEN'],
    handler: ({ actor, body }) => s.users.createStaff(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/users/:id',
    response: userSchema,
    summary: '账号详情',
    tag: '用户管理',
    action: 'user.read',
    params: idParams,
    errors: ['USER_NOT_FOUND'],
    handler: ({ actor, params }) => s.users.get(actor, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/api/users/:id/status',
    response: userSchema,
    summary: '停用或启用账号（停用后其令牌立即失效）',
    tag: '用户管理',
    action: 'user.set_status',
    params: idParams,
    body: statusChangeSchema,
    errors: ['USER_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.users.setStatus(actor, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/users/:id/password-reset',
    response: userSchema,
    summary: '重置账号密码（新密码由工作人员线下告知本人；原令牌立即失效）',
    tag: '用户管理',
    action: 'user.reset_password',
    params: idParams,
    body: passwordResetSchema,
    errors: ['USER_NOT_FOUND', 'VALIDATION_FAILED'],
    handler: ({ actor, params, body }) => s.users.resetPassword(actor, params.id, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/users/:id/audit',
    response: auditListSchema,
    summary: '账号操作记录（谁、何时、做了什么、原因）',
    tag: '用户管理',
    action: 'user.audit',
    params: idParams,
    query: pageQuerySchema.strict(),
    errors: ['USER_NOT_FOUND'],
    handler: ({ actor, params, query }) => s.users.auditOf(actor, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/audit',
    response: auditListSchema,
    summary: '全部账号操作记录（管理员）',
    tag: '用户管理',
    action: 'audit.list',
    query: pageQuerySchema.strict(),
    handler: ({ actor, query }) => s.users.auditAll(actor, query),
  }),
];
