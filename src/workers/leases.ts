import { randomUUID } from 'node:crypto';
import { DuplicateKeyError } from '../errors.js';
import type { Doc, Store } from '../ports/store.js';

interface LeaseDoc extends Doc {
  holder: string;
  /** Epoch milliseconds after which another process may take it. */
  expiresAt: number;
}

/**
 * Leases in the store: work that must run once per deployment (a consumer's batches, the SLA sweep)
 * runs only in the process holding its lease. A holder that dies loses it after `ttlMs`, and another
 * process takes over. Time is the machine's, not the domain clock: leases are about processes.
 */
export class Leases {
  readonly holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly held = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 15_000,
  ) {}

  /**
   * True when this process holds `name` now (taking or renewing it as needed). Renewals happen once a
   * third of the lease has passed, so a busy loop does not write on every call.
   */
  async hold(name: string): Promise<boolean> {
    const now = Date.now();
    const until = this.held.get(name);
    if (until !== undefined && until - now > (this.ttlMs * 2) / 3) return true;
    const expiresAt = now + this.ttlMs;
    const leases = this.store.collection<LeaseDoc>('leases');
    let taken: LeaseDoc | null = null;
    try {
      taken = await leases.updateOne({ _id: name, $or: [{ holder: this.holder }, { expiresAt: { $lt: now } }] }, { $set: { holder: this.holder, expiresAt } }, { upsert: true });
    } catch (error) {
      // The upsert collided with a lease another process holds: not ours.
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    if (taken?.holder === this.holder) {
      this.held.set(name, expiresAt);
      return true;
    }
    this.held.delete(name);
    return false;
  }

  /** Gives every lease back (clean shutdown), so another process takes over at once. */
  async releaseAll(): Promise<void> {
    const names = [...this.held.keys()];
    this.held.clear();
    if (names.length > 0) await this.store.collection<LeaseDoc>('leases').updateMany({ _id: { $in: names }, holder: this.holder }, { $set: { expiresAt: 0 } });
  }
}
