import { notFound } from '../errors.js';
import { authorize, reachFor } from '../domain/access/policy.js';
import { staffReachesRegion } from '../domain/access/scope.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Page, PageQuery } from '../domain/shared/values.js';
import { mayManageAccount, type AccountAction, type AccountManager, type ManagedAccount } from '../domain/users/account-rules.js';
import { auditEntry, type AuditAction, type AuditEntry } from '../domain/users/audit.js';
import { loginKind, publicUser, userStatusOf, type Actor, type Role, type User, type UserStatus } from '../domain/users/user.js';
import type { Filter } from '../ports/store.js';
import type { AccountService } from './account-service.js';
import type { ServiceDeps } from './deps.js';
import { escapeRegex } from './enterprise-service.js';
import { and, nowIso, paginate } from './shared.js';

export interface UserListQuery extends PageQuery {
  role?: Role;
  orgId?: string;
  status?: UserStatus;
  subjectId?: string;
  /** Substring of the username or display name. */
  q?: string;
}

export interface StaffCreate {
  username: string;
  password: string;
  displayName: string;
  orgId: string;
  canManageAccounts?: boolean;
  reason?: string;
}

const USER_NOT_FOUND = () => notFound('USER_NOT_FOUND', '账号不存在');
const ORG_NOT_FOUND = () => notFound('ORG_NOT_FOUND', '工会组织不存在', { field: 'orgId' });

