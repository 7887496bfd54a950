/** Who a login attempt counts against: the account named and the address it came from. */
export interface LoginKeys {
  /** The username as typed, lower-cased (unknown names are throttled too, so probing costs the same). */
  account: string;
  /** The client address as the HTTP layer saw it. */
  client: string;
}

/**
 * Failed-login throttle. Adapters: memory (one process) and Redis (shared by every API process),
 * both on rate-limiter-flexible.
 */
export interface LoginThrottle {
  /** Throws a 429 AppError (code LOGIN_THROTTLED, details.retryAfterSeconds) while either key must wait. */
  check(keys: LoginKeys): Promise<void>;
  /** Counts a refused attempt against both keys; past the free attempts the key must wait, longer each time. */
  recordFailure(keys: LoginKeys): Promise<void>;
  /** A good password: the account's count starts again (the address's does not, so one's own login cannot launder a guessing run). */
  recordSuccess(keys: LoginKeys): Promise<void>;
}
