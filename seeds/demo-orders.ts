import type { OrderCategory, OrderCreate, OrderStatus, ServiceKind } from '../src/domain/orders/order.js';
import type { DemoCraftsman } from './demo-craftsmen.js';
import type { DemoEnterprise } from './demo-enterprises.js';
import { orderTemplates, type OrderTemplate } from './demo-order-templates.js';
import type { Rng } from './prng.js';
import { serviceLogWording, ratingComment, resolutionWording } from './service-wording.js';

export interface DemoServiceRecord {
  kind: ServiceKind;
  /** YYYY-MM-DD, within 2026 and before the demo's "today" (2026-11-25). */
  date: string;
  hours: number;
  attendees?: number;
  summary: string;
}

/** The state a request should reach when the runner replays it through the services, and what it takes. */
export type DemoOrderScript =
  | { state: 'submitted' }
  | { state: 'rejected'; reason: string }
  | { state: 'open' }
  | { state: 'offered'; craftsmanKey: string }
  | { state: 'in_progress'; craftsmanKey: string; serviceRecords: DemoServiceRecord[] }
  | { state: 'resolved'; craftsmanKey: string; serviceRecords: DemoServiceRecord[]; resolution: string }
  | { state: 'closed'; craftsmanKey: string; serviceRecords: DemoServiceRecord[]; resolution: string; rating: number; comment: string }
  | { state: 'cancelled'; reason: string };

export interface DemoOrder {
  key: string;
  enterpriseKey: string;
  input: OrderCreate;
  script: DemoOrderScript;
}

/** States that hold a place in the craftsman's capacity. */
export const CONCURRENT_STATES: ReadonlySet<OrderStatus> = new Set(['offered', 'in_progress', 'resolved']);

const STATE_MIX: readonly (readonly [OrderStatus, number])[] = [
  ['open', 20], ['closed', 16], ['in_progress', 8], ['offered', 6], ['resolved', 5], ['submitted', 4], ['rejected', 3], ['cancelled', 4],
];

const REJECT_REASONS = [
  '需求描述不完整，请补充设备型号和故障现象后重新提交',
  '该需求属于商业合同范畴，不在劳模工匠助企行服务范围内',
  '与本企业已受理的需求重复，请在原需求中补充说明',
];
const CANCEL_REASONS = ['企业已通过设备厂家售后解决', '生产计划调整，暂不需要', '项目延期至明年实施', '企业内部技术人员已自行解决'];

interface Draft {
  key: string;
  enterprise: DemoEnterprise;
  template: OrderTemplate;
  forced?: { state: OrderStatus; craftsmanKey?: string };
}

const DEMO_CRAFTSMAN = 'cra-001';

function drafts(enterprises: readonly DemoEnterprise[]): Draft[] {
  const nextTemplate = new Map<string, number>();
  const out: Draft[] = [];
  for (const enterprise of enterprises) {
    for (let i = 0; i < enterprise.orderCount; i += 1) {
      const templates = orderTemplates[enterprise.sector];
      const index = nextTemplate.get(enterprise.sector) ?? 0;
      nextTemplate.set(enterprise.sector, index + 1);
      const template = templates[index % templates.length];
      if (!template) throw new Error(`行业 ${enterprise.sector} 没有需求模板`);
      out.push({ key: `ord-${String(out.length + 1).padStart(3, '0')}`, enterprise, template });
    }
  }
  // The demo enterprise (ent-001) keeps three open requests the demo craftsman can claim, and the
  // demo craftsman has work in each stage.
  const demoEnterprise = out.filter((d) => d.enterprise.key === 'ent-001');
  const waterWorks = out.filter((d) => d.enterprise.key === 'ent-003');
  const force = (draft: Draft | undefined, state: OrderStatus, craftsmanKey?: string) => {
    if (draft) draft.forced = craftsmanKey ? { state, craftsmanKey } : { state };
  };
  force(demoEnterprise[0], 'open');
  force(demoEnterprise[1], 'open');
  force(demoEnterprise[2], 'open');
  force(demoEnterprise[3], 'in_progress', DEMO_CRAFTSMAN);
  force(waterWorks[0], 'closed', DEMO_CRAFTSMAN);
  force(waterWorks[1], 'offered', DEMO_CRAFTSMAN);
  return out;
}

function statePool(rng: Rng, total: number, forced: readonly OrderStatus[]): OrderStatus[] {
  const remaining = new Map(STATE_MIX);
  for (const state of forced) remaining.set(state, Math.max(0, (remaining.get(state) ?? 0) - 1));
  const pool: OrderStatus[] = [];
  for (const [state, count] of remaining) for (let i = 0; i < count; i += 1) pool.push(state);
  while (pool.length < total) pool.push(pool.length % 2 === 0 ? 'open' : 'closed');
  return rng.shuffle(pool);
}

const isoDay = (dayOfYear: number) => new Date(Date.UTC(2026, 0, dayOfYear)).toISOString().slice(0, 10);
const LAST_DAY_OF_YEAR_SO_FAR = 328; // 2026-11-24

