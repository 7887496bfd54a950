import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/users/user.js';
import { ADDITIVE_PATHS, figureAt, type Figures } from '../../src/domain/stats/figures.js';
import { ADMIN, bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise } from '../helpers/fixtures.js';
import { completeOrder, withReporting, type Reporting } from '../unit/stats/harness.js';
import { rebuildOutdatedRollups, ROLLUP_FORMAT, ROLLUP_SOURCES, ROLLUPS } from '../../src/workers/stats-consumer.js';

describe('union statistics: scope, hierarchy, targets, time series', () => {
  let t: TestEngine;
  let r: Reporting;
  const people: Record<string, { staff: Actor; enterprise: Actor; craftsman: Actor; token: string }> = {};

  beforeAll(async () => {
    t = await startTestEngine();
    r = await withReporting(t);
    for (const code of ['522701', '522702']) {
      const token = await tokenFor(t, { role: 'union_staff', orgRegionCode: code });
      const e = await t.engine.services.enterprises.create(ADMIN, buildEnterprise({ regionCode: code }));
      const c = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman({ regionCode: code }));
      people[code] = {
        token,
        staff: await r.actorOf(token),
        enterprise: await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: e._id })),
        craftsman: await r.actorOf(await tokenFor(t, { role: 'craftsman', subjectId: c._id })),
      };
    }
    const dy = people['522701'] as (typeof people)[string];
    const fq = people['522702'] as (typeof people)[string];
    // Two records by one craftsman for one order on one day: one 人次.
    await completeOrder(t, dy, { records: [{ kind: 'visit', hours: 3 }, { kind: 'training', hours: 2, attendees: 25 }], rating: 5 });
    await completeOrder(t, dy, { records: [{ kind: 'remote', hours: 1.5 }], rating: 4 });
    await completeOrder(t, fq, { records: [{ kind: 'visit', hours: 4 }], rating: 3 });
    await r.settle();
  });
  afterAll(() => t.engine.close());

  it('when 都匀 staff ask for 福泉 statistics, then 404; their own and an ancestor asking for theirs, 200', async () => {
    const dy = people['522701'] as (typeof people)[string];
    const denied = await r.http().get('/api/orgs/org_522702/stats').set(bearer(dy.token));
    expect(denied.status).toBe(404);
    expect(denied.body.error.code).toBe('ORG_NOT_FOUND');
    expect((await r.http().get('/api/orgs/org_522701/stats').set(bearer(dy.token))).status).toBe(200);
    const prefecture = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' });
    expect((await r.http().get('/api/orgs/org_522702/stats').set(bearer(prefecture))).status).toBe(200);
    const enterpriseToken = await tokenFor(t, { role: 'enterprise', subjectId: dy.enterprise.enterpriseId });
    expect((await r.http().get('/api/orgs/org_522701/stats').set(bearer(enterpriseToken))).status).toBe(403);
  });

  it('when the province reads its report, then every count equals the sum of its prefectures plus its own, and the prefecture child equals the prefecture report', async () => {
    const admin = await tokenFor(t, { role: 'admin' });
    const province = (await r.http().get('/api/orgs/org_520000/stats?from=2026-01-01&to=2026-12-31').set(bearer(admin))).body as { total: Figures; own: Figures; children: (Figures & { org: { id: string } })[] };
    const prefecture = (await r.http().get('/api/orgs/org_522700/stats?from=2026-01-01&to=2026-12-31').set(bearer(admin))).body as { total: Figures; own: Figures; children: (Figures & { org: { id: string } })[] };
    for (const report of [province, prefecture]) {
      for (const path of ADDITIVE_PATHS) {
        const sum = report.children.reduce((a, c) => a + (figureAt(c, path) ?? 0), figureAt(report.own, path) ?? 0);
        expect(sum, path).toBe(figureAt(report.total, path));
      }
    }
    const qiannan = province.children.find((c) => c.org.id === 'org_522700') as Figures;
    for (const path of ADDITIVE_PATHS) expect(figureAt(qiannan, path), path).toBe(figureAt(prefecture.total, path));
    expect(prefecture.total).toMatchObject({ problemsSolved: 3, service: { visits: 3, hours: 10.5, trainingAttendees: 25 }, enterprisesServed: 2, satisfaction: { average: 4, count: 3 } });
    expect(prefecture.total.response.toFirstOffer).toMatchObject({ count: 3, medianMinutes: 30, p90Minutes: 30 });
    expect(prefecture.total.response.offerToAcceptance).toMatchObject({ count: 3, medianMinutes: 45 });
  });

  it('when targets are set for a year and a quarter, then each period reads back its own and the report shows progress, the pace needed, and the children’s targets beside the parent’s', async () => {
    const prefecture = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' });
    const dy = people['522701'] as (typeof people)[string];
    const put = (org: string, token: string, body: object) => r.http().put(`/api/orgs/${org}/targets`).set(bearer(token)).send(body);
    expect((await put('org_522700', prefecture, { period: '2026', metrics: { serviceVisits: 500, problemsSolved: 500, satisfaction: 4.5 } })).status).toBe(200);
    expect((await put('org_522700', prefecture, { period: '2026Q2', metrics: { serviceVisits: 120 } })).status).toBe(200);
    expect((await put('org_522701', prefecture, { period: '2026', metrics: { serviceVisits: 200 } })).status).toBe(200);
    expect((await put('org_522702', dy.token, { period: '2026', metrics: { serviceVisits: 1 } })).status).toBe(404);
    expect((await put('org_522700', dy.token, { period: '2026', metrics: { serviceVisits: 1 } })).status).toBe(404);
    const bad = await put('org_522701', dy.token, { period: '2026-13', metrics: { serviceVisits: 1 } });
    expect(bad.status).toBe(400);

    const year = await r.http().get('/api/orgs/org_522700/targets?period=2026').set(bearer(prefecture));
    expect(year.body.metrics).toEqual({ serviceVisits: 500, problemsSolved: 500, satisfaction: 4.5 });
    const quarter = await r.http().get('/api/orgs/org_522700/targets?period=2026Q2').set(bearer(prefecture));
    expect(quarter.body.metrics).toEqual({ serviceVisits: 120 });
    const month = await r.http().get('/api/orgs/org_522700/targets?period=2026-07').set(bearer(prefecture));
    expect(month.body.metrics).toEqual({});

    const report = (await r.http().get('/api/orgs/org_522700/stats?period=2026').set(bearer(prefecture))).body;
    const visits = report.total.targets.find((p: { metric: string }) => p.metric === 'serviceVisits');
    // 2026-06-01 is day 152 of 365: 213 days are left after today.
    expect(visits).toMatchObject({ value: 3, target: 500, percent: 0.6, remaining: 497, daysLeft: 213, childTargetSum: 200, onTrack: false });
    expect(visits.neededPerDay).toBeCloseTo(497 / 213, 2);
    expect(report.total.targets.find((p: { metric: string }) => p.metric === 'satisfaction')).toMatchObject({ value: 4, target: 4.5, onTrack: false });
    const dyChild = report.children.find((c: { org: { id: string } }) => c.org.id === 'org_522701');
    expect(dyChild.targets[0]).toMatchObject({ metric: 'serviceVisits', value: 2, target: 200 });
    expect(report.children.find((c: { org: { id: string } }) => c.org.id === 'org_522702').targets).toBeNull();
    const q2 = (await r.http().get('/api/orgs/org_522700/stats?period=2026Q2').set(bearer(prefecture))).body;
    expect(q2.total.targets).toEqual([expect.objectContaining({ metric: 'serviceVisits', value: 3, target: 120 })]);
  });

  it('when a time series is asked by month, then each month has its figure and the months add up to the year', async () => {
    const prefecture = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' });
    const res = await r.http().get('/api/orgs/org_522700/stats/timeseries?metric=serviceVisits&interval=month&from=2026-01-01&to=2026-12-31').set(bearer(prefecture));
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(12);
    expect(res.body.points.find((p: { period: string }) => p.period === '2026-06').value).toBe(3);
    expect(res.body.points.reduce((a: number, p: { value: number }) => a + p.value, 0)).toBe(3);
    const bad = await r.http().get('/api/orgs/org_522700/stats/timeseries?metric=nope').set(bearer(prefecture));
    expect(bad.status).toBe(400);
  });

  it('when the rollups were kept in an older layout, then a start-up rebuild gives the same report and a second one has nothing to do', async () => {
    const admin = await tokenFor(t, { role: 'admin' });
    const report = async () => (await r.http().get('/api/orgs/org_522700/stats?from=2026-01-01&to=2026-12-31').set(bearer(admin))).body as { total: Figures };
    const before = await report();
    const store = t.engine.store;
    expect(await rebuildOutdatedRollups(store)).toBe(0);
    // An engine upgraded from the previous layout: snapshots of format 2 and buckets missing the figures added since.
    await store.collection(ROLLUP_SOURCES).updateMany({}, { $set: { format: 2 } });
    await store.collection(ROLLUPS).deleteMany({});
    expect((await report()).total.problemsSolved).toBe(0);
    expect(await rebuildOutdatedRollups(store)).toBeGreaterThan(0);
    expect((await report()).total).toEqual(before.total);
    expect(await store.collection(ROLLUP_SOURCES).count({ format: { $ne: ROLLUP_FORMAT } })).toBe(0);
    expect(await rebuildOutdatedRollups(store)).toBe(0);
  });
});
