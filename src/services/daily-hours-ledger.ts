import { DuplicateKeyError } from '../errors.js';
import { DAILY_HOURS_CAP } from '../domain/orders/service-record-rules.js';
import type { ServiceRecord } from '../domain/orders/order.js';
import type { Doc, Store } from '../ports/store.js';

/**
 * 每日工时台账: one row per craftsman and Beijing day with the hours its records claim, kept in
 * hundredths of an hour so repeated additions never drift.
 *
 * Why a row and not a sum of the day's records: two records logged at once for the same day would
 * each read the other's absence and both pass the cap. Summing inside a transaction does not stop
 * that on MongoDB (snapshot isolation lets two transactions read the same set and insert different
 * documents), but a conditional update of one shared row does: the second writer conflicts, retries,
 * and then sees the first one's hours. So the cap holds on every store adapter.
 *
 * A record claims its hours from the moment it is logged until a dispute against it is upheld (an
 * open dispute still holds them, so dismissing it can never put the day over the cap).
 */
export interface DailyHours extends Doc {
  /** `${craftsmanId}:${day}` */
  _id: string;
  craftsmanId: string;
  day: string;
  centihours: number;
}

export const DAILY_HOURS_COLLECTION = 'serviceDays';

const toCentihours = (hours: number) => Math.round(hours * 100);
const dayId = (craftsmanId: string, day: string) => `${craftsmanId}:${day}`;

export function dailyHoursLedger(store: Store) {
  const days = store.collection<DailyHours>(DAILY_HOURS_COLLECTION);
  const records = store.collection<ServiceRecord>('serviceRecords');

  return {
    /**
     * Makes sure the day's row exists, seeded from the records stored before rows were kept. Call it
     * before the transaction that takes hours: creating the row inside one would make two first
     * writers collide on its `_id`, which aborts a MongoDB transaction instead of retrying it.
     */
    async open(craftsmanId: string, day: string): Promise<void> {
      const id = dayId(craftsmanId, day);
      if (await days.findById(id)) return;
      // Records exist without a row only from before the ledger: new ones are always logged through it.
      const earlier = await records.find({ craftsmanId, day }, { projection: { hours: 1, dispute: 1 } });
      const centihours = earlier.filter((r) => r.dispute?.status !== 'upheld').reduce((sum, r) => sum + toCentihours(r.hours), 0);
      try {
        await days.updateOne({ _id: id }, { $setOnInsert: { craftsmanId, day, centihours } }, { upsert: true });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    },

    /**
     * Inside the record's transaction: claims `hours` if the day stays within the cap. The check and
     * the addition are one conditional update, so of racing claims only those that fit succeed.
     */
    async take(craftsmanId: string, day: string, hours: number): Promise<{ ok: true } | { ok: false; remaining: number }> {
      const id = dayId(craftsmanId, day);
      const wanted = toCentihours(hours);
      const taken = await days.updateOne({ _id: id, centihours: { $lte: toCentihours(DAILY_HOURS_CAP) - wanted } }, { $inc: { centihours: wanted } });
      if (taken) return { ok: true };
      const already = ((await days.findById(id))?.centihours ?? 0) / 100;
      return { ok: false, remaining: Math.max(0, Math.round((DAILY_HOURS_CAP - already) * 100) / 100) };
    },

    /** Inside the dispute decision's transaction: gives back the hours of a record that was struck. */
    async release(craftsmanId: string, day: string, hours: number): Promise<void> {
      await days.updateOne({ _id: dayId(craftsmanId, day), centihours: { $gte: toCentihours(hours) } }, { $inc: { centihours: -toCentihours(hours) } });
    },
  };
}

export type DailyHoursLedger = ReturnType<typeof dailyHoursLedger>;
