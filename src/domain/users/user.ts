import { z } from 'zod';

export const roles = ['admin', 'union_staff', 'enterprise', 'craftsman'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = { admin: '系统管理员', union_staff: '工会工作人员', enterprise: '企业', craftsman: '劳模工匠' };

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];
export const userStatusLabels: Record<UserStatus, string> = { active: '正常', disabled: '已停用' };

/** A login (账号). `orgId` for union staff, `subjectId` the enterprise or craftsman it speaks for. */
export interface User {
  _id: string;
  username: string;
  passwordHash: string;
  role: Role;
  displayName: string;
  orgId?: string;
  subjectId?: string;
  /** Missing on logins stored before statuses existed: read as active. */
  status?: UserStatus;
  /** Tokens carry the version they were signed with; raising it revokes every token signed before. */
  tokenVersion?: number;
  /** union_staff: may create and disable staff logins of its org and the orgs below it. */
  canManageAccounts?: boolean;
  createdAt: string;
  updatedAt?: string;
  [key: string]: unknown;
}

export const userStatusOf = (user: Pick<User, 'status'>): UserStatus => user.status ?? 'active';
export const tokenVersionOf = (user: Pick<User, 'tokenVersion'>): number => user.tokenVersion ?? 0;

/** Who is asking: what every service call is authorised against. */
export interface Actor {
  userId: string;
  role: Role;
  displayName: string;
  /** union_staff: the org whose subtree it reaches. */
  orgId?: string;
  /** union_staff: the org's region path end; its reach is every record whose regionPath holds it. */
  orgRegionCode?: string;
  /** union_staff of an enterprise union: only that enterprise. */
  orgEnterpriseId?: string;
  /** enterprise: its id. */
  enterpriseId?: string;
  /** craftsman: its id. */
  craftsmanId?: string;
}

export const usernameSchema = z.string().trim().min(3, '用户名至少 3 个字符').max(40).regex(/^[A-Za-z0-9._-]+$/, '用户名只能包含字母、数字、点、下划线和连字符');
export const passwordSchema = z.string().min(8, '密码至少 8 位').max(128);
export const accountSchema = z.strictObject({ username: usernameSchema, password: passwordSchema });
export type AccountInput = z.infer<typeof accountSchema>;

export function publicUser(user: User) {
  return {
    id: user._id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    orgId: user.orgId ?? null,
    subjectId: user.subjectId ?? null,
    status: userStatusOf(user),
    canManageAccounts: user.canManageAccounts === true,
    createdAt: user.createdAt,
  };
}
