import { AppError } from '../../errors.js';
import type { PasswordHasher } from '../../ports/security.js';

/**
 * A hasher that runs at most `concurrency` hashes at once and queues the rest (up to `maxWaiting`).
 * argon2 runs on libuv's thread pool, which the store's journal writes and fsyncs share: a login
 * flood hashing on every pool thread would stall durable writes. Bounding it here leaves the other
 * threads to the store whatever the login traffic; a raised UV_THREADPOOL_SIZE would only move the
 * point at which the flood fills the pool.
 */
export class BoundedHasher implements PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly inner: PasswordHasher,
    private readonly options: { concurrency: number; maxWaiting?: number },
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => this.inner.hash(password));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.run(() => this.inner.verify(hash, password));
  }

  /** Hashes running and waiting now (for metrics and the bench). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= (this.options.maxWaiting ?? 256)) {
        throw new AppError({ kind: 'unavailable', code: 'LOGIN_BUSY', message: '登录请求过多，请稍后再试', retryAfterSeconds: 2 });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter, so `running` never drops below a full queue's need.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
