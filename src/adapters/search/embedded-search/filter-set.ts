import type { SearchFilter } from '../../../ports/search.js';
import type { InvertedIndex } from './inverted-index.js';
import { containsDocNo } from './postings.js';

/**
 * The live documents a structured filter lets through, as ascending document numbers, or null when
 * there is no filter (everything passes). Computed from filter postings before any text is scored,
 * so a county filter shrinks the work instead of being applied to a fetched top-k.
 */
export function filterSet(index: InvertedIndex, filter: SearchFilter): Int32Array | null {
  const clauses: Int32Array[] = [];
  for (const [key, raw] of Object.entries(filter) as Array<[keyof SearchFilter, unknown]>) {
    if (raw === undefined) continue;
    const attribute = index.schema.filters[key];
    if (!attribute) continue;
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    clauses.push(key === 'ids' ? docNosOfIds(index, values) : unionOf(values.map((v) => index.filter(attribute, v))));
  }
  if (clauses.length === 0) return null;
  clauses.sort((a, b) => a.length - b.length);
  const [smallest, ...others] = clauses;
  const out: number[] = [];
  for (const docNo of smallest!) {
    if (index.docs[docNo] === undefined) continue;
    if (others.every((clause) => containsDocNo(clause, docNo))) out.push(docNo);
  }
  return Int32Array.from(out);
}

/** Plain ascending document numbers in any of the (packed) postings. */
function unionOf(postings: Array<Int32Array | undefined>): Int32Array {
  const present = postings.filter((p): p is Int32Array => p !== undefined && p.length > 0);
  if (present.length === 1) return present[0]!.map((entry) => entry >>> 8);
  const all = new Set<number>();
  for (const posting of present) for (const entry of posting) all.add(entry >>> 8);
  return Int32Array.from(all).sort();
}

function docNosOfIds(index: InvertedIndex, ids: string[]): Int32Array {
  const docNos = ids.map((id) => index.docNoOf(id)).filter((n): n is number => n !== undefined);
  return Int32Array.from(new Set(docNos)).sort();
}
