import { conflict, notFound, UnavailableError } from '../errors.js';
import { authorize } from '../domain/access/policy.js';
import { caseScope } from '../domain/access/scope.js';
import { keyWords, withoutContacts, type CasePublish, type SolvedCase } from '../domain/cases/solved-case.js';
import type { Craftsman } from '../domain/craftsmen/craftsman.js';
import type { Enterprise } from '../domain/enterprises/enterprise.js';
import type { OrderCategory } from '../domain/orders/order.js';
import type { PageQuery } from '../domain/shared/values.js';
import type { Actor } from '../domain/users/user.js';
import { caseFacets, type SearchFilter, type SearchPort } from '../ports/search.js';
import type { Filter } from '../ports/store.js';
import type { Segmenter } from '../ports/text.js';
import type { ServiceDeps } from './deps.js';
import type { CraftsmanService } from './craftsman-service.js';
import type { OrderService } from './order-service.js';
import { and, newEvent, nowIso, paginate, recordEvents } from './shared.js';

export interface CaseSearchQuery extends PageQuery {
  q?: string;
  category?: OrderCategory[];
  skill?: string[];
  excellent?: boolean;
}

/** What a case's public page (no login) shows: no consent details, no staff ids. */
export type PublicCase = Omit<SolvedCase, 'consent' | 'publishedBy' | 'orderId'>;

const isDown = (error: unknown) => error instanceof UnavailableError || (error instanceof Error && /ECONNREFUSED|fetch failed|timeout/i.test(error.message));

/**
 * 案例库: staff publish a closed order as a solved case with the enterprise's consent recorded, and
 * mark 优秀案例; everyone in scope searches the cases; similar cases are found for a text being
 * written and for an order being vetted, by full-text similarity in the same search engine.
 */
