/**
 * Profile words as integers. 100,000 profiles × ~100 distinct words each, kept as a `Set<string>`
 * per profile, made a heap of several hundred MB (a hash table and a string copy per word) whose
 * major collections showed up as ranking tail latency. A pool interns every word once in a
 * `TokenDictionary` and each profile keeps a sorted `Uint32Array` of word ids: 4 bytes a word.
 */
export class TokenDictionary {
  private readonly idByWord = new Map<string, number>();
  private readonly words: string[] = [];
  // Profiles' id arrays are views into shared chunks: one ArrayBuffer per few thousand profiles
  // instead of one each (every ArrayBuffer is an off-heap allocation the collector tracks).
  private chunk = new Uint32Array(0);
  private chunkUsed = 0;

  /** Distinct words interned so far; grows only (ids stay valid for the dictionary's life). */
  get size(): number {
    return this.words.length;
  }

  /** The word's id, −1 if no profile of this dictionary ever had it. */
  idOf(word: string): number {
    return this.idByWord.get(word) ?? -1;
  }

  wordOf(id: number): string | undefined {
    return this.words[id];
  }

  intern(word: string): number {
    let id = this.idByWord.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.idByWord.set(word, id);
    }
    return id;
  }

  /** Interns distinct words into a `TokenSet` of this dictionary. */
  setOf(words: Iterable<string>): TokenSet {
    const ids: number[] = [];
    for (const word of words) ids.push(this.intern(word));
    ids.sort((a, b) => a - b);
    let n = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[n++] = ids[i]!;
    ids.length = n;
    return new TokenSet(this, this.store(ids));
  }

  private store(ids: readonly number[]): Uint32Array {
    if (ids.length === 0) return EMPTY_IDS;
    if (this.chunkUsed + ids.length > this.chunk.length) {
      this.chunk = new Uint32Array(Math.max(CHUNK_WORDS, ids.length));
      this.chunkUsed = 0;
    }
    const view = this.chunk.subarray(this.chunkUsed, this.chunkUsed + ids.length);
    view.set(ids);
    this.chunkUsed += ids.length;
    return view;
  }
}

const CHUNK_WORDS = 64 * 1024;
const EMPTY_IDS = new Uint32Array(0);

/** A profile's distinct words: sorted ids in its pool's dictionary. Read-only once made. */
export class TokenSet {
  constructor(
    readonly dictionary: TokenDictionary,
    /** Ascending word ids, no repeats. */
    readonly ids: Uint32Array,
  ) {}

  get size(): number {
    return this.ids.length;
  }

  hasId(id: number): boolean {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid]!;
      if (v === id) return true;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  has(word: string): boolean {
    const id = this.dictionary.idOf(word);
    return id >= 0 && this.hasId(id);
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (const id of this.ids) yield this.dictionary.wordOf(id)!;
  }
}
