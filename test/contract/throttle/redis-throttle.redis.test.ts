import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisLoginThrottle } from '../../../src/adapters/throttle/rate-limiter-throttle.js';
import { redisForTests, redisUnavailableReason } from '../../helpers/redis-server.js';
import { loginThrottleContract, tightPolicy } from './login-throttle.contract.js';

const skipReason = redisUnavailableReason();

describe.skipIf(skipReason !== null)(`login throttle on a real Redis${skipReason ? ` (${skipReason})` : ''}`, () => {
  let redis: { url: string; stop: () => Promise<void> };
  let client: Redis;
  const prefix = `jxt-login-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    redis = await redisForTests();
    client = new Redis(redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    await new Promise((resolve) => client.once('ready', resolve));
  });
  afterAll(async () => {
    // On a shared REDIS_URL, leave nothing behind.
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
    await redis?.stop();
  });

  loginThrottleContract('redis', (policy) => redisLoginThrottle(client, policy, prefix));

  it('when two API processes share Redis, then failures counted by one make the other wait', async () => {
    const a = redisLoginThrottle(client, tightPolicy, prefix);
    const b = redisLoginThrottle(client, tightPolicy, prefix);
    const k = { account: `shared-${randomUUID().slice(0, 6)}`, client: '10.9.9.9' };
    for (let i = 0; i < 3; i += 1) await a.recordFailure(k);
    await expect(b.check(k)).rejects.toMatchObject({ code: 'LOGIN_THROTTLED', retryAfterSeconds: 1 });
  });
});
