import { meSchema, sessionSchema } from '../../domain/api/people.js';
import { z } from 'zod';
import { passwordSchema } from '../../domain/users/user.js';
import type { Services } from '../../services/index.js';
import { defineRoute } from '../route.js';

const loginSchema = z.strictObject({ username: z.string().trim().min(1, '请输入用户名').max(40), password: z.string().min(1, '请输入密码').max(128) });
const passwordChangeSchema = z.strictObject({ currentPassword: z.string().min(1, '请输入当前密码').max(128), newPassword: passwordSchema });

export const authRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    response: sessionSchema,
    action: 'session.login',
    summary: '登录，获取 Bearer 令牌（连续失败将被限流）',
    tag: '账号',
    body: loginSchema,
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_DISABLED', 'LOGIN_THROTTLED', 'LOGIN_BUSY', 'VALIDATION_FAILED'],
    handler: ({ body, req }) => s.accounts.login(body.username, body.password, { clientIp: req.ip }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    action: 'session.logout',
    summary: '退出登录（本账号的全部令牌立即失效）',
    tag: '账号',
    status: 204,
    handler: async ({ actor, res }) => {
      await s.accounts.logout(actor);
      res.status(204).end();
      return undefined;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/password',
    response: sessionSchema,
    action: 'session.change_password',
    summary: '修改本人密码（需当前密码；其他会话随即失效，返回新令牌）',
    tag: '账号',
    body: passwordChangeSchema,
    errors: ['CURRENT_PASSWORD_WRONG', 'PASSWORD_UNCHANGED', 'VALIDATION_FAILED'],
    handler: ({ actor, body }) => s.users.changeOwnPassword(actor, body),
  }),
  defineRoute({ method: 'get', path: '/api/me', response: meSchema, action: 'session.me', summary: '当前登录用户与权限范围', tag: '账号', handler: ({ actor }) => s.accounts.me(actor) }),
];
