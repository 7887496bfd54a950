import type { CraftsmanStatus } from '../craftsmen/craftsman.js';
import type { UserStatus } from './user.js';

/** Why a login with the right password may still not sign in (zh-CN), or null when it may. */
export function loginRefusal(facts: { userStatus: UserStatus; craftsmanStatus?: CraftsmanStatus }): string | null {
  if (facts.userStatus === 'disabled') return '账号已停用，请联系所属工会';
  if (facts.craftsmanStatus === 'suspended') return '劳模工匠身份已停用，账号暂不能登录，请联系所属工会';
  if (facts.craftsmanStatus === 'exited') return '劳模工匠已退出人才库，账号不能登录';
  return null;
}

/** What one login may do to another login (用户管理). */
export type AccountAction = 'view' | 'create' | 'disable' | 'enable' | 'reset_password';

/** The acting login as the rule needs it (read fresh from the store, not from its token). */
export interface AccountManager {
  userId: string;
  role: 'admin' | 'union_staff' | 'enterprise' | 'craftsman';
  orgId?: string;
  canManageAccounts: boolean;
}

/** The login acted on. */
export interface ManagedAccount {
  userId?: string;
  role: 'admin' | 'union_staff' | 'enterprise' | 'craftsman';
  /** union_staff: its org and that org's ancestors (root first), so "own org and below" is a membership test. */
  orgLine?: string[];
  /** enterprise / craftsman: whether the enterprise or craftsman lies in the manager's reach. */
  subjectInReach?: boolean;
}

/**
 * The one place that decides who manages which login. Admins manage every login; union staff reset,
 * disable and enable the enterprise and craftsman logins in their reach; staff with the manager
 * right also create and manage staff logins of their own org and the orgs below. Nobody disables
 * their own login (an admin could otherwise lock everyone out). Anything refused is answered as
 * not found by the service, so existence does not leak.
 */
export function mayManageAccount(manager: AccountManager, target: ManagedAccount, action: AccountAction): boolean {
  const self = target.userId !== undefined && target.userId === manager.userId;
  if (self) return action === 'view';
  if (manager.role === 'admin') return true;
  if (manager.role !== 'union_staff') return false;
  switch (target.role) {
    case 'admin':
      return false;
    case 'union_staff':
      return manager.canManageAccounts && manager.orgId !== undefined && (target.orgLine ?? []).includes(manager.orgId);
    case 'enterprise':
    case 'craftsman':
      return action !== 'create' && target.subjectInReach === true;
  }
}
