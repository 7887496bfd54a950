/**
 * npm run bench:stats [-- --orders 100000 --records 300000 --runs 30]
 *
 * A prefecture report (黔南州, 12 counties) on the embedded store over generated data: the stats
 * call reading rollups (built by the same contribution logic the stats consumer applies per event)
 * against a naive load-every-document-and-count in the same run.
 */
import os from 'node:os';
import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import { ensureReferenceData } from '../../src/bootstrap/reference-data.js';
import type { Craftsman } from '../../src/domain/craftsmen/craftsman.js';
import { orderCategories, serviceKinds, type Offer, type Order, type OrderStatus, type ServiceRecord } from '../../src/domain/orders/order.js';
import type { UnionOrg } from '../../src/domain/orgs/union-org.js';
import { regionPath } from '../../src/domain/regions/region.js';
import { bucketsOf, offerContribution, orderContribution, recordContribution } from '../../src/domain/stats/contributions.js';
import { childGrouper, foldGroups } from '../../src/domain/stats/grouping.js';
import { inRange } from '../../src/domain/stats/period.js';
import type { Actor } from '../../src/domain/users/user.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { referenceService } from '../../src/services/reference-service.js';
import { statsService } from '../../src/services/stats-service.js';
import { targetService } from '../../src/services/target-service.js';
import { rebuildRollups } from '../../src/workers/stats-consumer.js';
import { createRng } from '../../seeds/prng.js';
import { qiannanCounties } from '../../seeds/regions.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ORDERS = arg('orders', 100_000);
const RECORDS = arg('records', 300_000);
const RUNS = arg('runs', 30);
const START = Date.parse('2025-01-01T00:00:00+08:00');
const SPAN_MS = 540 * 86_400_000;