function serviceRecords(rng: Rng, template: OrderTemplate, count: number, startDay: number): DemoServiceRecord[] {
  const records: DemoServiceRecord[] = [];
  let day = startDay;
  for (let i = 0; i < count; i += 1) {
    day = Math.min(LAST_DAY_OF_YEAR_SO_FAR, day + rng.int(2, 15));
    const kind = recordKind(rng, template.category, template.preferredModes.includes('remote'));
    const wording = serviceLogWording(rng, kind, template.requiredSkills[0] ?? template.title, template.title);
    records.push({ kind, date: isoDay(day), ...wording });
  }
  return records;
}

function recordKind(rng: Rng, category: OrderCategory, remoteAllowed: boolean): ServiceKind {
  if (category === 'skills_training') return 'training';
  if (category === 'mentoring') return 'mentoring';
  return remoteAllowed && rng.chance(0.35) ? 'remote' : 'visit';
}

/** Picks the best-fitting craftsman with room left: shared skills first, then same county, then the lightest load. */
function chooseCraftsman(rng: Rng, draft: Draft, craftsmen: readonly DemoCraftsman[], load: Map<string, number>): DemoCraftsman | null {
  const wanted = new Set(draft.template.requiredSkills);
  const region = draft.enterprise.input.regionCode;
  let best: { craftsman: DemoCraftsman; score: number } | null = null;
  for (const craftsman of craftsmen) {
    const { input } = craftsman;
    if (input.regionCode.slice(0, 4) !== region.slice(0, 4)) continue;
    if ((load.get(craftsman.key) ?? 0) >= input.capacity) continue;
    const shared = input.skills.filter((s) => wanted.has(s.name)).length;
    if (shared === 0) continue;
    const modes = draft.template.preferredModes.some((m) => input.serviceModes.includes(m)) ? 3 : 0;
    const score = shared * 10 + (input.regionCode === region ? 5 : 0) + modes - (load.get(craftsman.key) ?? 0) + rng.next();
    if (!best || score > best.score) best = { craftsman, score };
  }
  return best?.craftsman ?? null;
}

export function buildDemoOrders(rng: Rng, enterprises: readonly DemoEnterprise[], craftsmen: readonly DemoCraftsman[]): DemoOrder[] {
  const all = drafts(enterprises);
  const pool = statePool(rng, all.filter((d) => !d.forced).length, all.flatMap((d) => (d.forced ? [d.forced.state] : [])));
  const load = new Map<string, number>();
  const byKey = new Map(craftsmen.map((c) => [c.key, c]));
  // Forced drafts first so the demo craftsman's capacity goes to them.
  const ordered = [...all.filter((d) => d.forced), ...all.filter((d) => !d.forced)];
  const scripts = new Map<string, DemoOrderScript>();
  for (const draft of ordered) {
    const state = draft.forced?.state ?? pool.pop() ?? 'open';
    scripts.set(draft.key, scriptFor(rng, draft, state, () => {
      const chosen = draft.forced?.craftsmanKey ? byKey.get(draft.forced.craftsmanKey) ?? null : chooseCraftsman(rng, draft, craftsmen, load);
      if (chosen && CONCURRENT_STATES.has(state)) load.set(chosen.key, (load.get(chosen.key) ?? 0) + 1);
      return chosen;
    }));
  }
  return all.map((draft) => ({
    key: draft.key,
    enterpriseKey: draft.enterprise.key,
    input: orderInput(draft, scripts.get(draft.key)?.state ?? 'open'),
    script: scripts.get(draft.key) ?? { state: 'open' },
  }));
}

function orderInput(draft: Draft, state: OrderStatus): OrderCreate {
  const { template } = draft;
  const stillWaiting = state === 'open' || state === 'submitted' || state === 'offered';
  const urgent = template.urgency === 'high' || template.urgency === 'critical';
  return {
    title: template.title,
    description: template.description,
    category: template.category,
    requiredSkills: [...template.requiredSkills],
    regionCode: draft.enterprise.input.regionCode,
    urgency: template.urgency,
    preferredModes: [...template.preferredModes],
    expectedBy: stillWaiting && urgent ? '2026-12-20T18:00:00+08:00' : null,
    autoDispatch: false,
  };
}

function scriptFor(rng: Rng, draft: Draft, state: OrderStatus, assign: () => DemoCraftsman | null): DemoOrderScript {
  switch (state) {
    case 'submitted':
    case 'open':
      return { state };
    case 'rejected':
      return { state, reason: rng.pick(REJECT_REASONS) };
    case 'cancelled':
      return { state, reason: rng.pick(CANCEL_REASONS) };
    default: {
      const craftsman = assign();
      if (!craftsman) return { state: 'open' };
      const craftsmanKey = craftsman.key;
      if (state === 'offered') return { state, craftsmanKey };
      const finished = state === 'closed';
      const startDay = finished ? rng.int(5, 250) : rng.int(250, 300);
      const count = state === 'in_progress' ? rng.int(0, 2) : rng.int(1, 3);
      const records = serviceRecords(rng, draft.template, count, startDay);
      if (state === 'in_progress') return { state, craftsmanKey, serviceRecords: records };
      const resolution = resolutionWording(draft.template.category, draft.template.title);
      if (state === 'resolved') return { state, craftsmanKey, serviceRecords: records, resolution };
      const rating = rng.weighted([[5, 6], [4, 3], [3, 1]]);
      return { state: 'closed', craftsmanKey, serviceRecords: records, resolution, rating, comment: ratingComment(rng, rating) };
    }
  }
}
