import type { Craftsman } from '../src/domain/craftsmen/craftsman.js';
import type { Enterprise } from '../src/domain/enterprises/enterprise.js';
import type { Order, OrderStatus, ServiceKind, ServiceRecord, TimelineEntry } from '../src/domain/orders/order.js';
import { orderTemplates, type OrderTemplate } from './demo-order-templates.js';
import { createRng, deriveSeed, type Rng } from './prng.js';
import { sectors, type SectorKey } from './sectors.js';
import { serviceLogWording, ratingComment, resolutionWording } from './service-wording.js';
import { generateEnterprises, randomInstant, syntheticId } from './synthetic.js';

const STATUS_MIX: readonly (readonly [OrderStatus, number])[] = [
  ['open', 25], ['closed', 35], ['in_progress', 10], ['offered', 8], ['resolved', 5], ['submitted', 8], ['rejected', 4], ['cancelled', 5],
];
const ASSIGNED: ReadonlySet<OrderStatus> = new Set(['offered', 'in_progress', 'resolved', 'closed']);
const sectorByIndustry = new Map<string, SectorKey>(sectors.map((s) => [s.industry, s.key]));
const allTemplates = Object.values(orderTemplates).flat();

const HOUR = 3_600_000;
const later = (iso: string, rng: Rng, minHours: number, maxHours: number) => new Date(Date.parse(iso) + rng.int(minHours, maxHours) * HOUR).toISOString();

/** Craftsmen by skill, so an order finds a fitting one without scanning 100,000 profiles. */
function skillIndex(craftsmen: readonly Craftsman[]): Map<string, Craftsman[]> {
  const index = new Map<string, Craftsman[]>();
  for (const c of craftsmen) {
    if (c.status !== 'active') continue;
    for (const s of c.skills) {
      const list = index.get(s.name);
      if (list) list.push(c);
      else index.set(s.name, [c]);
    }
  }
  return index;
}

function pickCraftsman(rng: Rng, index: Map<string, Craftsman[]>, skills: readonly string[], regionCode: string): Craftsman | null {
  const prefecture = regionCode.slice(0, 4);
  const lists = skills.map((s) => index.get(s)).filter((list): list is Craftsman[] => list !== undefined && list.length > 0);
  if (lists.length === 0) return null;
  let fallback: Craftsman | null = null;
  for (let attempt = 0; attempt < 12; attempt += 1) {
    const c = rng.pick(rng.pick(lists));
    if (c.regionCode.startsWith(prefecture)) return c;
    fallback ??= c;
  }
  return fallback;
}

function timeline(rng: Rng, status: OrderStatus, submittedAt: string, enterprise: Enterprise, craftsman: Craftsman | null) {
  const entries: TimelineEntry[] = [];
  const stamps: Partial<Record<'vetted' | 'offered' | 'accepted' | 'resolved' | 'closed', string>> = {};
  const add = (action: string, from: OrderStatus | null, to: OrderStatus, at: string, actor: 'enterprise' | 'union' | 'craftsman', reason?: string) => {
    const who =
      actor === 'enterprise' ? { actorId: enterprise._id, actorRole: 'enterprise', actorName: enterprise.name }
      : actor === 'craftsman' && craftsman ? { actorId: craftsman._id, actorRole: 'craftsman', actorName: craftsman.name }
      : { actorId: 'syn_staff', actorRole: 'union_staff', actorName: '工会工作人员' };
    entries.push({ at, action, from, to, ...who, ...(reason ? { reason } : {}), ...(craftsman && actor !== 'enterprise' && to !== 'open' ? { craftsmanId: craftsman._id } : {}) });
  };
  add('submit', null, 'submitted', submittedAt, 'enterprise');
  if (status === 'submitted') return { entries, stamps };
  if (status === 'rejected') {
    add('reject', 'submitted', 'rejected', later(submittedAt, rng, 2, 48), 'union', '需求描述不完整');
    return { entries, stamps };
  }
  stamps.vetted = later(submittedAt, rng, 1, 48);
  add('approve', 'submitted', 'open', stamps.vetted, 'union');
  if (status === 'cancelled') add('cancel', 'open', 'cancelled', later(stamps.vetted, rng, 24, 240), 'enterprise', '生产计划调整，暂不需要');
  if (!ASSIGNED.has(status) || !craftsman) return { entries, stamps };
  stamps.offered = later(stamps.vetted, rng, 1, 72);
  add('offer', 'open', 'offered', stamps.offered, 'union');
  if (status === 'offered') return { entries, stamps };
  stamps.accepted = later(stamps.offered, rng, 1, 24);
  add('accept', 'offered', 'in_progress', stamps.accepted, 'craftsman');
  if (status === 'in_progress') return { entries, stamps };
  stamps.resolved = later(stamps.accepted, rng, 24, 720);
  add('resolve', 'in_progress', 'resolved', stamps.resolved, 'craftsman');
  if (status === 'resolved') return { entries, stamps };
  stamps.closed = later(stamps.resolved, rng, 2, 120);
  add('confirm', 'resolved', 'closed', stamps.closed, 'enterprise');
  return { entries, stamps };
}

/**
 * `count` requests shaped like stored documents. With `craftsmen`, requests past open go to a
 * fitting active craftsman (same prefecture when one exists); without them they stay open.
 * Enterprises are generated from the same seed when not given.
 */
