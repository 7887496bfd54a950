import { Query, find as mingoFind, update as mingoUpdate, aggregate as mingoAggregate } from 'mingo';
import { DuplicateKeyError, invalid } from '../../../errors.js';
import type { IndexSpec } from '../../../ports/collections.js';
import type { Doc, Filter, FindOptions, Update } from '../../../ports/store.js';
import { LookupIndex, isPrimitive, pathValue, planLookup } from './lookup-index.js';

type Key = string;

interface UniqueIndex {
  spec: IndexSpec;
  fields: string[];
  entries: Map<Key, string>;
}

const keyOf = (value: unknown): Key => JSON.stringify(value ?? null);

/** Compiled mingo queries by filter text: compiling copies mingo's operator tables, so reuse pays. */
const compiled = new Map<string, Query>();
const COMPILED_MAX = 2_000;

/** Whether a field's value equals `expected` by MongoDB's rules (an array holds it; null matches missing). */
function equals(actual: unknown, expected: unknown): boolean {
  if (expected === null && actual === undefined) return true;
  return actual === expected || (Array.isArray(actual) && actual.includes(expected));
}

const SIMPLE_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin']);

/** A test for one top-level field's condition when it is a primitive or `$eq/$ne/$in/$nin` of primitives; else null. */
function simpleCondition(condition: unknown): ((actual: unknown) => boolean) | null {
  if (isPrimitive(condition)) return (actual) => equals(actual, condition);
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const ops = Object.entries(condition as Record<string, unknown>);
  if (ops.length === 0) return null;
  const tests: ((actual: unknown) => boolean)[] = [];
  for (const [op, operand] of ops) {
    if (!SIMPLE_OPERATORS.has(op)) return null;
    if (op === '$eq' || op === '$ne') {
      if (!isPrimitive(operand)) return null;
      tests.push(op === '$eq' ? (actual) => equals(actual, operand) : (actual) => !equals(actual, operand));
    } else {
      if (!Array.isArray(operand) || !operand.every(isPrimitive)) return null;
      const values = operand as unknown[];
      tests.push(op === '$in' ? (actual) => values.some((v) => equals(actual, v)) : (actual) => !values.some((v) => equals(actual, v)));
    }
  }
  return tests.length === 1 ? (tests[0] as (actual: unknown) => boolean) : (actual) => tests.every((t) => t(actual));
}

/**
 * A predicate for `filter`. Top-level fields compared to primitives, directly or by `$eq`, `$ne`,
 * `$in` and `$nin` (the store's hot filters: scopes, states, the event pipeline's pending events) are
 * tested directly with MongoDB's rules; anything else goes through mingo, whose per-test allocations
 * dominated queries over many documents.
 */
export function compileFilter(filter: Filter): (doc: Doc) => boolean {
  const fields: Array<[string, (actual: unknown) => boolean]> = [];
  for (const [key, condition] of Object.entries(filter)) {
    const test = key.startsWith('$') || key.includes('.') ? null : simpleCondition(condition);
    if (!test) {
      fields.length = 0;
      break;
    }
    fields.push([key, test]);
  }
  if (fields.length > 0 || Object.keys(filter).length === 0) {
    return (doc) => fields.every(([key, test]) => test((doc as Record<string, unknown>)[key]));
  }
  const key = JSON.stringify(filter);
  let query = compiled.get(key);
  if (!query) {
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value as string);
    query = new Query(filter);
    compiled.set(key, query);
  }
  const q = query;
  return (doc) => q.test(doc);
}

/**
 * One collection's documents in memory with its unique and look-up indexes. Every method is
 * synchronous, which is what makes a conditional update atomic in a single-threaded process.
 * Stored documents are never handed out: callers get JSON copies.
 */
export class MemoryCollection {
  readonly docs = new Map<string, Doc>();
  private readonly unique: UniqueIndex[] = [];
  /** Equality look-ups: each declared index's first field, and its whole field tuple when compound. */
  private readonly lookups: LookupIndex[] = [];

  constructor(
    readonly name: string,
    indexes: IndexSpec[],
  ) {
    for (const spec of indexes) {
      const fields = Object.keys(spec.fields);
      if (spec.unique) this.unique.push({ spec, fields, entries: new Map() });
      for (const lookupFields of fields.length > 1 ? [fields.slice(0, 1), fields] : [fields]) {
        if (!this.lookups.some((l) => l.fields.join() === lookupFields.join())) this.lookups.push(new LookupIndex(lookupFields));
      }
    }
  }

