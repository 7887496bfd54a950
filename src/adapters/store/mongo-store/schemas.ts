import { Schema, type IndexOptions } from 'mongoose';
import { indexesOf, type IndexSpec } from '../../../ports/collections.js';

export interface IndexDefinition {
  fields: Record<string, 1 | -1>;
  options: IndexOptions;
}

/**
 * The MongoDB index for one spec of ports/collections.ts. A `sparse` unique index becomes a
 * partial one (`{ field: { $exists: true } }` for every field) rather than Mongo's `sparse`,
 * because a sparse compound index still indexes documents that have only some of the fields.
 */
export function indexDefinition(spec: IndexSpec): IndexDefinition {
  const options: IndexOptions = {};
  if (spec.unique) options.unique = true;
  if (spec.sparse) {
    options.partialFilterExpression = Object.fromEntries(Object.keys(spec.fields).map((field) => [field, { $exists: true }]));
  }
  return { fields: { ...spec.fields }, options };
}

/**
 * The mongoose schema of a collection: no fields but a string `_id`, nothing stripped (`strict:
 * false`), no `__v`, no empty objects dropped, and the indexes of ports/collections.ts. Indexes
 * and collections are created by `MongoStore.connect()`, never as a side effect of compiling a
 * model (`autoIndex`/`autoCreate` off), so building a model does no I/O.
 */
export function schemaFor(name: string): Schema {
  const schema = new Schema(
    { _id: String },
    { strict: false, strictQuery: false, versionKey: false, minimize: false, collection: name, autoIndex: false, autoCreate: false, id: false },
  );
  for (const spec of indexesOf(name)) {
    const { fields, options } = indexDefinition(spec);
    schema.index(fields, options);
  }
  return schema;
}
