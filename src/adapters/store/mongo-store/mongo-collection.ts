import type { ClientSession, Model, PipelineStage, QueryFilter, UpdateQuery } from 'mongoose';
import type { Collection, Doc, Filter, FindOptions, Update, UpdateOptions } from '../../../ports/store.js';
import { requireStringId, requireUpsertId } from './ids.js';
import { translateError } from './translate-error.js';

/** What a collection needs from its store: the model, the running transaction's session, a way to start one. */
export interface CollectionContext {
  model(name: string): Model<Doc>;
  /** The session of the transaction this call runs in, if any. */
  session(): ClientSession | undefined;
  transaction<R>(fn: () => Promise<R>): Promise<R>;
}

/**
 * Documents are stored with JSON semantics, like the embedded store: `undefined` fields are left
 * out (the driver would store them as null) and Dates become ISO strings.
 */
const json = <V>(value: V): V => JSON.parse(JSON.stringify(value)) as V;

/** Query options without the unset ones, so the driver receives only what the caller asked for. */
const defined = <O extends object>(options: O): Partial<O> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<O>;

/**
 * One collection of the port over a mongoose model: each method is one mongoose call, read with
 * `.lean()` so results are plain objects with the `_id` string they were stored under. Every call
 * joins the running transaction (explicit `session`) and translates driver errors in one place.
 */
export function mongoCollection<T extends Doc>(name: string, ctx: CollectionContext): Collection<T> {
  const model = () => ctx.model(name);
  const session = () => {
    const current = ctx.session();
    return current ? { session: current } : {};
  };
  const run = async <R>(op: () => Promise<R>): Promise<R> => {
    try {
      return await op();
    } catch (error) {
      throw translateError(error, name, { insideTransaction: ctx.session() !== undefined });
    }
  };
  const filterOf = (filter: Filter) => filter as QueryFilter<Doc>;
  const updateOf = (update: Update) => update as UpdateQuery<Doc>;
  const insert = (docs: T[]) => run(async () => void (await model().insertMany(docs, { ordered: true, lean: true, ...session() })));

  return {
    name,
    async insertOne(doc) {
      requireStringId(name, doc);
      const stored = json(doc);
      await insert([stored]);
      return json(stored);
    },
    async insertMany(docs) {
      if (docs.length === 0) return;
      for (const doc of docs) requireStringId(name, doc);
      // An ordered insertMany keeps the documents before a failing one; only a transaction makes it all or none.
      const stored = docs.map(json);
      if (stored.length === 1 || ctx.session()) return insert(stored);
      return ctx.transaction(() => insert(stored));
    },
    findById: (id) => run(async () => (await model().findOne({ _id: id }, null, session()).lean<T>().exec()) ?? null),
    findOne: (filter, options: FindOptions = {}) =>
      run(async () => {
        const { sort, skip, projection } = options;
        return (await model().findOne(filterOf(filter), projection ?? null, defined({ sort, skip, ...session() })).lean<T>().exec()) ?? null;
      }),
    find: (filter, options: FindOptions = {}) =>
      run(() => {
        const { sort, skip, limit, projection } = options;
        return model().find(filterOf(filter), projection ?? null, defined({ sort, skip, limit, ...session() })).lean<T[]>().exec();
      }),
    count: (filter) => run(() => model().countDocuments(filterOf(filter), session()).exec()),
    async updateOne(filter, update, options: UpdateOptions = {}) {
      if (options.upsert) requireUpsertId(name, filter, update);
      return run(async () => {
        const query = model().findOneAndUpdate(
          filterOf(filter),
          updateOf(update),
          defined({ returnDocument: 'after' as const, upsert: options.upsert ?? false, sort: options.sort, ...session() }),
        );
        return (await query.lean<T>().exec()) ?? null;
      });
    },
    updateMany: (filter, update) => run(async () => (await model().updateMany(filterOf(filter), updateOf(update), session()).exec()).matchedCount),
    async replaceOne(doc) {
      requireStringId(name, doc);
      return run(async () => (await model().replaceOne({ _id: doc._id }, json(doc), session()).exec()).matchedCount > 0);
    },
    deleteOne: (filter) => run(async () => (await model().deleteOne(filterOf(filter), session()).exec()).deletedCount > 0),
    deleteMany: (filter) => run(async () => (await model().deleteMany(filterOf(filter), session()).exec()).deletedCount),
    aggregate: <R>(pipeline: Record<string, unknown>[]) => run(() => model().aggregate<R>(pipeline as unknown as PipelineStage[], session()).exec()),
  };
}
