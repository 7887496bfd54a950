/**
 * Highlights as both adapters return them: the field's text HTML-escaped (profiles are user input and
 * the console renders highlights as HTML), with matched words wrapped in `<em>…</em>`.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** What array fields are joined with in a highlight. */
export const HIGHLIGHT_JOINER = '、';

const isWordChar = (c: string | undefined) => c !== undefined && /[a-z0-9]/i.test(c);

/**
 * `text` with every occurrence of a needle marked (longest needle first, no overlaps), or null when
 * none occurs. Latin needles only match whole Latin words, so `zw` does not light up inside `zwick`.
 */
export function markText(text: string, needles: readonly string[]): string | null {
  const lower = text.toLowerCase();
  const sorted = [...new Set(needles.filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  const spans: Array<[number, number]> = [];
  for (const needle of sorted) {
    const latin = /^[a-z0-9]+$/.test(needle);
    for (let from = lower.indexOf(needle); from !== -1; from = lower.indexOf(needle, from + 1)) {
      const to = from + needle.length;
      if (latin && (isWordChar(lower[from - 1]) || isWordChar(lower[to]))) continue;
      if (spans.some(([s, e]) => from < e && to > s)) continue;
      spans.push([from, to]);
    }
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += `${escapeHtml(text.slice(at, start))}<em>${escapeHtml(text.slice(start, end))}</em>`;
    at = end;
  }
  return out + escapeHtml(text.slice(at));
}

/** Private-use characters asked of Meilisearch as highlight tags, so escaping cannot touch real tags. */
export const MEILI_PRE_TAG = '\uE000';
export const MEILI_POST_TAG = '\uE001';

/** A Meilisearch `_formatted` value (string or array) → our highlight string, or null without a match. */
export function highlightFromFormatted(value: unknown): string | null {
  const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(HIGHLIGHT_JOINER) : typeof value === 'string' ? value : null;
  if (text === null || !text.includes(MEILI_PRE_TAG)) return null;
  return escapeHtml(text).split(MEILI_PRE_TAG).join('<em>').split(MEILI_POST_TAG).join('</em>');
}
