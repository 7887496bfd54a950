import type { SearchHit, SearchIndexName } from '../../../ports/search.js';
import { escapeHtml, highlightFromFormatted } from '../shared/highlight.js';
import { fromIndexedDoc, SCHEMAS } from '../shared/index-schema.js';

export interface MeiliResponseLike {
  hits: Array<Record<string, unknown>>;
  totalHits?: number;
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/** A Meilisearch response → hits, total and facets in the port's terms (pure, unit-tested). */
export function fromMeiliResponse<D>(index: SearchIndexName, response: MeiliResponseLike, facets: string[]) {
  const schema = SCHEMAS[index];
  const hits: SearchHit<D>[] = response.hits.map((hit) => {
    const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
    const highlight: Record<string, string> = {};
    for (const field of schema.highlighted) {
      const marked = highlightFromFormatted(formatted[field]);
      if (marked) highlight[field] = marked;
    }
    // A name found through its pinyin keys lights up as a whole, as in the embedded adapter.
    if (!highlight.name && typeof hit.name === 'string' && highlightFromFormatted(formatted.namePinyin)) {
      highlight.name = `<em>${escapeHtml(hit.name)}</em>`;
    }
    return { doc: fromIndexedDoc<D>(hit), highlight };
  });
  const facetResult: Record<string, Record<string, number>> = {};
  for (const facet of facets) facetResult[facet] = { ...(response.facetDistribution?.[schema.facets[facet]!] ?? {}) };
  return { hits, total: response.totalHits ?? response.estimatedTotalHits ?? hits.length, facets: facetResult };
}
