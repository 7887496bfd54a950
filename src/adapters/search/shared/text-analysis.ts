import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';

/**
 * Text analysis both adapters share, so a query means the same on either: jieba segmentation
 * (the segmenter family Meilisearch uses for Chinese), NFKC + lower case, and pinyin keys for names.
 */
let jieba: Jieba | null = null;
/** Loading the dictionary takes ~0.3 s: done once per process, on first use. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

export const normaliseText = (text: string) => text.normalize('NFKC').toLowerCase();

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z0-9]+$/;
/** Function words and punctuation: they would only make every query word required without meaning anything. */
const QUERY_STOPWORDS = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '等', '有', '对', '把', '被', '之']);
const isJunk = (token: string) => token.trim() === '' || /^[\p{P}\p{S}\s]+$/u.test(token);

export const isLatinWord = (token: string) => LATIN_WORD.test(token);
export const hasHan = (text: string) => HAN.test(text);

/** Tokens to index for a piece of text: jieba search mode, so 数控机床 yields 数控, 机床 and 数控机床. */
export function indexTokens(text: string): string[] {
  if (!text) return [];
  return segmenter().cutForSearch(normaliseText(text), true).filter((t) => !isJunk(t));
}

/** Words of a query segment (jieba precise mode: whole words, which indexing also emits). */
export function queryWords(text: string): string[] {
  return segmenter().cut(normaliseText(text), true).filter((t) => !isJunk(t) && !QUERY_STOPWORDS.has(t));
}

/** How a name is typed in Latin letters: full pinyin, initials and each syllable (张伟 → zhangwei, zw, zhang, wei). */
export function pinyinKeys(name: string): string[] {
  let keys = pinyinCache.get(name);
  if (!keys) {
    keys = computePinyinKeys(name);
    // Names repeat a lot across a pool; the cache is bounded so a long-running process cannot grow it forever.
    if (pinyinCache.size >= 100_000) pinyinCache.clear();
    pinyinCache.set(name, keys);
  }
  return [...keys];
}
const pinyinCache = new Map<string, string[]>();

function computePinyinKeys(name: string): string[] {
  if (!hasHan(name)) return [];
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter((s) => s.length > 0);
  if (syllables.length === 0) return [];
  const keys = [syllables.join(''), syllables.map((s) => s[0]).join(''), ...syllables];
  return [...new Set(keys)];
}

/** One way to satisfy a query word: every token in `tokens` must occur in the document. */
export interface Alternative {
  tokens: string[];
  /** A spelling from the word's synonym group rather than the word itself. */
  synonym: boolean;
}

export interface QueryTerm {
  /** The word as typed, normalised. */
  text: string;
  /** Latin letters/digits only: eligible for typo tolerance and prefix matching against the vocabulary. */
  latin: boolean;
  /** The query's last word: it also matches as a prefix (type-ahead), like Meilisearch. */
  last: boolean;
  alternatives: Alternative[];
}

/**
 * Splits a query into required words. Skill spellings from the taxonomy are spotted first (longest
 * first) so that 维修电工 stays one word and brings its synonym group; the rest is cut by jieba.
 */
export function analyzeQuery(q: string, synonyms: ReadonlyMap<string, readonly string[]>, spellings: readonly string[]): QueryTerm[] {
  const text = normaliseText(q).trim();
  if (!text) return [];
  const terms: QueryTerm[] = [];
  const pushWords = (segment: string) => {
    for (const word of queryWords(segment)) terms.push(term(word, synonyms.get(word) ?? []));
  };
  let pending = '';
  for (let i = 0; i < text.length; ) {
    const spelling = spellings.find((s) => text.startsWith(s, i));
    if (!spelling) {
      pending += text[i];
      i += 1;
      continue;
    }
    pushWords(pending);
    pending = '';
    terms.push(term(spelling, synonyms.get(spelling) ?? []));
    i += spelling.length;
  }
  pushWords(pending);
  const last = terms.at(-1);
  if (last) last.last = true;
  return terms;
}

function term(word: string, synonymSpellings: readonly string[]): QueryTerm {
  const own = hasHan(word) ? queryWords(word) : [word];
  const alternatives: Alternative[] = [{ tokens: own.length > 0 ? own : [word], synonym: false }];
  for (const spelling of synonymSpellings) {
    const tokens = queryWords(spelling);
    if (tokens.length > 0) alternatives.push({ tokens, synonym: true });
  }
  return { text: word, latin: isLatinWord(word), last: false, alternatives };
}

/**
 * Optimal-string-alignment distance (an adjacent swap is one edit, as in Meilisearch), or
 * `max + 1` as soon as it must exceed `max`.
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Typos a Latin word may carry (Meilisearch defaults): none below 5 letters, one from 5, two from 9. */
export const typoBudget = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);
