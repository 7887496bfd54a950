/**
 * A posting list: ascending document numbers, each packed with a small weight as `docNo << 8 | weight`
 * in one Int32Array — at 100,000 profiles there are millions of postings, and typed arrays keep them
 * compact and fast to binary-search. Document numbers only grow (a changed document gets a new
 * number), so appending keeps the list sorted; removed numbers stay until the index is compacted.
 */
export class Posting {
  private entries = new Int32Array(4);
  length = 0;

  push(docNo: number, weight: number): void {
    if (this.length === this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length] = (docNo << 8) | Math.min(255, Math.max(0, Math.round(weight)));
    this.length += 1;
  }

  /** The live part of the list (a view, not a copy). */
  view(): Int32Array {
    return this.entries.subarray(0, this.length);
  }
}

export const docNoOf = (entry: number) => entry >>> 8;
export const weightOf = (entry: number) => entry & 255;
export const MAX_DOC_NO = 2 ** 23 - 1;

/** The weight `docNo` has in `entries`, or -1 when absent (binary search). */
export function findWeight(entries: Int32Array, docNo: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = entries[mid]! >>> 8;
    if (at === docNo) return entries[mid]! & 255;
    if (at < docNo) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whether a sorted array of plain document numbers contains `docNo`. */
export function containsDocNo(sorted: Int32Array, docNo: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === docNo) return true;
    if (at < docNo) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Entries present in every list (packed, the smallest weight kept): a multi-word alternative. */
export function intersectEntries(lists: Int32Array[]): Int32Array {
  const [first, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  if (!first) return new Int32Array(0);
  const out: number[] = [];
  for (const entry of first) {
    const docNo = entry >>> 8;
    let weight = entry & 255;
    let everywhere = true;
    for (const other of rest) {
      const w = findWeight(other, docNo);
      if (w < 0) {
        everywhere = false;
        break;
      }
      weight = Math.min(weight, w);
    }
    if (everywhere) out.push((docNo << 8) | weight);
  }
  return Int32Array.from(out);
}