export function generateOrders(count: number, seed: number, craftsmen: readonly Craftsman[] = [], enterprises?: readonly Enterprise[]): Order[] {
  return Array.from(iterateOrders(count, seed, craftsmen, enterprises));
}

/** {@link generateOrders} one at a time, so a million requests never sit in memory together. */
export function* iterateOrders(count: number, seed: number, craftsmen: readonly Craftsman[] = [], enterprises?: readonly Enterprise[]): Generator<Order> {
  const rng = createRng(deriveSeed(seed, 'synthetic-orders'));
  const owners = enterprises && enterprises.length > 0 ? enterprises : generateEnterprises(Math.max(50, Math.ceil(count / 20)), seed);
  const index = skillIndex(craftsmen);
  for (let i = 0; i < count; i += 1) yield makeOrder(i);

  function makeOrder(i: number): Order {
    const enterprise = rng.pick(owners);
    const sectorKey = sectorByIndustry.get(enterprise.industry);
    const template: OrderTemplate = rng.pick(sectorKey ? orderTemplates[sectorKey] : allTemplates);
    let status = rng.weighted(STATUS_MIX);
    const craftsman = ASSIGNED.has(status) ? pickCraftsman(rng, index, template.requiredSkills, enterprise.regionCode) : null;
    if (ASSIGNED.has(status) && !craftsman) status = 'open';
    const submittedAt = randomInstant(rng, Date.UTC(2025, 6, 1), Date.UTC(2026, 9, 1));
    const { entries, stamps } = timeline(rng, status, submittedAt, enterprise, craftsman);
    const rating = status === 'closed' ? rng.weighted([[5, 6], [4, 3], [3, 1], [2, 0.2]]) : null;
    const last = entries[entries.length - 1];
    return {
      _id: syntheticId('ord', i),
      enterpriseId: enterprise._id,
      enterpriseName: enterprise.name,
      title: template.title,
      description: template.description,
      category: template.category,
      requiredSkills: [...template.requiredSkills],
      regionCode: enterprise.regionCode,
      regionPath: [...enterprise.regionPath],
      urgency: template.urgency,
      preferredModes: [...template.preferredModes],
      expectedBy: null,
      autoDispatch: false,
      status,
      craftsmanId: status === 'offered' ? null : craftsman?._id ?? null,
      currentOfferId: status === 'offered' ? `syn_off_${String(i + 1).padStart(7, '0')}` : null,
      offeredCraftsmanIds: craftsman ? [craftsman._id] : [],
      excludedCraftsmanIds: [],
      dispatchFailures: 0,
      escalatedToOrgId: null,
      resolution: stamps.resolved ? resolutionWording(template.category, template.title) : null,
      rating,
      ratingComment: rating === null ? null : ratingComment(rng, Math.max(3, rating)),
      reopenCount: 0,
      timeline: entries,
      submittedAt,
      firstOfferedAt: stamps.offered ?? null,
      acceptedAt: stamps.accepted ?? null,
      resolvedAt: stamps.resolved ?? null,
      closedAt: stamps.closed ?? null,
      createdAt: submittedAt,
      updatedAt: last?.at ?? submittedAt,
    };
  }
}

function kindFor(rng: Rng, order: Order): ServiceKind {
  if (order.category === 'skills_training') return 'training';
  if (order.category === 'mentoring') return 'mentoring';
  return order.preferredModes.includes('remote') && rng.chance(0.35) ? 'remote' : 'visit';
}

/** One to three service records for every request in service, resolved or closed, dated after acceptance. */
export function generateServiceRecords(orders: readonly Order[], seed: number): ServiceRecord[] {
  return Array.from(iterateServiceRecords(orders, seed));
}

/**
 * {@link generateServiceRecords} one at a time over any sequence of requests. `maxPerOrder` (default 3)
 * raises how many visits a request in service gets (evenly 1 … max), for data sets of a given size.
 */
export function* iterateServiceRecords(orders: Iterable<Order>, seed: number, options: { maxPerOrder?: number } = {}): Generator<ServiceRecord> {
  const rng = createRng(deriveSeed(seed, 'synthetic-service-records'));
  const maxPerOrder = Math.max(1, Math.floor(options.maxPerOrder ?? 3));
  let made = 0;
  for (const order of orders) {
    if (!order.craftsmanId || !order.acceptedAt) continue;
    const until = Date.parse(order.resolvedAt ?? '2026-11-24T00:00:00Z');
    let at = Date.parse(order.acceptedAt);
    for (let n = rng.int(1, maxPerOrder); n > 0; n -= 1) {
      at = Math.min(until, at + rng.int(2, 240) * HOUR);
      const kind = kindFor(rng, order);
      const wording = serviceLogWording(rng, kind, order.requiredSkills[0] ?? order.title, order.title);
      const date = new Date(at).toISOString();
      yield {
        _id: syntheticId('svc', made),
        orderId: order._id,
        craftsmanId: order.craftsmanId,
        enterpriseId: order.enterpriseId,
        regionCode: order.regionCode,
        regionPath: [...order.regionPath],
        kind,
        date: date.slice(0, 10),
        hours: wording.hours,
        attendees: wording.attendees ?? 0,
        summary: wording.summary,
        createdAt: date,
      };
      made += 1;
    }
  }
}
