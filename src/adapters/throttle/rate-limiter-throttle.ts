import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../../errors.js';
import { waitAfterFailure, type LoginThrottlePolicy, type ThrottleRule } from '../../domain/users/login-throttle.js';
import type { LoginKeys, LoginThrottle } from '../../ports/throttle.js';

type Dimension = keyof LoginKeys;
type MakeLimiter = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** Per dimension: a failure counter over the rule's window, and a wait set after each failure. */
interface Limiters {
  failures: RateLimiterAbstract;
  waits: RateLimiterAbstract;
  rule: ThrottleRule;
}

const DIMENSIONS: Dimension[] = ['account', 'client'];

/**
 * The login throttle on rate-limiter-flexible: the same logic over a memory or a Redis backend.
 * Counters never block by themselves (their points are out of reach); a wait is an explicit block.
 */
class RateLimiterLoginThrottle implements LoginThrottle {
  private readonly limiters: Record<Dimension, Limiters>;

  constructor(make: MakeLimiter, policy: LoginThrottlePolicy, prefix: string) {
    const build = (dimension: Dimension): Limiters => ({
      rule: policy[dimension],
      failures: make({ keyPrefix: `${prefix}:fail:${dimension}`, points: 1_000_000_000, duration: policy[dimension].windowSeconds }),
      waits: make({ keyPrefix: `${prefix}:wait:${dimension}`, points: 1, duration: 1 }),
    });
    this.limiters = { account: build('account'), client: build('client') };
  }

  async check(keys: LoginKeys): Promise<void> {
    let waitMs = 0;
    for (const dimension of DIMENSIONS) {
      const res = await this.limiters[dimension].waits.get(keys[dimension]);
      if (res && res.consumedPoints > 1) waitMs = Math.max(waitMs, res.msBeforeNext);
    }
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError({ kind: 'too_many', code: 'LOGIN_THROTTLED', message: `登录失败次数过多，请 ${waitText(seconds)}后再试`, details: { retryAfterSeconds: seconds }, retryAfterSeconds: seconds });
    }
  }

  async recordFailure(keys: LoginKeys): Promise<void> {
    for (const dimension of DIMENSIONS) {
      const { failures, waits, rule } = this.limiters[dimension];
      const counted: RateLimiterRes = await failures.penalty(keys[dimension], 1);
      const seconds = waitAfterFailure(counted.consumedPoints, rule);
      if (seconds > 0) await waits.block(keys[dimension], seconds);
    }
  }

  async recordSuccess(keys: LoginKeys): Promise<void> {
    await this.limiters.account.failures.delete(keys.account);
  }
}

function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`;
}

/** One process: counters in memory (the default when REDIS_URL is not set). */
export function memoryLoginThrottle(policy: LoginThrottlePolicy, prefix = 'jx:login'): LoginThrottle {
  return new RateLimiterLoginThrottle((options) => new RateLimiterMemory(options), policy, prefix);
}

/**
 * Shared by every API process through Redis. While Redis does not answer, each process falls back
 * to its own memory counters, so logins stay throttled (per process) rather than failing.
 */
export function redisLoginThrottle(client: Redis, policy: LoginThrottlePolicy, prefix = 'jx:login'): LoginThrottle {
  return new RateLimiterLoginThrottle((options) => new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) }), policy, prefix);
}
