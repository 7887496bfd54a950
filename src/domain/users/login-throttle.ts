/**
 * How refused logins slow down the next attempt (登录限流). Each key (an account, a client address)
 * has some free failures; after them every failure makes the key wait, twice as long each time,
 * until `lockoutAfter` failures lock it for the whole lock-out window. Failures are forgotten
 * `windowSeconds` after the first one of a run; a good password clears the account's count.
 */
export interface ThrottleRule {
  freeFailures: number;
  baseDelaySeconds: number;
  lockoutAfter: number;
  lockoutSeconds: number;
  windowSeconds: number;
}

export interface LoginThrottlePolicy {
  account: ThrottleRule;
  client: ThrottleRule;
}

/**
 * Per account: 3 free failures, then 1, 2, 4 … s, locked 15 min from the 10th.
 * Per client address: more free failures, since a federation office shares one address.
 */
export const defaultLoginThrottlePolicy: LoginThrottlePolicy = {
  account: { freeFailures: 3, baseDelaySeconds: 1, lockoutAfter: 10, lockoutSeconds: 15 * 60, windowSeconds: 60 * 60 },
  client: { freeFailures: 30, baseDelaySeconds: 1, lockoutAfter: 100, lockoutSeconds: 15 * 60, windowSeconds: 60 * 60 },
};

/** Whole seconds the key must wait after its `failures`-th failure (0: none). */
export function waitAfterFailure(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.freeFailures) return 0;
  if (failures >= rule.lockoutAfter) return rule.lockoutSeconds;
  return Math.min(rule.baseDelaySeconds * 2 ** (failures - rule.freeFailures - 1), rule.lockoutSeconds);
}
