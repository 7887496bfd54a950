import { UnavailableError } from '../../src/errors.js';
import type { Collection, Doc, Store } from '../../src/ports/store.js';

/** A store behind a switch: while `down`, every call fails as a database outage would (connections refused). */
export class SwitchableStore implements Store {
  down = false;
  /** Collections whose every call fails even while the store is up (one consumer's effects broken). */
  readonly failing = new Set<string>();
  /** Calls refused while down. */
  refused = 0;

  constructor(private readonly inner: Store) {}

  get adapter(): string {
    return this.inner.adapter;
  }

  private guard(collection?: string): void {
    if (!this.down && !(collection !== undefined && this.failing.has(collection))) return;
    this.refused += 1;
    throw new UnavailableError('数据库（测试中已关闭）');
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    const inner = this.inner.collection<T>(name);
    return new Proxy(inner, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          this.guard(name);
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
  }

  transaction<R>(fn: () => Promise<R>): Promise<R> {
    this.guard();
    return this.inner.transaction(fn);
  }

  connect = () => this.inner.connect();
  ping = async () => !this.down && (await this.inner.ping());
  close = () => this.inner.close();
}
