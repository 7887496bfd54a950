import type { Filter, Store } from '../ports/store.js';
import type { ServiceDeps } from './deps.js';
import { finishedOutboxEvents } from './outbox-retention.js';

/** How long finished log entries are kept (days) and how many at most. */
export interface RetentionRule {
  maxAgeDays: number;
  maxCount: number;
}

/**
 * What the engine prunes so that a year of operation keeps memory and snapshots bounded. Only logs
 * are pruned — entries whose work is done; orders, offers, service records and everything else a
 * report counts are records and are kept.
 */
export interface RetentionPolicy {
  /** Outbox events handed to every consumer. */
  outbox: RetentionRule;
  /** In-app messages the person has read. */
  readNotifications: RetentionRule;
  /** Webhook and SMS deliveries that were sent or skipped (failed ones, the dead letters, are kept for admins). */
  finishedDeliveries: RetentionRule;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  outbox: { maxAgeDays: 7, maxCount: 50_000 },
  readNotifications: { maxAgeDays: 90, maxCount: 200_000 },
  finishedDeliveries: { maxAgeDays: 30, maxCount: 50_000 },
};

export type PruneReport = Record<keyof RetentionPolicy, number>;

const DAY_MS = 24 * 60 * 60 * 1000;
const CHUNK = 1_000;

/** Deletes the finished entries older than the rule allows, then the oldest beyond its count. */
async function pruneLog(store: Store, collection: string, finished: Filter, finishedAt: string, rule: RetentionRule, now: Date): Promise<number> {
  const docs = store.collection(collection);
  const cutoff = new Date(now.getTime() - rule.maxAgeDays * DAY_MS).toISOString();
  let removed = await docs.deleteMany({ $and: [finished, { [finishedAt]: { $lt: cutoff } }] });
  const finishedCount = await docs.count(finished);
  if (finishedCount > rule.maxCount) {
    const excess = await docs.find(finished, { sort: { [finishedAt]: 1, _id: 1 }, limit: finishedCount - rule.maxCount, projection: { _id: 1 } });
    for (let i = 0; i < excess.length; i += CHUNK) removed += await docs.deleteMany({ _id: { $in: excess.slice(i, i + CHUNK).map((d) => d._id) } });
  }
  return removed;
}

/** Prunes the logs that would otherwise only grow (run periodically by the retention timer). */
export function retentionService(deps: Pick<ServiceDeps, 'store' | 'clock'>, policy: RetentionPolicy = DEFAULT_RETENTION) {
  return {
    policy,
    async prune(override: Partial<RetentionPolicy> = {}): Promise<PruneReport> {
      const rules = { ...policy, ...override };
      const now = deps.clock.now();
      const outbox = finishedOutboxEvents();
      return {
        outbox: await pruneLog(deps.store, 'outbox', outbox.filter, outbox.finishedAtField, rules.outbox, now),
        readNotifications: await pruneLog(deps.store, 'notifications', { readAt: { $ne: null } }, 'readAt', rules.readNotifications, now),
        finishedDeliveries: await pruneLog(deps.store, 'deliveries', { status: { $in: ['sent', 'skipped'] } }, 'updatedAt', rules.finishedDeliveries, now),
      };
    },
  };
}