  private uniqueKey(index: UniqueIndex, doc: Doc): Key | null {
    const values = index.fields.map((f) => pathValue(doc, f));
    if (index.spec.sparse && values.some((v) => v === undefined || v === null)) return null;
    return keyOf(values);
  }

  /** Throws DuplicateKeyError when `doc` would collide with another document on `_id` or a unique index. */
  checkUnique(doc: Doc, replacingId: string | null): void {
    if (replacingId === null && this.docs.has(doc._id)) throw new DuplicateKeyError(this.name, ['_id']);
    for (const index of this.unique) {
      const key = this.uniqueKey(index, doc);
      if (key === null) continue;
      const owner = index.entries.get(key);
      if (owner !== undefined && owner !== doc._id) throw new DuplicateKeyError(this.name, index.fields);
    }
  }

  /** Puts `doc` (already checked) in place of any previous version. */
  put(doc: Doc): void {
    const previous = this.docs.get(doc._id);
    if (previous) this.unindex(previous);
    this.docs.set(doc._id, doc);
    this.index(doc);
  }

  remove(id: string): Doc | undefined {
    const previous = this.docs.get(id);
    if (!previous) return undefined;
    this.unindex(previous);
    this.docs.delete(id);
    return previous;
  }

  private index(doc: Doc): void {
    for (const index of this.unique) {
      const key = this.uniqueKey(index, doc);
      if (key !== null) index.entries.set(key, doc._id);
    }
    for (const lookup of this.lookups) lookup.add(doc);
  }

  private unindex(doc: Doc): void {
    for (const index of this.unique) {
      const key = this.uniqueKey(index, doc);
      if (key !== null && index.entries.get(key) === doc._id) index.entries.delete(key);
    }
    for (const lookup of this.lookups) lookup.delete(doc);
  }

  /** The smallest candidate set an index can give for `filter`: all documents when none applies. */
  candidates(filter: Filter): Iterable<Doc> {
    const id = filter._id ?? (Array.isArray(filter.$and) ? (filter.$and as Filter[]).find((part) => part._id !== undefined)?._id : undefined);
    if (typeof id === 'string') {
      const doc = this.docs.get(id);
      return doc ? [doc] : [];
    }
    // `_id: { $in: [...] }` (batches read and acknowledged by id) is a look-up per id, not a scan.
    const ids = id && typeof id === 'object' && !Array.isArray(id) && Object.keys(id).length === 1 ? (id as { $in?: unknown }).$in : undefined;
    if (Array.isArray(ids) && ids.every((v) => typeof v === 'string')) {
      return [...new Set(ids as string[])].flatMap((docId) => this.docs.get(docId) ?? []);
    }
    const plan = planLookup(this.lookups, filter);
    if (!plan) return this.docs.values();
    const docs = this.docs;
    return (function* () {
      // A multikey index can file one document under several of the plan's keys.
      const seen = plan.index.multikey && plan.keys.length > 1 ? new Set<string>() : null;
      for (const key of plan.keys) {
        for (const docId of plan.index.ids(key) ?? []) {
          if (seen) {
            if (seen.has(docId)) continue;
            seen.add(docId);
          }
          const doc = docs.get(docId);
          if (doc) yield doc;
        }
      }
    })();
  }

  /**
   * How many documents match. Answered from the index alone when it covers the filter (every condition
   * is an equality or `$in` on the index's fields): the open-order limit is checked on every submit,
   * and counting an enterprise's orders must not cost one test per order it ever placed.
   */
  count(filter: Filter): number {
    if (Object.keys(filter).length === 0) return this.docs.size;
    const plan = filter._id === undefined ? planLookup(this.lookups, filter) : null;
    if (plan?.covered) return plan.cost;
    const test = compileFilter(filter);
    let n = 0;
    for (const doc of this.candidates(filter)) if (test(doc)) n += 1;
    return n;
  }

  /** Which index answers `filter` (for tests and diagnostics, like MongoDB's explain). */
  explain(filter: Filter): { index: string[] | null; covered: boolean } {
    const plan = planLookup(this.lookups, filter);
    return { index: plan?.index.fields ?? null, covered: plan?.covered ?? false };
  }

  /** Matches in order; stored objects, not copies. */
  match(filter: Filter, options: FindOptions = {}): Doc[] {
    const query = { test: compileFilter(filter) };
    const { sort, skip = 0, limit } = options;
    if (!sort) {
      const out: Doc[] = [];
      let skipped = 0;
      for (const doc of this.candidates(filter)) {
        if (!query.test(doc)) continue;
        if (skipped < skip) {
          skipped += 1;
          continue;
        }
        out.push(doc);
        if (limit !== undefined && limit > 0 && out.length >= limit) break;
      }
      return out;
    }
    const matched: Doc[] = [];
    for (const doc of this.candidates(filter)) if (query.test(doc)) matched.push(doc);
    let cursor = mingoFind(matched, {}).sort(sort);
    if (skip) cursor = cursor.skip(skip);
    if (limit) cursor = cursor.limit(limit);
    return cursor.all() as Doc[];
  }

