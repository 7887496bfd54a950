/** What the account trail records (审计记录). */
export const auditActions = ['user.created', 'user.disabled', 'user.enabled', 'user.password_reset', 'user.password_changed', 'user.tokens_revoked'] as const;
export type AuditAction = (typeof auditActions)[number];
export const auditActionLabels: Record<AuditAction, string> = {
  'user.created': '创建账号',
  'user.disabled': '停用账号',
  'user.enabled': '启用账号',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'user.tokens_revoked': '登录凭证失效',
};

/** One account action: who did what to which login, when and why. Never changed once written. */
export interface AuditEntry {
  _id: string;
  at: string;
  /** `system` for the first-start step and automatic revocations. */
  actorId: string;
  actorName: string;
  action: AuditAction;
  targetUserId: string;
  targetUsername: string;
  reason: string | null;
  details: Record<string, unknown>;
  [key: string]: unknown;
}
