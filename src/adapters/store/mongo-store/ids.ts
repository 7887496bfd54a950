import { invalid } from '../../../errors.js';
import type { Doc, Filter, Update } from '../../../ports/store.js';

/** Documents are stored under the caller's string `_id`; never let the server invent an ObjectId. */
export function requireStringId(collection: string, doc: Doc): void {
  if (typeof doc._id !== 'string' || doc._id === '') throw invalid('MISSING_ID', `${collection}: document needs a string _id`);
}

/**
 * The `_id` an upsert would insert under: the filter's `_id` equality, else `$setOnInsert._id` or
 * `$set._id`. Null means the server would generate an ObjectId, which the port does not allow.
 */
export function upsertId(filter: Filter, update: Update): string | null {
  for (const candidate of [filter._id, update.$setOnInsert?._id, update.$set?._id]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return null;
}

export function requireUpsertId(collection: string, filter: Filter, update: Update): void {
  if (upsertId(filter, update) === null) throw invalid('MISSING_ID', `${collection}: an upsert needs _id in its filter or $setOnInsert`);
}
