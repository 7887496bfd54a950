import fc from 'fast-check';
import { Query } from 'mingo';
import { describe, expect, it } from 'vitest';
import { MemoryCollection, compileFilter } from '../../../src/adapters/store/embedded-store/memory-collection.js';
import { UNFINISHED_ORDER_STATES } from '../../../src/domain/orders/order-limits.js';
import { indexesOf } from '../../../src/ports/collections.js';
import type { Doc, Filter } from '../../../src/ports/store.js';

const orders = () => new MemoryCollection('orders', indexesOf('orders'));
const scan = (docs: Doc[], filter: Filter) => {
  const query = new Query(filter);
  return docs.filter((d) => query.test(d));
};
const scanCount = (docs: Doc[], filter: Filter) => scan(docs, filter).length;

describe('embedded store equality look-ups', () => {
  it("when the open-order limit counts an enterprise's unfinished orders, then the count is read from the { enterpriseId, status } index", () => {
    const coll = orders();
    for (let i = 0; i < 5_000; i += 1) coll.put({ _id: `o${i}`, enterpriseId: i % 10 ? 'ent_big' : 'ent_small', status: i % 3 ? 'submitted' : 'closed' } as Doc);
    const filter = { enterpriseId: 'ent_big', status: { $in: [...UNFINISHED_ORDER_STATES] } };
    expect(coll.explain(filter)).toEqual({ index: ['enterpriseId', 'status'], covered: true });
    expect(coll.count(filter)).toBe(scanCount([...coll.docs.values()], filter));
    // A condition the index does not hold is still tested on each candidate.
    expect(coll.explain({ ...filter, urgency: 'high' })).toEqual({ index: ['enterpriseId', 'status'], covered: false });
    // The prefix of a compound index serves a filter on its first field alone.
    expect(coll.explain({ enterpriseId: 'ent_small' })).toEqual({ index: ['enterpriseId'], covered: true });
    expect(coll.explain({ title: '数控' })).toEqual({ index: null, covered: false });
  });

  it('when documents and filters vary (arrays, null, missing, $in, $and), then count and find agree with a full scan', () => {
    const value = fc.constantFrom<unknown>('a', 'b', 'c', null, undefined, ['a', 'b'], ['c'], [], 1, '1');
    const doc = fc.record({ enterpriseId: value, status: value, urgency: fc.constantFrom('high', 'normal') });
    const condition = fc.oneof(fc.constantFrom<unknown>('a', 'b', 'c', null, 1, '1'), fc.subarray(['a', 'b', 'c', null, 1] as unknown[]).map(($in) => ({ $in })));
    const filter = fc.oneof(
      fc.record({ enterpriseId: condition, status: condition }),
      fc.record({ enterpriseId: condition }),
      fc.record({ status: condition, urgency: fc.constant('high') }),
      fc.tuple(condition, condition).map(([e, s]) => ({ $and: [{ enterpriseId: e }, { status: s }] })),
    );
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 40 }), filter, (raw, f) => {
        const coll = orders();
        const docs = raw.map((d, i) => JSON.parse(JSON.stringify({ _id: `o${i}`, ...d })) as Doc);
        for (const d of docs) coll.put(d);
        // Removing and re-adding keeps the indexes exact.
        for (const d of docs.slice(0, 5)) coll.remove(d._id);
        for (const d of docs.slice(0, 5)) coll.put(d);
        expect(coll.count(f as Filter)).toBe(scanCount(docs, f as Filter));
        expect(coll.match(f as Filter).map((d) => d._id).sort()).toEqual(scan(docs, f as Filter).map((d) => d._id).sort());
      }),
      { numRuns: 300 },
    );
  });

  it('when filters compare fields with primitives, $eq, $ne, $in and $nin, then the direct test agrees with mingo', () => {
    const value = fc.constantFrom<unknown>('pending', 'sent', 'notify', null, undefined, ['notify', 'stats'], ['stats'], [], [null], 1, '1', { a: 1 }, true);
    const operand = fc.constantFrom<unknown>('pending', 'notify', 'stats', null, 1, '1', true);
    const condition = fc.oneof(
      operand,
      operand.map(($eq) => ({ $eq })),
      operand.map(($ne) => ({ $ne })),
      fc.subarray(['pending', 'sent', 'notify', null, 1] as unknown[]).map(($in) => ({ $in })),
      fc.subarray(['pending', 'notify', 'stats', null, '1'] as unknown[]).map(($nin) => ({ $nin })),
      fc.tuple(operand, fc.subarray(['pending', 'notify', 'stats'] as unknown[])).map(([$ne, $in]) => ({ $ne, $in })),
    );
    const doc = fc.record({ status: value, acks: value, type: value }, { requiredKeys: [] });
    const filter = fc.record({ status: condition, acks: condition, type: condition }, { requiredKeys: [] });
    fc.assert(
      fc.property(doc, filter, (raw, f) => {
        const d = JSON.parse(JSON.stringify({ _id: 'e1', ...raw })) as Doc;
        expect(compileFilter(f as Filter)(d)).toBe(new Query(f as Filter).test(d));
      }),
      { numRuns: 3_000 },
    );
  });
});
