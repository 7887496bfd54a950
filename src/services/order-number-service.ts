import { prefectureOf } from '../domain/access/scope.js';
import { formatOrderNumber, orderNumberCounterId, prefectureShortName, type Counter } from '../domain/orders/order-number.js';
import type { Order } from '../domain/orders/order.js';
import type { Region } from '../domain/regions/region.js';
import { dayOf } from '../domain/stats/period.js';
import type { ServiceDeps } from './deps.js';

/** The `counters` document that says every stored order has its number. */
export const ORDER_NUMBER_BACKFILL_DONE = 'order-number-backfill-done';

/** Names a prefecture-level code carries for municipalities' districts ("市辖区"): the province names them instead. */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * Hands out 需求单编号 (see domain/orders/order-number.ts). The sequence lives in one counter
 * document per prefecture and year, incremented with `$inc` inside the caller's transaction: the
 * embedded store serialises transactions, and on MongoDB two transactions incrementing the same
 * counter conflict and the driver runs the loser again, so no number is handed out twice and none
 * is skipped by a rolled-back submission. A unique index on `orders.number` backs this up.
 */
export function orderNumberService(deps: Pick<ServiceDeps, 'store'>) {
  const counters = deps.store.collection<Counter>('counters');
  const regions = deps.store.collection<Region>('regions');
  const orders = deps.store.collection<Order>('orders');
  const shortNames = new Map<string, string>();

  async function shortNameOf(prefectureCode: string): Promise<string> {
    const known = shortNames.get(prefectureCode);
    if (known) return known;
    const region = await regions.findById(prefectureCode);
    let name = region?.name ?? prefectureCode;
    if (PLACEHOLDER_NAMES.has(name)) name = (await regions.findById(`${prefectureCode.slice(0, 2)}0000`))?.name ?? name;
    const short = prefectureShortName(name);
    shortNames.set(prefectureCode, short);
    return short;
  }

  /** The next number for an order located at `regionCode` and submitted at `submittedAt`. Call inside the submitting transaction. */
  async function next(order: Pick<Order, 'regionCode' | 'submittedAt'>): Promise<string> {
    const prefecture = prefectureOf(order.regionCode);
    const year = Number(dayOf(order.submittedAt).slice(0, 4));
    const counter = await counters.updateOne({ _id: orderNumberCounterId(prefecture, year) }, { $inc: { value: 1 } }, { upsert: true });
    if (!counter) throw new Error('order number counter: upsert returned nothing');
    return formatOrderNumber(await shortNameOf(prefecture), year, counter.value);
  }

  return {
    next,

    /**
     * Numbers the orders stored before numbers existed, oldest submission first, so each
     * prefecture-year sequence follows submission order. Runs at start-up; idempotent (an order
     * with a number is never renumbered). Returns how many it numbered.
     */
    async backfill(): Promise<number> {
      // Once done, every order is numbered in its own submitting transaction: later starts need not look
      // through all orders again. A store restored from before numbers existed has no marker.
      if (await counters.findById(ORDER_NUMBER_BACKFILL_DONE)) return 0;
      let numbered = 0;
      for (;;) {
        const batch = await orders.find({ number: { $exists: false } }, { sort: { submittedAt: 1, _id: 1 }, limit: 500, projection: { _id: 1, regionCode: 1, submittedAt: 1 } });
        if (batch.length === 0) {
          await counters.updateOne({ _id: ORDER_NUMBER_BACKFILL_DONE }, { $set: { value: 1 } }, { upsert: true });
          return numbered;
        }
        await deps.store.transaction(async () => {
          for (const order of batch) {
            const done = await orders.updateOne({ _id: order._id, number: { $exists: false } }, { $set: { number: await next(order) } });
            if (!done) throw new Error(`order ${order._id} was numbered while the backfill ran`);
          }
        });
        numbered += batch.length;
      }
    },
  };
}

export type OrderNumberService = ReturnType<typeof orderNumberService>;