export function caseService(deps: ServiceDeps & { search: SearchPort; segment: Segmenter }, orders: OrderService, profiles: Pick<CraftsmanService, 'load'>) {
  const cases = deps.store.collection<SolvedCase>('cases');
  const craftsmen = deps.store.collection<Craftsman>('craftsmen');
  const enterprises = deps.store.collection<Enterprise>('enterprises');

  /** The region an enterprise, a craftsman or an enterprise union's staff belongs to, for `caseScope`. */
  async function homeRegion(actor: Actor): Promise<string | undefined> {
    const enterpriseId = actor.enterpriseId ?? actor.orgEnterpriseId;
    if (enterpriseId) return (await enterprises.findById(enterpriseId))?.regionCode;
    if (actor.craftsmanId) return (await craftsmen.findById(actor.craftsmanId))?.regionCode;
    return undefined;
  }

  async function scopeFilter(actor: Actor): Promise<Filter> {
    const scope = caseScope(actor, await homeRegion(actor));
    if (scope.ids) return { _id: { $in: scope.ids } };
    return scope.regionPath ? { regionPath: scope.regionPath } : {};
  }

  async function load(actor: Actor, id: string): Promise<SolvedCase> {
    const found = await cases.findOne(and({ _id: id }, await scopeFilter(actor)));
    if (!found) throw notFound('CASE_NOT_FOUND', '案例不存在');
    return found;
  }

  /** Searches cases in the caller's scope; `match: 'any'` for similarity. Falls back to the store (no text) when search is down. */
  async function searchInScope(actor: Actor, query: CaseSearchQuery & { match?: 'all' | 'any' }) {
    const scope = caseScope(actor, await homeRegion(actor));
    const filter: SearchFilter = { ...scope, category: query.category, skill: query.skill, status: query.excellent === undefined ? undefined : [query.excellent ? 'excellent' : 'published'] };
    const pruned = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as SearchFilter;
    try {
      const result = await deps.search.search('cases', { q: query.q, match: query.match, filter: pruned, facets: [...caseFacets], sort: 'relevance', limit: query.limit, page: query.page });
      const stored = new Map((await cases.find({ _id: { $in: result.hits.map((h) => h.doc.id) } })).map((c) => [c._id, c]));
      const items = result.hits.flatMap((h) => {
        const doc = stored.get(h.doc.id);
        return doc ? [{ ...doc, highlight: h.highlight }] : [];
      });
      return { items, total: result.total, facets: result.facets, page: query.page, limit: query.limit, degraded: false };
    } catch (error) {
      if (!isDown(error)) throw error;
      const filters: Filter[] = [await scopeFilter(actor)];
      if (query.category?.length) filters.push({ category: { $in: query.category } });
      if (query.excellent !== undefined) filters.push({ excellent: query.excellent });
      const page = await paginate(cases, and(...filters), query, { publishedAt: -1, _id: 1 });
      return { ...page, items: page.items.map((c) => ({ ...c, highlight: {} })), facets: {}, degraded: true };
    }
  }

  /** Cases like `text` (its key words, any of them), best first, with the craftsmen who solved them. */
  async function similarTo(actor: Actor, text: string, limit: number, excludeOrderId?: string) {
    const words = keyWords(deps.segment(text));
    if (words.length === 0) return { words, items: [] };
    const result = await searchInScope(actor, { q: words.join(' '), match: 'any', page: 1, limit: limit + 1 });
    const items = result.items.filter((c) => c.orderId !== excludeOrderId).slice(0, limit);
    return { words, items };
  }

  return {
    /** Publishes a closed order in reach as a case; the text defaults to the order's problem and resolution, contacts blotted out. */
    async publish(actor: Actor, orderId: string, input: CasePublish): Promise<SolvedCase> {
      authorize(actor, 'case.publish', '只有工会工作人员可以发布案例');
      const order = await orders.load(actor, orderId);
      if (order.status !== 'closed' || !order.craftsmanId) throw conflict('ORDER_NOT_CLOSED', '只有已完成（企业确认）的需求可以发布为案例');
      if (await cases.findOne({ orderId })) throw conflict('CASE_ALREADY_PUBLISHED', '该需求已发布为案例');
      const craftsman = await craftsmen.findById(order.craftsmanId);
      const now = nowIso(deps);
      const solved: SolvedCase = {
        _id: deps.ids.next('cas'),
        orderId,
        orderNumber: order.number ?? null,
        title: withoutContacts(input.title ?? order.title),
        problem: withoutContacts(input.problem ?? order.description),
        solution: withoutContacts(input.solution ?? order.resolution ?? ''),
        category: order.category,
        skills: [...order.requiredSkills],
        regionCode: order.regionCode,
        regionPath: [...order.regionPath],
        craftsman: { id: order.craftsmanId, name: craftsman?.name ?? '' },
        enterpriseName: input.consent.showEnterpriseName ? order.enterpriseName : null,
        consent: { recordedBy: actor.userId, recordedByName: actor.displayName, at: now, how: input.consent.how, nameShown: input.consent.showEnterpriseName },
        excellent: false,
        excellentAt: null,
        publishedBy: actor.userId,
        publishedAt: now,
        updatedAt: now,
      };
      await deps.store.transaction(async () => {
        await cases.insertOne(solved);
        await recordEvents(deps, [newEvent(deps, 'case.published', { type: 'case', id: solved._id }, { orderId, craftsmanId: solved.craftsman.id, regionCode: solved.regionCode }, actor)]);
      });
      return solved;
    },

    /** 优秀案例: staff in reach mark or unmark a case; marked cases get a public page. */
    async mark(actor: Actor, id: string, excellent: boolean): Promise<SolvedCase> {
      authorize(actor, 'case.mark', '只有工会工作人员可以评选优秀案例');
      const current = await load(actor, id);
      const at = nowIso(deps);
      return deps.store.transaction(async () => {
        const updated = await cases.updateOne({ _id: current._id }, { $set: { excellent, excellentAt: excellent ? at : null, updatedAt: at } });
        if (!updated) throw notFound('CASE_NOT_FOUND', '案例不存在');
        await recordEvents(deps, [newEvent(deps, 'case.updated', { type: 'case', id }, { excellent }, actor)]);
        return updated;
      });
    },

    async get(actor: Actor, id: string): Promise<SolvedCase> {
      authorize(actor, 'case.read');
      return load(actor, id);
    },

    /** An 优秀案例 as anyone may read it, without signing in; any other case answers 404. */
    async getPublic(id: string): Promise<PublicCase> {
      const found = await cases.findOne({ _id: id, excellent: true });
      if (!found) throw notFound('CASE_NOT_FOUND', '案例不存在');
      const { consent: _consent, publishedBy: _by, orderId: _order, ...shown } = found;
      return shown;
    },

    async search(actor: Actor, query: CaseSearchQuery) {
      authorize(actor, 'case.search');
      return searchInScope(actor, query);
    },

    /** Similar solved cases for a text being written (a new order). */
    async similar(actor: Actor, input: { text: string; limit: number }) {
      authorize(actor, 'case.similar');
      return similarTo(actor, input.text, input.limit);
    },

    /** Similar solved cases for an order in scope (staff vetting it, or its enterprise); its own case left out. */
    async similarForOrder(actor: Actor, orderId: string, limit: number) {
      authorize(actor, 'case.similar');
      const order = await orders.load(actor, orderId);
      return similarTo(actor, `${order.title} ${order.description}`, limit, order._id);
    },

    /** The cases a craftsman the caller may read solved, newest first, within the caller's case scope (its profile shows them). */
    async solvedBy(actor: Actor, craftsmanId: string, limit = 20) {
      authorize(actor, 'case.search');
      await profiles.load(actor, craftsmanId);
      const items = await cases.find(and({ 'craftsman.id': craftsmanId }, await scopeFilter(actor)), { sort: { publishedAt: -1, _id: 1 }, limit });
      return { items };
    },
  };
}

export type CaseService = ReturnType<typeof caseService>;