/** 用户管理: admins and managing staff create, list, disable and reset logins; every action is audited. */
export function userService(deps: ServiceDeps, accounts: AccountService) {
  const users = deps.store.collection<User>('users');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const audit = deps.store.collection<AuditEntry>('audit');

  /** The acting login as it is stored now: a manager right taken away counts at once. */
  async function managerOf(actor: Actor): Promise<AccountManager> {
    if (actor.userId === 'system') return { userId: 'system', role: 'admin', canManageAccounts: true };
    const user = await users.findById(actor.userId);
    if (!user) throw USER_NOT_FOUND();
    return { userId: user._id, role: user.role, canManageAccounts: user.canManageAccounts === true, ...(user.orgId ? { orgId: user.orgId } : {}) };
  }

  async function orgLine(orgId: string | undefined): Promise<string[]> {
    if (!orgId) return [];
    const org = await orgs.findById(orgId);
    return org ? [...org.ancestorIds, org._id] : [];
  }

  async function subjectInReach(actor: Actor, user: User): Promise<boolean> {
    if (!user.subjectId) return false;
    if (loginKind.isEnterprise(user)) {
      const enterprise = await enterprises.findById(user.subjectId);
      return enterprise !== null && (actor.orgEnterpriseId === enterprise._id || staffReachesRegion(actor, enterprise.regionPath));
    }
    const craftsman = await craftsmen.findById(user.subjectId);
    return craftsman !== null && staffReachesRegion(actor, craftsman.regionPath);
  }

  async function managedFacts(actor: Actor, user: User): Promise<ManagedAccount> {
    const facts: ManagedAccount = { userId: user._id, role: user.role };
    if (loginKind.isStaff(user)) facts.orgLine = await orgLine(user.orgId);
    if (loginKind.speaksForSubject(user)) facts.subjectInReach = await subjectInReach(actor, user);
    return facts;
  }

  /** The login, when the actor may take `action` on it; otherwise 404 (existence does not leak). */
  async function loadFor(actor: Actor, id: string, action: AccountAction): Promise<User> {
    const user = await users.findById(id);
    if (!user) throw USER_NOT_FOUND();
    if (!mayManageAccount(await managerOf(actor), await managedFacts(actor, user), action)) throw USER_NOT_FOUND();
    return user;
  }

  const entry = (actor: Actor, action: AuditAction, target: User, reason: string | null, details: Record<string, unknown> = {}): AuditEntry =>
    auditEntry({ id: deps.ids.next('aud'), at: nowIso(deps), actor, action, target, reason, details });

  async function createStaffOrAdmin(actor: Actor, input: StaffCreate & { role: 'union_staff' | 'admin' }) {
    const user = await accounts.prepareUser({
      username: input.username,
      password: input.password,
      role: input.role,
      displayName: input.displayName,
      ...(loginKind.isStaff(input) ? { orgId: input.orgId, canManageAccounts: input.canManageAccounts === true } : {}),
    });
    await deps.store.transaction(async () => {
      await accounts.insertUser(user);
      await audit.insertOne(entry(actor, 'user.created', user, input.reason ?? null, { role: user.role, orgId: user.orgId ?? null, canManageAccounts: user.canManageAccounts === true }));
    });
    return publicUser(user);
  }

  return {
    /** An admin login; used by the first-start step and the admin:create command (system actor). */
    async createAdmin(input: { username: string; password: string; displayName: string }, reason: string) {
      const system: Actor = { userId: 'system', role: 'system', displayName: '系统' };
      return createStaffOrAdmin(system, { ...input, orgId: '', role: 'admin', reason });
    },

    /** A union-staff login for an org: admins for any org, managing staff for their org and below. */
    async createStaff(actor: Actor, input: StaffCreate) {
      const org = await orgs.findById(input.orgId);
      if (!org) throw ORG_NOT_FOUND();
      const target: ManagedAccount = { role: 'union_staff', orgLine: [...org.ancestorIds, org._id] };
      if (!mayManageAccount(await managerOf(actor), target, 'create')) throw ORG_NOT_FOUND();
      return createStaffOrAdmin(actor, { ...input, role: 'union_staff' });
    },

    async get(actor: Actor, id: string) {
      return publicUser(await loadFor(actor, id, 'view'));
    },

    /**
     * Logins the actor manages. Admins: all. Managing staff: staff logins of their org and below.
     * With `subjectId`: the logins of that enterprise or craftsman, when it lies in the actor's reach.
     */
    async list(actor: Actor, query: UserListQuery): Promise<Page<ReturnType<typeof publicUser>>> {
      const manager = await managerOf(actor);
      const filters: Filter[] = [];
      if (query.subjectId) {
        filters.push({ subjectId: query.subjectId });
        if (reachFor(manager, 'user.list') !== 'all') {
          const sample = await users.findOne({ subjectId: query.subjectId });
          if (!sample || !mayManageAccount(manager, await managedFacts(actor, sample), 'view')) return { items: [], total: 0, page: query.page, limit: query.limit };
        }
      } else if (reachFor(manager, 'user.list') !== 'all') {
        if (!manager.canManageAccounts || !manager.orgId) return { items: [], total: 0, page: query.page, limit: query.limit };
        const below = await orgs.find({ $or: [{ _id: manager.orgId }, { ancestorIds: manager.orgId }] }, { projection: { _id: 1 } });
        filters.push({ role: 'union_staff', orgId: { $in: below.map((o) => o._id) } });
      }
      if (query.role) filters.push({ role: query.role });
      if (query.orgId) filters.push({ orgId: query.orgId });
      if (query.status === 'disabled') filters.push({ status: 'disabled' });
      if (query.status === 'active') filters.push({ status: { $ne: 'disabled' } });
      if (query.q) {
        const $regex = escapeRegex(query.q);
        filters.push({ $or: [{ username: { $regex } }, { displayName: { $regex } }] });
      }
      const page = await paginate(users, and(...filters), query, { createdAt: -1, _id: 1 });
      return { ...page, items: page.items.map(publicUser) };
    },

    /** Disables (revoking every token at once) or re-enables a login, with a reason for the trail. */
    async setStatus(actor: Actor, id: string, input: { status: UserStatus; reason: string }) {
      const user = await loadFor(actor, id, input.status === 'disabled' ? 'disable' : 'enable');
      if (userStatusOf(user) === input.status) return publicUser(user);
      return deps.store.transaction(async () => {
        const updated =
          input.status === 'disabled'
            ? await accounts.revokeUser(id, { status: 'disabled' })
            : await users.updateOne({ _id: id }, { $set: { status: 'active', updatedAt: nowIso(deps) } });
        if (!updated) throw USER_NOT_FOUND();
        accounts.forget(id);
        await audit.insertOne(entry(actor, input.status === 'disabled' ? 'user.disabled' : 'user.enabled', user, input.reason));
        return publicUser(updated);
      });
    },

    /** Sets a new password for a login in reach (the person is told it out of band); its tokens stop working. */
    async resetPassword(actor: Actor, id: string, input: { newPassword: string; reason: string }) {
      const user = await loadFor(actor, id, 'reset_password');
      const passwordHash = await deps.hasher.hash(input.newPassword);
      return deps.store.transaction(async () => {
        const updated = await accounts.revokeUser(id, { passwordHash });
        if (!updated) throw USER_NOT_FOUND();
        await audit.insertOne(entry(actor, 'user.password_reset', user, input.reason));
        return publicUser(updated);
      });
    },

    /** Changes one's own password (the current one required) and notes it in the trail. */
    async changeOwnPassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
      const signed = await accounts.changePassword(actor, input);
      await this.record(actor, 'user.password_changed', actor.userId, null);
      return signed;
    },

    /** Records an action a login took on itself or the system took on it (password change, revocation). */
    async record(actor: Actor, action: AuditAction, userId: string, reason: string | null, details: Record<string, unknown> = {}) {
      const user = await users.findById(userId);
      if (user) await audit.insertOne(entry(actor, action, user, reason, details));
    },

    /** The trail of one login, newest first; 404 when the actor may not see the login. */
    async auditOf(actor: Actor, id: string, query: PageQuery) {
      await loadFor(actor, id, 'view');
      return paginate(audit, { targetUserId: id }, query, { at: -1, _id: -1 });
    },

    /** Every account action, newest first (admins). */
    async auditAll(actor: Actor, query: PageQuery) {
      authorize(await managerOf(actor), 'audit.list');
      return paginate(audit, {}, query, { at: -1, _id: -1 });
    },
  };
}

export type UserService = ReturnType<typeof userService>;