function generate() {
  const rng = createRng(20251125);
  const counties = qiannanCounties().map((r) => r.code);
  const craftsmen: Craftsman[] = Array.from({ length: 2_400 }, (_, i) => {
    const code = rng.pick(counties);
    return { _id: `cra_${i}`, name: `工匠${i}`, phone: '13800000000', regionCode: code, regionPath: regionPath(code), honors: [], skills: [], trades: [], industries: [], studio: null, serviceModes: ['onsite'], capacity: 3, bio: '', status: rng.chance(0.9) ? 'active' : 'paused', rating: null, ratingCount: 0, recentRatings: [], completedCount: 0, activeCount: 0, lastAssignedAt: null, createdAt: '2024-12-01T00:00:00Z', updatedAt: '2024-12-01T00:00:00Z' };
  });
  const byCounty = new Map(counties.map((c) => [c, craftsmen.filter((x) => x.regionCode === c)]));
  const iso = (ms: number) => new Date(ms).toISOString();
  const orders: Order[] = [];
  const offers: Offer[] = [];
  const records: ServiceRecord[] = [];
  const worked: Order[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const code = rng.chance(0.03) ? '522700' : rng.pick(counties);
    const enterpriseId = `ent_${code}_${rng.int(0, 400)}`;
    const submitted = START + Math.floor(rng.next() * SPAN_MS);
    const status = rng.weighted<OrderStatus>([['closed', 62], ['resolved', 6], ['in_progress', 10], ['offered', 4], ['open', 6], ['submitted', 3], ['rejected', 5], ['cancelled', 4]]);
    const dispatched = !['submitted', 'rejected', 'open', 'cancelled'].includes(status);
    const firstOffered = dispatched ? submitted + rng.int(5, 4 * 1440) * 60_000 : null;
    const accepted = firstOffered && status !== 'offered' ? firstOffered + rng.int(1, 2 * 1440) * 60_000 : null;
    const pool = byCounty.get(code) ?? craftsmen;
    const craftsmanId = accepted ? rng.pick(pool.length ? pool : craftsmen)._id : null;
    const closed = status === 'closed' && accepted ? accepted + rng.int(1, 30) * 86_400_000 : null;
    const order = {
      _id: `ord_${i}`, enterpriseId, enterpriseName: '企业', title: '需求', description: '', category: rng.pick(orderCategories), requiredSkills: [], regionCode: code, regionPath: regionPath(code), urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false, status, craftsmanId, currentOfferId: null, offeredCraftsmanIds: [], excludedCraftsmanIds: [], dispatchFailures: 0, escalatedToOrgId: rng.chance(0.01) ? 'org_522700' : null, resolution: null, rating: closed ? rng.weighted([[5, 55], [4, 30], [3, 10], [2, 3], [1, 2]]) : null, ratingComment: null, reopenCount: rng.chance(0.03) ? 1 : 0, timeline: [], submittedAt: iso(submitted), firstOfferedAt: firstOffered ? iso(firstOffered) : null, acceptedAt: accepted ? iso(accepted) : null, resolvedAt: closed ? iso(closed - 86_400_000) : null, closedAt: closed ? iso(closed) : null, createdAt: iso(submitted), updatedAt: iso(submitted),
    } as Order;
    orders.push(order);
    if (firstOffered) {
      if (rng.chance(0.15)) offers.push({ _id: `off_${i}_x`, orderId: order._id, craftsmanId: rng.pick(pool.length ? pool : craftsmen)._id, regionPath: order.regionPath, enterpriseId, status: 'expired', note: null, offeredBy: 'system', auto: true, expiresAt: iso(firstOffered + 86_400_000), createdAt: iso(firstOffered), respondedAt: iso(firstOffered + 86_400_000), declineReason: null });
      offers.push({ _id: `off_${i}`, orderId: order._id, craftsmanId: craftsmanId ?? pool[0]?._id ?? 'cra_0', regionPath: order.regionPath, enterpriseId, status: accepted ? 'accepted' : 'pending', note: null, offeredBy: 'usr', auto: false, expiresAt: iso(firstOffered + 2 * 86_400_000), createdAt: iso(firstOffered), respondedAt: accepted ? iso(accepted) : null, declineReason: null });
    }
    if (accepted) worked.push(order);
  }
  for (let i = 0; i < RECORDS; i += 1) {
    const order = rng.pick(worked);
    const kind = rng.pick(serviceKinds);
    const at = Date.parse(order.acceptedAt as string) + rng.int(0, 20) * 86_400_000;
    records.push({ _id: `svc_${i}`, orderId: order._id, craftsmanId: order.craftsmanId as string, enterpriseId: order.enterpriseId, regionCode: order.regionCode, regionPath: order.regionPath, kind, date: iso(at), hours: rng.int(1, 16) / 2, attendees: kind === 'training' ? rng.int(5, 80) : 0, summary: '', createdAt: iso(at) });
  }
  return { craftsmen, orders, offers, records };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * p) - 1)] as number;

const heapMb = () => `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB heap`;

/** Generates the data, loads it and builds the rollups; the generated arrays are dropped on return, so only the store holds the data. */
async function load(store: EmbeddedStore) {
  let t0 = process.hrtime.bigint();
  const data = generate();
  console.log(`generated ${data.orders.length} orders, ${data.offers.length} offers, ${data.records.length} service records in ${ms(t0).toFixed(0)} ms`);
  t0 = process.hrtime.bigint();
  const chunk = 10_000;
  for (const [name, docs] of [['craftsmen', data.craftsmen], ['orders', data.orders], ['offers', data.offers], ['serviceRecords', data.records]] as const) {
    for (let i = 0; i < docs.length; i += chunk) await store.collection(name).insertMany(docs.slice(i, i + chunk) as never[]);
  }
  console.log(`loaded into the embedded store in ${ms(t0).toFixed(0)} ms (${heapMb()})`);
  t0 = process.hrtime.bigint();
  const buckets = await rebuildRollups(store, data);
  const byGrain = await store.collection('rollups').aggregate<{ _id: string; n: number }>([{ $group: { _id: '$grain', n: { $sum: 1 } } }]);
  console.log(`rollups: ${buckets} buckets (${byGrain.map((g) => `${g.n} ${g._id}`).join(', ')}) built in ${ms(t0).toFixed(0)} ms (${heapMb()})`);
}

