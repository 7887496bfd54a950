import { UnavailableError } from '../errors.js';
import { craftsmanSearchScope, orderSearchScope, withScope } from '../domain/access/search-scope.js';
import type { SolvedCase } from '../domain/cases/solved-case.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import { isOrderNumber } from '../domain/orders/order-number.js';
import type { Order } from '../domain/orders/order.js';
import type { Actor } from '../domain/users/user.js';
import { craftsmanFacets, orderFacets, studioFacets, toCaseSearchDoc, toCraftsmanSearchDoc, toOrderSearchDoc, toStudioSearchDoc, type SearchFilter, type SearchPort, type SearchSort } from '../ports/search.js';
import { studioScope } from '../domain/access/scope.js';
import { regionPath } from '../domain/regions/region.js';
import { studioPeople, type Studio } from '../domain/studios/studio.js';
import type { StudioListQuery, StudioService } from './studio-service.js';
import type { CraftsmanListQuery, CraftsmanService } from './craftsman-service.js';
import type { ServiceDeps } from './deps.js';
import type { OrderListQuery, OrderService } from './order-service.js';
import { and } from './shared.js';

export interface CraftsmanSearchQuery extends CraftsmanListQuery {
  q?: string;
}

export interface OrderSearchQuery extends OrderListQuery {
  q?: string;
}

export interface StudioSearchQuery extends StudioListQuery {
  q?: string;
  skill?: string[];
}

/** The narrower of a scope's region and a requested one; null when they do not overlap, undefined when neither is set. */
function narrower(scope: string | undefined, asked: string | undefined): string | null | undefined {
  if (!scope || !asked) return asked ?? scope;
  if (regionPath(asked).includes(scope)) return asked;
  return regionPath(scope).includes(asked) ? scope : null;
}

/** A studio scope as search filter fields: the store scope's region or the craftsman's own studios. */
function studioSearchScope(actor: Actor): SearchFilter {
  const scope = studioScope(actor);
  if ('$or' in scope) return { craftsmanId: actor.craftsmanId ?? '-' };
  if ('regionPath' in scope) return { regionPath: scope.regionPath as string };
  if ('_id' in scope) return { ids: [] };
  return {};
}

/**
 * Full-text search over profiles and orders with the caller's scope inside the filter. When the
 * search backend is down the same request is answered from the store (no relevance, no facets) and
 * says `degraded: true`.
 */
