import { AppError, DuplicateKeyError, conflict, unauthorized } from '../errors.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import { loginRefusal } from '../domain/users/account-rules.js';
import { publicUser, tokenVersionOf, userStatusOf, type AccountInput, type Actor, type Role, type User } from '../domain/users/user.js';
import type { LoginThrottle } from '../ports/throttle.js';
import type { TokenClaims } from '../ports/security.js';
import type { ServiceDeps } from './deps.js';
import { nowIso } from './shared.js';

export interface AccountOptions {
  /** Failed-login throttle (per account and per client address); none in scripts that never log in. */
  throttle?: LoginThrottle;
  /**
   * How long a user's status and token version are trusted without a store read. This process
   * forgets them at once when it changes them; other processes notice within this time.
   */
  userStateTtlMs?: number;
}

interface UserState {
  active: boolean;
  tokenVersion: number;
  readAtMs: number;
}

const REVOKED = () => unauthorized('TOKEN_REVOKED', '登录已失效（已退出、改密或账号被停用），请重新登录');

/** Logins: creating them, signing in and out, passwords, and turning a token back into an Actor. */
export function accountService(deps: ServiceDeps, options: AccountOptions = {}) {
  const users = deps.store.collection<User>('users');
  const orgs = deps.store.collection<UnionOrg>('orgs');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const userStateTtlMs = options.userStateTtlMs ?? 2_000;

  async function claimsFor(user: User): Promise<TokenClaims> {
    const claims: TokenClaims = { sub: user._id, role: user.role, name: user.displayName, ver: tokenVersionOf(user) };
    if (user.subjectId) claims.subjectId = user.subjectId;
    if (user.orgId) {
      const org = await orgs.findById(user.orgId);
      claims.orgId = user.orgId;
      if (org) {
        claims.orgRegionCode = org.regionCode;
        if (org.enterpriseId) claims.orgEnterpriseId = org.enterpriseId;
      }
    }
    return claims;
  }

  // Verified tokens are remembered until they expire: HMAC checks are cheap, but not free per request.
  // Revocation is not decided here but by the user state below, which every request consults.
  const verified = new Map<string, { actor: Actor; version: number; expiresAtMs: number }>();
  const VERIFIED_MAX = 10_000;
  const states = new Map<string, UserState>();
  const STATES_MAX = 10_000;

  /** Whether a login may sign in now: its own status, and for a craftsman its profile's status. */
  async function refusalFor(user: User) {
    const craftsman = user.role === 'craftsman' && user.subjectId ? await craftsmen.findById(user.subjectId) : null;
    return loginRefusal({ userStatus: userStatusOf(user), craftsmanStatus: craftsman?.status });
  }

  async function stateOf(userId: string): Promise<UserState | null> {
    const nowMs = deps.clock.now().getTime();
    const cached = states.get(userId);
    if (cached && nowMs - cached.readAtMs < userStateTtlMs) return cached;
    const user = await users.findById(userId);
    if (!user) {
      states.delete(userId);
      return null;
    }
    const state = { active: userStatusOf(user) === 'active', tokenVersion: tokenVersionOf(user), readAtMs: nowMs };
    if (!cached && states.size >= STATES_MAX) states.delete(states.keys().next().value as string);
    states.set(userId, state);
    return state;
  }

  /** Raises the token version of one user (inside the caller's transaction when there is one). */
  async function revokeUser(userId: string, set: Record<string, unknown> = {}): Promise<User | null> {
    const updated = await users.updateOne({ _id: userId }, { $inc: { tokenVersion: 1 }, $set: { ...set, updatedAt: nowIso(deps) } });
    states.delete(userId);
    return updated;
  }

  async function sign(user: User) {
    const { token, expiresAt } = await deps.tokens.sign(await claimsFor(user));
    return { token, expiresAt, user: publicUser(user) };
  }

  return {
    /** Hashes the password outside any transaction (it is slow on purpose); returns the user to insert. */
    async prepareUser(input: AccountInput & { role: Role; displayName: string; orgId?: string; subjectId?: string; canManageAccounts?: boolean }): Promise<User> {
      if (await users.findOne({ username: input.username })) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, { field: 'account.username' });
      const user: User = {
        _id: deps.ids.next('usr'),
        username: input.username,
        passwordHash: await deps.hasher.hash(input.password),
        role: input.role,
        displayName: input.displayName,
        status: 'active',
        tokenVersion: 0,
        createdAt: nowIso(deps),
      };
      if (input.orgId) user.orgId = input.orgId;
      if (input.subjectId) user.subjectId = input.subjectId;
      if (input.canManageAccounts) user.canManageAccounts = true;
      return user;
    },

    /** Inserts a prepared user; a taken username is a 409 USERNAME_TAKEN. */
    async insertUser(user: User): Promise<User> {
      try {
        return await users.insertOne(user);
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw conflict('USERNAME_TAKEN', `用户名 ${user.username} 已被使用`, { field: 'account.username' });
        throw error;
      }
    },

    /** Whether any admin login can sign in (the first-admin step runs only when none can). */
    async hasActiveAdmin(): Promise<boolean> {
      return (await users.count({ role: 'admin', status: { $ne: 'disabled' } })) > 0;
    },

    /**
     * Signs in. Refused attempts count against the account and the client address; past the free
     * attempts each further one waits longer (429 with Retry-After), and a success clears the account's count.
     */
    async login(username: string, password: string, context: { clientIp?: string } = {}) {
      const keys = { account: username.toLowerCase(), client: context.clientIp ?? 'unknown' };
      await options.throttle?.check(keys);
      const user = await users.findOne({ username });
      // Verify against a real hash even for unknown users so timing does not reveal which names exist.
      const ok = await deps.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok) {
        await options.throttle?.recordFailure(keys);
        throw unauthorized('INVALID_CREDENTIALS', '用户名或密码错误');
      }
      await options.throttle?.recordSuccess(keys);
      const refusal = await refusalFor(user);
      if (refusal) throw new AppError({ kind: 'forbidden', code: 'ACCOUNT_DISABLED', message: refusal });
      return sign(user);
    },

    /** The Actor behind a bearer token; 401 with TOKEN_EXPIRED, TOKEN_INVALID or TOKEN_REVOKED. */
    async authenticate(token: string): Promise<Actor> {
      let entry = verified.get(token);
      if (entry && entry.expiresAtMs <= deps.clock.now().getTime()) {
        verified.delete(token);
        entry = undefined;
      }
      if (!entry) {
        const result = await deps.tokens.verify(token);
        if (!result.claims) {
          throw result.reason === 'expired' ? unauthorized('TOKEN_EXPIRED', '登录已过期，请重新登录') : unauthorized('TOKEN_INVALID', '登录凭证无效，请重新登录');
        }
        const c = result.claims;
        const actor: Actor = { userId: c.sub, role: c.role, displayName: c.name };
        if (c.orgId) actor.orgId = c.orgId;
        if (c.orgRegionCode) actor.orgRegionCode = c.orgRegionCode;
        if (c.orgEnterpriseId) actor.orgEnterpriseId = c.orgEnterpriseId;
        if (c.role === 'enterprise' && c.subjectId) actor.enterpriseId = c.subjectId;
        if (c.role === 'craftsman' && c.subjectId) actor.craftsmanId = c.subjectId;
        if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string);
        entry = { actor, version: c.ver ?? 0, expiresAtMs: result.expiresAtMs };
        verified.set(token, entry);
      }
      const state = await stateOf(entry.actor.userId);
      if (!state || !state.active || state.tokenVersion !== entry.version) throw REVOKED();
      return { ...entry.actor };
    },

    async me(actor: Actor) {
      const user = await users.findById(actor.userId);
      if (!user) throw new AppError({ kind: 'unauthorized', code: 'TOKEN_INVALID', message: '账号不存在，请重新登录' });
      return { user: publicUser(user), scope: { orgId: actor.orgId ?? null, orgRegionCode: actor.orgRegionCode ?? null, enterpriseId: actor.enterpriseId ?? null, craftsmanId: actor.craftsmanId ?? null } };
    },

    /** Signs the user out everywhere: every token it holds stops working. */
    async logout(actor: Actor): Promise<void> {
      await revokeUser(actor.userId);
    },

    revokeUser,

    /** Revokes every login speaking for an enterprise or craftsman (e.g. a suspended craftsman). */
    async revokeSubject(subjectId: string): Promise<number> {
      const affected = await users.find({ subjectId }, { projection: { _id: 1 } });
      const count = await users.updateMany({ subjectId }, { $inc: { tokenVersion: 1 }, $set: { updatedAt: nowIso(deps) } });
      for (const user of affected) states.delete(user._id);
      return count;
    },

    /** Changes one's own password (the current one required); other sessions end, this one gets a new token. */
    async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }) {
      const user = await users.findById(actor.userId);
      if (!user) throw REVOKED();
      if (!(await deps.hasher.verify(user.passwordHash, input.currentPassword))) {
        throw new AppError({ kind: 'invalid', code: 'CURRENT_PASSWORD_WRONG', message: '当前密码不正确', details: { field: 'currentPassword' } });
      }
      if (input.currentPassword === input.newPassword) throw new AppError({ kind: 'invalid', code: 'PASSWORD_UNCHANGED', message: '新密码不能与当前密码相同', details: { field: 'newPassword' } });
      const passwordHash = await deps.hasher.hash(input.newPassword);
      const updated = await revokeUser(user._id, { passwordHash });
      if (!updated) throw REVOKED();
      return sign(updated);
    },

    /** Forgets what this process remembers of a user's state (after a change made elsewhere in it). */
    forget(userId: string): void {
      states.delete(userId);
    },
  };
}

/** argon2id hash of a random string nobody knows; only used to spend the same time on unknown users. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jp6J7Cz4lB8C8mZEN3lq0nQ0Wt0p3m8tG2QyQ1Y3r5o';

export type AccountService = ReturnType<typeof accountService>;