async function main() {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  await ensureReferenceData(store);
  await load(store);

  const deps = { store, clock: { now: () => new Date('2026-07-01T04:00:00Z') } } as unknown as ServiceDeps;
  const reference = referenceService(deps);
  const stats = statsService(deps, reference, targetService(deps, reference));
  const admin: Actor = { userId: 'bench', role: 'admin', displayName: 'bench' };
  const query = { from: '2025-01-01', to: '2025-12-31' };

  const fast: number[] = [];
  const fastCpu: number[] = [];
  let report: Awaited<ReturnType<typeof stats.report>> | null = null;
  for (let i = 0; i < RUNS + 3; i += 1) {
    const s = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    report = await stats.report(admin, 'org_522700', query);
    const used = process.cpuUsage(cpu);
    if (i >= 3) {
      fast.push(ms(s));
      fastCpu.push((used.user + used.system) / 1000);
    }
  }

  // Naive: load every order, offer and record of the prefecture and count them in the process.
  const org = (await store.collection<UnionOrg>('orgs').findById('org_522700')) as UnionOrg;
  const children = await store.collection<UnionOrg>('orgs').find({ parentId: org._id, level: { $ne: 'enterprise' } });
  const naive: number[] = [];
  let naiveTotal = 0;
  for (let i = 0; i < Math.max(3, Math.min(5, RUNS)); i += 1) {
    const s = process.hrtime.bigint();
    const [os, fs, rs, cs] = await Promise.all([
      store.collection<Order>('orders').find({ regionPath: '522700' }),
      store.collection<Offer>('offers').find({ regionPath: '522700' }),
      store.collection<ServiceRecord>('serviceRecords').find({ regionPath: '522700' }),
      store.collection<Craftsman>('craftsmen').find({ regionPath: '522700', status: 'active' }),
    ]);
    const all = [...bucketsOf([...os.map(orderContribution), ...fs.map(offerContribution), ...rs.map(recordContribution)]).values()].filter((b) => inRange(b.day, query));
    const child = childGrouper(org, children);
    const figures = foldGroups(all, cs, (item) => ['total', child(item)], ['total', 'own', ...children.map((c) => c._id)]);
    naiveTotal = figures.get('total')?.service.visits ?? -1;
    naive.push(ms(s));
  }
  const agree = naiveTotal === report?.total.service.visits;
  console.log(`\nprefecture report 黔南州 ${query.from}…${query.to}: ${report?.total.orders.total} orders, ${report?.total.service.visits} person-visits, ${report?.children.length} counties (naive count agrees: ${agree})`);
  console.log(`stats call (rollups)   p50 ${pct(fast, 0.5).toFixed(1)} ms   p95 ${pct(fast, 0.95).toFixed(1)} ms   (${fast.length} calls)`);
  console.log(`  (CPU time of the stats call p50 ${pct(fastCpu, 0.5).toFixed(1)} ms   p95 ${pct(fastCpu, 0.95).toFixed(1)} ms; load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores)`);
  console.log(`naive load-and-count   p50 ${pct(naive, 0.5).toFixed(1)} ms   p95 ${pct(naive, 0.95).toFixed(1)} ms   (${naive.length} calls)`);
  console.log(`ratio naive / rollups at p50: ${(pct(naive, 0.5) / pct(fast, 0.5)).toFixed(1)}×   target p95 < 1000 ms: ${pct(fast, 0.95) < 1000 ? 'met' : 'NOT met'}`);

  // Ranges that do not fall on whole years: months in the middle, days at the edges.
  for (const ragged of [{ from: '2025-02-10', to: '2025-11-20' }, { from: '2025-01-15', to: '2026-06-10' }]) {
    const times: number[] = [];
    for (let i = 0; i < Math.max(5, Math.min(10, RUNS)) + 2; i += 1) {
      const s = process.hrtime.bigint();
      await stats.report(admin, 'org_522700', ragged);
      if (i >= 2) times.push(ms(s));
    }
    console.log(`stats call ${ragged.from}…${ragged.to}   p50 ${pct(times, 0.5).toFixed(1)} ms   p95 ${pct(times, 0.95).toFixed(1)} ms   (${times.length} calls)`);
  }
  await store.close();
  if (!agree) process.exitCode = 1;
}

await main();
