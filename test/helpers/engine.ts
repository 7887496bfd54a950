import { checkedRequest } from './openapi-check.js';
import { Argon2Hasher } from '../../src/adapters/security/argon2-hasher.js';
import { testConfig, type Config } from '../../src/config.js';
import { buildEngine, type Engine, type EngineOverrides } from '../../src/engine.js';
import type { Actor, Role } from '../../src/domain/users/user.js';
import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';
import { ManualClock } from './manual-clock.js';

/** A cheap argon2 so tests that create many logins stay fast; the algorithm is the real one. */
export const fastHasher = () => new Argon2Hasher({ memoryCost: 1024, timeCost: 1 });

export interface TestEngine {
  engine: Engine;
  clock: ManualClock;
  /** supertest on the engine's app; every answer is checked against its OpenAPI document. */
  http: () => ReturnType<typeof checkedRequest>;
}

/** An engine on embedded in-memory adapters with a manual clock, Guizhou reference data loaded. */
export async function startTestEngine(config: Partial<Config> = {}, overrides: EngineOverrides = {}): Promise<TestEngine> {
  const clock = new ManualClock();
  const engine = await buildEngine(testConfig(config), { inMemory: true, clock, hasher: fastHasher(), ...overrides });
  await engine.startWorkers();
  return { engine, clock, http: () => checkedRequest(engine.app) };
}

/** Waits until every consumer has acknowledged every recorded event, this process's memory has followed, and the job queues are idle. */
export async function settle(t: TestEngine): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    await t.engine.follower.drain();
    await t.engine.relay.flush();
    for (const name of ['webhook', 'sms', 'offer-expiry']) await t.engine.queue.onIdle(name);
  }
}

export const ADMIN: Actor = { userId: 'usr_test_admin', role: 'admin', displayName: '测试管理员' };

let counter = 0;
/** A unique suffix for usernames, credit codes and names in one test run. */
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Creates a login directly through the services and returns a bearer token for it. */
export async function tokenFor(t: TestEngine, user: { role: Role; orgRegionCode?: string; subjectId?: string; displayName?: string }): Promise<string> {
  const { accounts } = t.engine.services;
  const username = `u.${unique()}`;
  const prepared = await accounts.prepareUser({
    username,
    password: 'password-123',
    role: user.role,
    displayName: user.displayName ?? username,
    orgId: user.orgRegionCode ? orgIdForRegion(user.orgRegionCode) : undefined,
    subjectId: user.subjectId,
  });
  await accounts.insertUser(prepared);
  return (await accounts.login(username, 'password-123')).token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
