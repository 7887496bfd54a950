/** Time, so that the core never calls Date.now() and tests can move it. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** Ids for new documents, so that the core never calls a random source itself. */
export interface IdGenerator {
  /** A new unique id with a short type prefix: `ord_…`, `cra_…`. */
  next(prefix: string): string;
}