  project(docs: Doc[], projection: FindOptions['projection']): Doc[] {
    if (!projection || Object.keys(projection).length === 0) return docs;
    return mingoFind(docs, {}, projection).all() as Doc[];
  }

  aggregate(pipeline: Record<string, unknown>[]): unknown[] {
    const first = pipeline[0] as { $match?: Filter } | undefined;
    const source = first?.$match ? this.match(first.$match) : [...this.docs.values()];
    return mingoAggregate(source, first?.$match ? pipeline.slice(1) : pipeline);
  }
}

/** Applies a Mongo update document to a copy of `doc`; `_id` cannot change. */
export function applyUpdate(doc: Doc, update: Update, inserting: boolean): Doc {
  const { $setOnInsert, ...modifiers } = update;
  const next = JSON.parse(JSON.stringify(doc)) as Doc;
  if (inserting && $setOnInsert) mingoUpdate(next, { $set: $setOnInsert });
  const used = Object.fromEntries(Object.entries(modifiers).filter(([, v]) => v && Object.keys(v).length > 0));
  if (Object.keys(used).length > 0 && !applyPlainUpdate(next, used)) mingoUpdate(next, used as Parameters<typeof mingoUpdate>[1]);
  if (next._id !== doc._id) throw invalid('IMMUTABLE_ID', '不能修改记录的 _id');
  return next;
}

const PLAIN_OPERATORS = new Set(['$set', '$inc', '$unset', '$addToSet']);

/**
 * Applies `$set`, `$inc`, `$unset` and `$addToSet` of a primitive directly, on fields reached through
 * plain objects; false (and `doc` untouched) for anything else, which goes through mingo. Mingo's
 * update builds a fresh operator context per call, which dominated batches of small updates
 * (acknowledgements, counters).
 */
function applyPlainUpdate(doc: Doc, update: Record<string, unknown>): boolean {
  const steps: (() => void)[] = [];
  for (const [op, fields] of Object.entries(update)) {
    if (!PLAIN_OPERATORS.has(op) || !fields || typeof fields !== 'object') return false;
    for (const [path, value] of Object.entries(fields as Record<string, unknown>)) {
      const parts = path.split('.');
      if (parts.some((part) => part === '' || part.startsWith('$') || /^\d+$/.test(part))) return false;
      // Every parent on the path must be a plain object or missing.
      let parent: unknown = doc;
      for (const part of parts.slice(0, -1)) {
        parent = parent === undefined ? undefined : (parent as Record<string, unknown>)[part];
        if (parent !== undefined && (parent === null || typeof parent !== 'object' || Array.isArray(parent))) return false;
      }
      const leaf = parts[parts.length - 1] as string;
      const current = parent === undefined ? undefined : (parent as Record<string, unknown>)[leaf];
      if (op === '$inc' && (typeof value !== 'number' || (current !== undefined && typeof current !== 'number'))) return false;
      if (op === '$addToSet' && (!isPrimitive(value) || (current !== undefined && !Array.isArray(current)))) return false;
      steps.push(() => {
        let target = doc as Record<string, unknown>;
        for (const part of parts.slice(0, -1)) {
          if (target[part] === undefined) {
            if (op === '$unset') return;
            target[part] = {};
          }
          target = target[part] as Record<string, unknown>;
        }
        if (op === '$set') target[leaf] = value === undefined ? value : (JSON.parse(JSON.stringify(value)) as unknown);
        else if (op === '$unset') delete target[leaf];
        else if (op === '$inc') target[leaf] = ((target[leaf] as number | undefined) ?? 0) + (value as number);
        else {
          const list = (target[leaf] as unknown[] | undefined) ?? (target[leaf] = []);
          if (!(list as unknown[]).includes(value)) (list as unknown[]).push(value);
        }
      });
    }
  }
  for (const step of steps) step();
  return true;
}

/** The document an upsert starts from: the filter's plain equality fields. */
export function seedFromFilter(filter: Filter): Doc {
  const seed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$') || key.includes('.')) continue;
    if (value !== null && typeof value === 'object' && Object.keys(value).some((k) => k.startsWith('$'))) continue;
    seed[key] = value;
  }
  return seed as Doc;
}
