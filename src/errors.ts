/** The one error type of the engine: a `kind` the HTTP layer maps to a status, a stable `code` clients can rely on. */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable' | 'too_large' | 'too_many';

export interface AppErrorOptions {
  kind: ErrorKind;
  /** Stable, English, upper snake case: `ORDER_NOT_OPEN`, `CAPACITY_FULL`. */
  code: string;
  /** What a person reads: zh-CN. */
  message: string;
  details?: unknown;
  cause?: unknown;
  /** When to try again (sent as Retry-After), e.g. for a throttled login. */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;

  constructor(options: AppErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = options.kind;
    this.code = options.code;
    this.details = options.details;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A unique index refused a write. `keys` names the index fields. */
export class DuplicateKeyError extends AppError {
  readonly collection: string;
  readonly keys: string[];

  constructor(collection: string, keys: string[], cause?: unknown) {
    super({ kind: 'conflict', code: 'DUPLICATE_KEY', message: `记录已存在（${collection}: ${keys.join(', ')} 重复）`, details: { collection, keys }, cause });
    this.name = 'DuplicateKeyError';
    this.collection = collection;
    this.keys = keys;
  }
}

/** A backend the engine depends on did not answer. */
export class UnavailableError extends AppError {
  constructor(what: string, cause?: unknown) {
    super({ kind: 'unavailable', code: 'SERVICE_UNAVAILABLE', message: `服务暂不可用：${what}`, cause });
    this.name = 'UnavailableError';
  }
}

export const notFound = (code: string, message: string, details?: unknown) => new AppError({ kind: 'not_found', code, message, details });
export const conflict = (code: string, message: string, details?: unknown) => new AppError({ kind: 'conflict', code, message, details });
export const invalid = (code: string, message: string, details?: unknown) => new AppError({ kind: 'invalid', code, message, details });
export const forbidden = (code: string, message: string, details?: unknown) => new AppError({ kind: 'forbidden', code, message, details });
export const unauthorized = (code: string, message: string, details?: unknown) => new AppError({ kind: 'unauthorized', code, message, details });
