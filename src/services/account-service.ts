import { AppError, DuplicateKeyError, conflict, unauthorized } from '../errors.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import { publicUser, type AccountInput, type Actor, type Role, type User } from '../domain/users/user.js';
import type { TokenClaims } from '../ports/security.js';
import type { ServiceDeps } from './deps.js';
import { nowIso } from './shared.js';

/** Logins: creating them, signing in, and turning a token back into an Actor. */
export function accountService(deps: ServiceDeps) {
  const users = deps.store.collection<User>('users');
  const orgs = deps.store.collection<UnionOrg>('orgs');

  async function claimsFor(user: User): Promise<TokenClaims> {
    const claims: TokenClaims = { sub: user._id, role: user.role, name: user.displayName };
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
  const verified = new Map<string, { actor: Actor; expiresAtMs: number }>();
  const VERIFIED_MAX = 10_000;

  return {
    /** Hashes the password outside any transaction (it is slow on purpose); returns the user to insert. */
    async prepareUser(input: AccountInput & { role: Role; displayName: string; orgId?: string; subjectId?: string }): Promise<User> {
      if (await users.findOne({ username: input.username })) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, { field: 'account.username' });
      const user: User = {
        _id: deps.ids.next('usr'),
        username: input.username,
        passwordHash: await deps.hasher.hash(input.password),
        role: input.role,
        displayName: input.displayName,
        createdAt: nowIso(deps),
      };
      if (input.orgId) user.orgId = input.orgId;
      if (input.subjectId) user.subjectId = input.subjectId;
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

    async login(username: string, password: string) {
      const user = await users.findOne({ username });
      // Verify against a real hash even for unknown users so timing does not reveal which names exist.
      const ok = await deps.hasher.verify(user?.passwordHash ?? DUMMY_HASH, password);
      if (!user || !ok) throw unauthorized('INVALID_CREDENTIALS', '用户名或密码错误');
      const { token, expiresAt } = await deps.tokens.sign(await claimsFor(user));
      return { token, expiresAt, user: publicUser(user) };
    },

    /** The Actor behind a bearer token; 401 with TOKEN_EXPIRED or TOKEN_INVALID. */
    async authenticate(token: string): Promise<Actor> {
      const cached = verified.get(token);
      if (cached && cached.expiresAtMs > deps.clock.now().getTime()) return { ...cached.actor };
      if (cached) verified.delete(token);
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
      verified.set(token, { actor, expiresAtMs: result.expiresAtMs });
      return { ...actor };
    },

    async me(actor: Actor) {
      const user = await users.findById(actor.userId);
      if (!user) throw new AppError({ kind: 'unauthorized', code: 'TOKEN_INVALID', message: '账号不存在，请重新登录' });
      return { user: publicUser(user), scope: { orgId: actor.orgId ?? null, orgRegionCode: actor.orgRegionCode ?? null, enterpriseId: actor.enterpriseId ?? null, craftsmanId: actor.craftsmanId ?? null } };
    },
  };
}

/** argon2id hash of a random string nobody knows; only used to spend the same time on unknown users. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Jp6J7Cz4lB8C8mZEN3lq0nQ0Wt0p3m8tG2QyQ1Y3r5o';

export type AccountService = ReturnType<typeof accountService>;