export function searchService(deps: ServiceDeps & { search: SearchPort }, craftsmen: CraftsmanService, orders: OrderService, studios: StudioService) {
  const { search } = deps;
  const studioDocs = deps.store.collection<Studio>('studios');

  /** Studios with the names of their people, as search documents. */
  async function studioSearchDocs(list: Studio[]) {
    const ids = [...new Set(list.flatMap(studioPeople))];
    const names = new Map((await craftsmanDocs.find({ _id: { $in: ids } }, { projection: { name: 1 } })).map((c) => [c._id, c.name]));
    return list.map((s) => toStudioSearchDoc(s, names));
  }
  const enterprises = deps.store.collection<Enterprise>('enterprises');
  const craftsmanDocs = deps.store.collection<Craftsman>('craftsmen');
  const orderDocs = deps.store.collection<Order>('orders');
  const caseDocs = deps.store.collection<SolvedCase>('cases');

  /**
   * The order whose 需求单编号 is exactly the query, within the caller's scope and filters: said on
   * the phone and typed in, it must come first whatever the relevance ranking of either backend does
   * with `黔南-2026-0042`'s pieces.
   */
  async function exactNumberMatch(actor: Actor, query: OrderSearchQuery): Promise<Order | null> {
    const q = query.q?.trim();
    if (!q || !isOrderNumber(q)) return null;
    const { q: _q, page: _page, limit: _limit, ...filters } = query;
    return orderDocs.findOne(and({ number: q }, await orders.listFilter(actor, filters)));
  }

  /** Studios in pages of 500, each page's people looked up at once. */
  async function* studioPages() {
    let after = '';
    for (;;) {
      const page = await studioDocs.find(after ? { _id: { $gt: after } } : {}, { sort: { _id: 1 }, limit: 500 });
      yield* await studioSearchDocs(page);
      if (page.length < 500) return;
      after = page[page.length - 1]!._id;
    }
  }

  const isDown = (error: unknown) => error instanceof UnavailableError || (error instanceof Error && /ECONNREFUSED|fetch failed|timeout/i.test(error.message));

  return {
    async searchCraftsmen(actor: Actor, query: CraftsmanSearchQuery) {
      const enterpriseRegion = actor.enterpriseId ? (await enterprises.findById(actor.enterpriseId))?.regionCode : undefined;
      const filter: SearchFilter = withScope(
        { regionPath: query.regionCode, status: query.status, honorLevel: query.honorLevel, skill: query.skill, trade: query.trade, serviceMode: query.serviceMode },
        craftsmanSearchScope(actor, enterpriseRegion),
      );
      try {
        const result = await search.search('craftsmen', { q: query.q, filter: prune(filter), facets: [...craftsmanFacets], sort: (query.sort ?? 'relevance') as SearchSort, limit: query.limit, page: query.page });
        const ids = result.hits.map((h) => h.doc.id);
        const stored = new Map((await craftsmanDocs.find({ _id: { $in: ids } })).map((c) => [c._id, c]));
        const contacts = await craftsmen.contactsOf(actor);
        const hits = result.hits.flatMap((h) => {
          const doc = stored.get(h.doc.id);
          return doc ? [{ ...craftsmen.present(actor, doc, contacts), highlight: h.highlight }] : [];
        });
        return { hits, total: result.total, facets: result.facets, page: query.page, limit: query.limit, degraded: false };
      } catch (error) {
        if (!isDown(error)) throw error;
        const page = await craftsmen.list(actor, query);
        return { hits: page.items.map((c) => ({ ...c, highlight: {} })), total: page.total, facets: {}, page: page.page, limit: page.limit, degraded: true };
      }
    },

    async searchOrders(actor: Actor, query: OrderSearchQuery) {
      const me = actor.craftsmanId ? await craftsmanDocs.findById(actor.craftsmanId) : null;
      const filter: SearchFilter = withScope(
        { regionPath: query.regionCode, status: query.status, category: query.category, urgency: query.urgency, enterpriseId: query.enterpriseId, craftsmanId: query.craftsmanId, ownerId: query.ownerId, source: query.source, followUp: query.followUp },
        orderSearchScope(actor, me?.regionCode),
      );
      try {
        const exact = await exactNumberMatch(actor, query);
        const result = await search.search('orders', { q: query.q, filter: prune(filter), facets: [...orderFacets], sort: 'relevance', limit: query.limit, page: query.page });
        const ids = result.hits.map((h) => h.doc.id);
        const stored = new Map((await orders.listByIds(ids)).map((o) => [o._id, o]));
        const items = result.hits.flatMap((h) => {
          const doc = stored.get(h.doc.id);
          if (!doc || doc._id === exact?._id) return [];
          const { timeline: _timeline, ...summary } = orders.present(actor, doc);
          return [{ ...summary, highlight: h.highlight }];
        });
        let total = result.total;
        if (exact) {
          // Counted once: the full-text matches may hold it already (on this page or another).
          const alsoMatched = ids.includes(exact._id) || (await search.search('orders', { q: query.q, filter: prune({ ...filter, ids: [exact._id] }), limit: 1 })).total > 0;
          if (!alsoMatched) total += 1;
          const { timeline: _timeline, ...summary } = orders.present(actor, exact);
          if (query.page === 1) items.unshift({ ...summary, highlight: { number: `<em>${summary.number ?? ''}</em>` } });
        }
        return { items, total, facets: result.facets, page: query.page, limit: query.limit, degraded: false };
      } catch (error) {
        if (!isDown(error)) throw error;
        return { ...(await orders.list(actor, query)), facets: {}, degraded: true };
      }
    },

    /** 工作室检索: name, specialities (synonyms included) and people's names; filters by region, level, skill and member. */
    async searchStudios(actor: Actor, query: StudioSearchQuery) {
      const scope = studioSearchScope(actor);
      // A region asked for inside the staff's reach narrows it; one outside it (or another craftsman's studios) finds nothing.
      const region = narrower(scope.regionPath, query.regionCode);
      const member = scope.craftsmanId && query.craftsmanId && scope.craftsmanId !== query.craftsmanId ? null : (scope.craftsmanId ?? query.craftsmanId);
      const filter: SearchFilter = { regionPath: region ?? undefined, studioLevel: query.level, skill: query.skill, craftsmanId: member ?? undefined, ids: scope.ids ?? (region === null || member === null ? [] : undefined) };
      try {
        const result = await search.search('studios', { q: query.q, filter: prune(filter), facets: [...studioFacets], sort: 'relevance', limit: query.limit, page: query.page });
        const stored = new Map((await studioDocs.find({ _id: { $in: result.hits.map((h) => h.doc.id) } })).map((d) => [d._id, d]));
        const views = new Map((await studios.present([...stored.values()])).map((v) => [v._id, v]));
        const hits = result.hits.flatMap((h) => {
          const view = views.get(h.doc.id);
          return view ? [{ ...view, highlight: h.highlight }] : [];
        });
        return { hits, total: result.total, facets: result.facets, page: query.page, limit: query.limit, degraded: false };
      } catch (error) {
        if (!isDown(error)) throw error;
        const page = await studios.list(actor, query);
        return { hits: page.items.map((s) => ({ ...s, highlight: {} })), total: page.total, facets: {}, page: page.page, limit: page.limit, degraded: true };
      }
    },

    async syncStudio(id: string) {
      const doc = await studioDocs.findById(id);
      if (doc) await search.upsert('studios', await studioSearchDocs([doc]));
      else await search.remove('studios', [id]);
    },

    /** The studios a craftsman leads or belongs to (their documents carry its name). */
    async syncStudiosOf(craftsmanId: string) {
      const list = await studioDocs.find({ $or: [{ leadCraftsmanId: craftsmanId }, { memberIds: craftsmanId }] });
      if (list.length) await search.upsert('studios', await studioSearchDocs(list));
    },

    /** Brings one document in line with the store: upsert when it exists, remove when it is gone. */
    async syncCraftsman(id: string) {
      const doc = await craftsmanDocs.findById(id);
      if (doc) await search.upsert('craftsmen', [toCraftsmanSearchDoc(doc)]);
      else await search.remove('craftsmen', [id]);
    },

    async syncOrder(id: string) {
      const [doc] = await orders.listByIds([id]);
      if (doc) await search.upsert('orders', [toOrderSearchDoc(doc)]);
      else await search.remove('orders', [id]);
    },

    async syncCase(id: string) {
      const doc = await caseDocs.findById(id);
      if (doc) await search.upsert('cases', [toCaseSearchDoc(doc)]);
      else await search.remove('cases', [id]);
    },

    /** Rebuilds every index from the store and swaps them in; `onProgress` sees running counts. */
    async rebuildAll(onProgress?: (p: { index: string; indexed: number; total: number }) => void) {
      const craftsmanTotal = await craftsmanDocs.count({});
      const orderStore = deps.store.collection<Order>('orders');
      const orderTotal = await orderStore.count({});
      const c = await search.rebuild('craftsmen', batched(craftsmanDocs, toCraftsmanSearchDoc), (p) => onProgress?.({ ...p, total: craftsmanTotal }));
      const o = await search.rebuild('orders', batched(orderStore, toOrderSearchDoc), (p) => onProgress?.({ ...p, total: orderTotal }));
      const studioTotal = await studioDocs.count({});
      const st = await search.rebuild('studios', studioPages(), (p) => onProgress?.({ ...p, total: studioTotal }));
      const caseTotal = await caseDocs.count({});
      const k = await search.rebuild('cases', batched(caseDocs, toCaseSearchDoc), (p) => onProgress?.({ ...p, total: caseTotal }));
      return { craftsmen: c.indexed, orders: o.indexed, studios: st.indexed, cases: k.indexed };
    },
  };
}

/** Drops undefined fields so adapters see only what the caller asked for. */
function prune(filter: SearchFilter): SearchFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as SearchFilter;
}

/** Reads a collection in pages of 2,000 by `_id` so a rebuild never holds every document at once. */
async function* batched<T extends { _id: string }, D>(collection: { find(f: object, o: object): Promise<T[]> }, shape: (doc: T) => D): AsyncIterable<D> {
  let after = '';
  for (;;) {
    const page = await collection.find(after ? { _id: { $gt: after } } : {}, { sort: { _id: 1 }, limit: 2_000 });
    for (const doc of page) yield shape(doc);
    if (page.length < 2_000) return;
    after = page[page.length - 1]!._id;
  }
}

export type SearchService = ReturnType<typeof searchService>;
