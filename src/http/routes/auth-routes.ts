import { z } from 'zod';
import type { Services } from '../../services/index.js';
import { defineRoute } from '../route.js';

const loginSchema = z.strictObject({ username: z.string().trim().min(1, '请输入用户名').max(40), password: z.string().min(1, '请输入密码').max(128) });

export const authRoutes = (s: Services) => [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    action: 'session.login',
    summary: '登录，获取 Bearer 令牌',
    tag: '账号',
    body: loginSchema,
    errors: ['INVALID_CREDENTIALS', 'VALIDATION_FAILED'],
    handler: ({ body }) => s.accounts.login(body.username, body.password),
  }),
  defineRoute({ method: 'get', path: '/api/me', action: 'session.me', summary: '当前登录用户与权限范围', tag: '账号', handler: ({ actor }) => s.accounts.me(actor) }),
];
