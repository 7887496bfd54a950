import type { SearchFilter, SearchIndexName } from '../../../ports/search.js';
import { SCHEMAS } from '../shared/index-schema.js';

/**
 * A value as a Meilisearch filter string literal: always double-quoted, with backslashes and quotes
 * escaped, so user input (`" OR status = "suspended`) stays one value and cannot become syntax.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Matches no document: every document has an id. Meilisearch has no literal `false`. */
const NOTHING = 'id NOT EXISTS';

/**
 * The one place a SearchFilter becomes a Meilisearch filter expression. Fields AND together, the
 * values of one field form an `IN [...]` list, region scope is equality on the `regionPath` array.
 * Returns undefined when nothing is filtered. Keys the index does not filter on are left to
 * normaliseQuery, which rejects them before this runs.
 */
export function buildMeiliFilter(index: SearchIndexName, filter: SearchFilter): string | undefined {
  const schema = SCHEMAS[index];
  const clauses: string[] = [];
  for (const [key, raw] of Object.entries(filter) as Array<[keyof SearchFilter, unknown]>) {
    const attribute = schema.filters[key];
    if (raw === undefined || !attribute) continue;
    if (Array.isArray(raw)) {
      const values = raw.map(String);
      if (values.length === 0) return NOTHING;
      clauses.push(values.length === 1 ? `${attribute} = ${quoteFilterValue(values[0]!)}` : `${attribute} IN [${values.map(quoteFilterValue).join(', ')}]`);
    } else {
      clauses.push(`${attribute} = ${quoteFilterValue(String(raw))}`);
    }
  }
  return clauses.length > 0 ? clauses.join(' AND ') : undefined;
}
