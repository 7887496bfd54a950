import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import type { LoginThrottlePolicy } from '../../../src/domain/users/login-throttle.js';
import type { LoginKeys, LoginThrottle } from '../../../src/ports/throttle.js';

/** Small numbers so a case never waits more than about a second. */
export const tightPolicy: LoginThrottlePolicy = {
  account: { freeFailures: 2, baseDelaySeconds: 1, lockoutAfter: 5, lockoutSeconds: 7, windowSeconds: 60 },
  client: { freeFailures: 6, baseDelaySeconds: 1, lockoutAfter: 20, lockoutSeconds: 60, windowSeconds: 60 },
};

const keys = (): LoginKeys => ({ account: `acct-${randomUUID().slice(0, 8)}`, client: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });

async function refusal(throttle: LoginThrottle, k: LoginKeys): Promise<AppError | null> {
  try {
    await throttle.check(k);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/** What the account service relies on from any login throttle. */
export function loginThrottleContract(name: string, makeThrottle: (policy: LoginThrottlePolicy) => LoginThrottle) {
  describe(`${name} login throttle`, () => {
    it('when an account fails within its free attempts, then the next attempt is not delayed', async () => {
      const throttle = makeThrottle(tightPolicy);
      const k = keys();
      await throttle.recordFailure(k);
      await throttle.recordFailure(k);
      expect(await refusal(throttle, k)).toBeNull();
    });

    it('when an account fails past its free attempts, then each further failure waits longer, up to the lock-out window, and other accounts are untouched', async () => {
      const throttle = makeThrottle(tightPolicy);
      const k = keys();
      const waits: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        await throttle.recordFailure(k);
        waits.push((await refusal(throttle, k))?.retryAfterSeconds ?? 0);
      }
      expect(waits).toEqual([0, 0, 1, 2, 7]);
      const error = await refusal(throttle, k);
      expect(error).toMatchObject({ kind: 'too_many', code: 'LOGIN_THROTTLED' });
      expect(error?.message).toMatch(/登录失败次数过多/);
      expect(await refusal(throttle, { account: `${k.account}-other`, client: `${k.client}9` })).toBeNull();
    });

    it('when the wait has passed, then the account may try again', async () => {
      const throttle = makeThrottle(tightPolicy);
      const k = keys();
      for (let i = 0; i < 3; i += 1) await throttle.recordFailure(k);
      expect((await refusal(throttle, k))?.retryAfterSeconds).toBe(1);
      await sleep(1_050);
      expect(await refusal(throttle, k)).toBeNull();
    });

    it('when the right password follows some failures, then the account count starts again', async () => {
      const throttle = makeThrottle(tightPolicy);
      const k = keys();
      await throttle.recordFailure(k);
      await throttle.recordFailure(k);
      await throttle.recordSuccess(k);
      await throttle.recordFailure(k);
      await throttle.recordFailure(k);
      expect(await refusal(throttle, k)).toBeNull();
    });

    it('when one address fails on many accounts, then the address waits even though no account reached its limit', async () => {
      const throttle = makeThrottle(tightPolicy);
      const client = keys().client;
      for (let i = 0; i < 7; i += 1) await throttle.recordFailure({ account: `spray-${randomUUID().slice(0, 6)}`, client });
      expect((await refusal(throttle, { account: 'someone-new', client }))?.retryAfterSeconds).toBe(1);
    });
  });
}
