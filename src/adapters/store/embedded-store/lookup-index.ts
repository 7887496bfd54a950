import type { Doc, Filter } from '../../../ports/store.js';

type Key = string;

export const isPrimitive = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function pathValue(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Most keys one plan may look up (an `$in` on each field of a compound index multiplies). */
const MAX_PLAN_KEYS = 1_000;

/**
 * Equality look-up on one field or a tuple of fields (a declared compound index), like a MongoDB
 * index used for equality and `$in`: an array value is indexed per element, and for a compound index
 * per combination. As in MongoDB, the index remembers whether it ever saw an array (`multikey`):
 * only then can one document sit under several keys, so only then must a count de-duplicate.
 */
export class LookupIndex {
  private readonly entries = new Map<Key, Set<string>>();
  multikey = false;

  constructor(readonly fields: string[]) {}

  add(doc: Doc): void {
    for (const key of this.keysOf(doc)) {
      let ids = this.entries.get(key);
      if (!ids) this.entries.set(key, (ids = new Set()));
      ids.add(doc._id);
    }
  }

  delete(doc: Doc): void {
    for (const key of this.keysOf(doc)) {
      const ids = this.entries.get(key);
      ids?.delete(doc._id);
      if (ids && ids.size === 0) this.entries.delete(key);
    }
  }

  ids(key: Key): ReadonlySet<string> | undefined {
    return this.entries.get(key);
  }

  /** The keys `doc` is filed under: none when a field holds something other than primitives. */
  private keysOf(doc: Doc): Key[] {
    let tuples: unknown[][] = [[]];
    for (const field of this.fields) {
      const value = pathValue(doc, field) ?? null;
      let values: unknown[];
      if (Array.isArray(value)) {
        this.multikey = true;
        values = value.filter(isPrimitive);
      } else values = isPrimitive(value) ? [value] : [];
      if (values.length === 0) return [];
      tuples = values.length === 1 ? tuples.map((t) => [...t, values[0]]) : tuples.flatMap((t) => values.map((v) => [...t, v]));
    }
    return tuples.map(tupleKey);
  }
}

const tupleKey = (values: unknown[]): Key => JSON.stringify(values);

/** The values a condition asks a field to equal (`v` or `{ $in: [...] }` of primitives), or null. */
function equalityValues(condition: unknown): unknown[] | null {
  if (isPrimitive(condition)) return [condition];
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const $in = (condition as { $in?: unknown }).$in;
  if (Object.keys(condition).length === 1 && Array.isArray($in) && $in.every(isPrimitive)) return $in;
  return null;
}

export interface LookupPlan {
  index: LookupIndex;
  keys: Key[];
  /** How many entries the keys hold (documents, when the index is not multikey). */
  cost: number;
  /** The filter says nothing the index does not answer: a count is the sum of the entries. */
  covered: boolean;
}

/**
 * The cheapest index whose every field the filter pins by equality or `$in` (conditions inside a
 * top-level `$and` count too), or null when none applies.
 */
export function planLookup(indexes: readonly LookupIndex[], filter: Filter): LookupPlan | null {
  const plain = !Object.keys(filter).some((key) => key.startsWith('$'));
  const conditions = new Map<string, unknown>();
  for (const part of [filter, ...(Array.isArray(filter.$and) ? (filter.$and as Filter[]) : [])]) {
    for (const [key, value] of Object.entries(part)) if (!key.startsWith('$') && !conditions.has(key)) conditions.set(key, value);
  }
  let best: LookupPlan | null = null;
  for (const index of indexes) {
    let tuples: unknown[][] = [[]];
    let usable = true;
    for (const field of index.fields) {
      const values = conditions.has(field) ? equalityValues(conditions.get(field)) : null;
      if (!values) usable = false;
      else tuples = tuples.flatMap((t) => values.map((v) => [...t, v]));
      if (!usable || tuples.length > MAX_PLAN_KEYS) break;
    }
    // An empty `$in` leaves no tuple: a usable plan that matches nothing.
    if (!usable || tuples.length > MAX_PLAN_KEYS) continue;
    const keys = [...new Set(tuples.map(tupleKey))];
    let cost = 0;
    for (const key of keys) cost += index.ids(key)?.size ?? 0;
    const covered = plain && !index.multikey && [...conditions.keys()].every((field) => index.fields.includes(field));
    if (!best || cost < best.cost || (cost === best.cost && covered && !best.covered)) best = { index, keys, cost, covered };
  }
  return best;
}
