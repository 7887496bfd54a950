import { AppError, DuplicateKeyError, UnavailableError } from '../../../errors.js';
import { indexesOf } from '../../../ports/collections.js';

/** Driver and mongoose errors that mean "the server cannot be reached", not "the request was wrong". */
const UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoOperationTimeoutError',
]);

const DUPLICATE_KEY_CODES = new Set([11000, 11001]);

type ErrorLike = Record<string, unknown>;

const asRecord = (value: unknown): ErrorLike | null => (value !== null && typeof value === 'object' ? (value as ErrorLike) : null);

export interface TranslateOptions {
  /**
   * Inside `session.withTransaction()`: errors labelled `TransientTransactionError` must reach the
   * driver unchanged, because it retries the whole transaction on that label.
   */
  insideTransaction?: boolean;
}

/**
 * The one place where driver errors become the port's errors: a duplicate key (code 11000/11001,
 * alone or as the first write error of a bulk write) becomes `DuplicateKeyError`, an unreachable
 * server becomes `UnavailableError`; anything else (and any AppError) is returned unchanged.
 * `collection` is the name the caller used; the one in the server's message is the fallback.
 */
export function translateError(error: unknown, collection?: string, options: TranslateOptions = {}): unknown {
  if (error instanceof AppError) return error;
  const err = asRecord(error);
  if (!err) return error;
  if (options.insideTransaction && hasErrorLabel(err, 'TransientTransactionError')) return error;
  const duplicate = duplicateKeyOf(err);
  if (duplicate) {
    const name = collection ?? collectionFromMessage(duplicate.message) ?? 'unknown';
    return new DuplicateKeyError(name, duplicateKeyFields(duplicate, name), error);
  }
  if (typeof err.name === 'string' && UNAVAILABLE.has(err.name)) return new UnavailableError('MongoDB', error);
  return error;
}

interface DuplicateKeyDetail {
  keyPattern: ErrorLike | null;
  message: string;
}

/** The duplicate-key detail of a server error or of the first failing write of a bulk write. */
function duplicateKeyOf(err: ErrorLike): DuplicateKeyDetail | null {
  const candidates: ErrorLike[] = [err];
  if (Array.isArray(err.writeErrors)) {
    for (const writeError of err.writeErrors) {
      const we = asRecord(writeError);
      if (!we) continue;
      // The driver's WriteError keeps the server's entry under `err`; its getters read from there.
      candidates.push(asRecord(we.err) ?? we);
    }
  }
  const errorResponse = asRecord(err.errorResponse);
  if (errorResponse) candidates.push(errorResponse);
  const hit = candidates.find((c) => typeof c.code === 'number' && DUPLICATE_KEY_CODES.has(c.code)) ?? null;
  if (!hit) return null;
  const keyPattern = asRecord(hit.keyPattern) ?? asRecord(err.keyPattern);
  const message = [hit.errmsg, hit.message, err.errmsg, err.message].find((m): m is string => typeof m === 'string' && m.includes('E1100')) ?? '';
  return { keyPattern, message };
}

/**
 * The index fields that collided: from `keyPattern` when the server sent it (single writes), else
 * from the index name in the message (bulk write errors carry only `errmsg`), matched against the
 * collection's declared indexes so a field name with `_` in it is not split.
 */
function duplicateKeyFields(detail: DuplicateKeyDetail, collection: string): string[] {
  if (detail.keyPattern && Object.keys(detail.keyPattern).length > 0) return Object.keys(detail.keyPattern);
  const indexName = /index: (\S+)/.exec(detail.message)?.[1];
  if (!indexName) return [];
  if (indexName === '_id_') return ['_id'];
  for (const spec of indexesOf(collection)) {
    const fields = Object.entries(spec.fields);
    if (fields.map(([f, d]) => `${f}_${d}`).join('_') === indexName) return fields.map(([f]) => f);
  }
  return indexName.split(/_(?:-?1|2d|2dsphere|text|hashed)(?:_|$)/).filter((f) => f !== '');
}

/** `E11000 duplicate key error collection: jiangxin.users index: …` → `users`. */
function collectionFromMessage(message: string): string | null {
  const ns = /collection: (\S+)/.exec(message)?.[1];
  if (!ns) return null;
  const dot = ns.indexOf('.');
  return dot < 0 ? ns : ns.slice(dot + 1);
}

/** Whether a driver error carries `label` (driver errors expose `hasErrorLabel`; plain shapes `errorLabels`). */
export function hasErrorLabel(error: unknown, label: string): boolean {
  const err = asRecord(error);
  if (!err) return false;
  if (typeof err.hasErrorLabel === 'function') return Boolean((err.hasErrorLabel as (l: string) => unknown).call(err, label));
  return Array.isArray(err.errorLabels) && err.errorLabels.includes(label);
}
