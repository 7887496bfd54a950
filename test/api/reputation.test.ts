import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/users/user.js';
import { ADMIN, bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise } from '../helpers/fixtures.js';
import { completeOrder, withReporting, type Reporting } from '../unit/stats/harness.js';

describe('craftsman reputation: points ledger, windowed rating, exit flag and review', () => {
  let t: TestEngine;
  let r: Reporting;
  let dyToken: string;
  let staff: Actor;
  let enterprise: Actor;

  beforeAll(async () => {
    t = await startTestEngine();
    r = await withReporting(t);
    dyToken = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    staff = await r.actorOf(dyToken);
    const e = await t.engine.services.enterprises.create(ADMIN, buildEnterprise());
    enterprise = await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: e._id }));
  });
  afterAll(() => t.engine.close());

  const newCraftsman = async () => {
    const c = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman({ capacity: 20 }));
    const token = await tokenFor(t, { role: 'craftsman', subjectId: c._id });
    return { id: c._id, token, actor: await r.actorOf(token) };
  };

  it('when a service is confirmed, then points are credited per visit, per hour, for the solved problem and for a high rating, once, each naming its order', async () => {
    const cra = await newCraftsman();
    const orderId = await completeOrder(t, { staff, enterprise, craftsman: cra.actor }, { records: [{ kind: 'visit', hours: 3 }, { kind: 'remote', hours: 1.5 }], rating: 5 });
    await r.settle();
    const ledger = await r.http().get(`/api/craftsmen/${cra.id}/points`).set(bearer(cra.token));
    expect(ledger.status).toBe(200);
    // Defaults: 10 per visit, 2 per hour, 20 per solved problem, 10 for a 5-star rating.
    expect(ledger.body.totalPoints).toBe(20 + 9 + 20 + 10);
    expect(ledger.body.items.map((e: { rule: string }) => e.rule).sort()).toEqual(['high_rating', 'hours', 'solved', 'visit']);
    expect(ledger.body.items.every((e: { orderId: string }) => e.orderId === orderId)).toBe(true);

    // The same event delivered again credits nothing more.
    const event = await t.engine.store.collection('outbox').findOne({ type: 'order.confirmed', aggregateId: orderId });
    await r.services.reputation.onOrderConfirmed(event as never);
    const again = await r.http().get(`/api/craftsmen/${cra.id}/points`).set(bearer(cra.token));
    expect(again.body.totalPoints).toBe(59);
    expect(again.body.total).toBe(4);

    const other = await newCraftsman();
    expect((await r.http().get(`/api/craftsmen/${cra.id}/points`).set(bearer(other.token))).status).toBe(404);
    const fq = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522702' });
    expect((await r.http().get(`/api/craftsmen/${cra.id}/points`).set(bearer(fq))).status).toBe(404);
  });

  it('when the org configures a short rating window and strict points, then the rating and the points follow its rules', async () => {
    const put = await r.http().put('/api/orgs/org_522701/reputation-rules').set(bearer(dyToken)).send({
      points: { perVisit: 1, perHour: 0, perSolved: 5, highRatingBonus: 0, highRatingMin: 5 },
      rating: { window: 2, priorMean: 4, priorWeight: 0 },
    });
    expect(put.status).toBe(200);
    const rules = await r.http().get('/api/orgs/org_522701/reputation-rules').set(bearer(dyToken));
    expect(rules.body).toMatchObject({ source: 'reputation:org_522701', rules: { rating: { window: 2 }, exit: { complaintLimit: 3 } } });
    const cra = await newCraftsman();
    for (const rating of [1, 5, 4]) await completeOrder(t, { staff, enterprise, craftsman: cra.actor }, { rating });
    await r.settle();
    dyToken = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    const profile = await t.engine.store.collection('craftsmen').findById(cra.id);
    expect(profile?.rating).toBe(4.5);
    const ledger = await r.http().get(`/api/craftsmen/${cra.id}/points`).set(bearer(dyToken));
    expect(ledger.body.totalPoints).toBe(3 * (1 + 5));
    await r.http().put('/api/orgs/org_522701/reputation-rules').set(bearer(dyToken)).send({});
  });

  it('when complaints accumulate, then the craftsman is flagged (not suspended), staff see the flag, and their decision is recorded with its reason', async () => {
    const cra = await newCraftsman();
    for (const rating of [2, 1, 2]) await completeOrder(t, { staff, enterprise, craftsman: cra.actor }, { rating });
    await r.settle();
    // Work moves the clock; tokens are issued fresh after it.
    dyToken = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    const flags = await r.http().get('/api/craftsmen/flags').set(bearer(dyToken));
    expect(flags.status).toBe(200);
    const mine = flags.body.items.find((c: { _id: string }) => c._id === cra.id);
    expect(mine).toMatchObject({ status: 'active', reviewFlag: { complaints: 3 } });
    expect(mine.reviewFlag.reasons.map((x: { code: string }) => x.code)).toContain('COMPLAINTS');
    const flagged = await t.engine.store.collection('outbox').find({ type: 'craftsman.flagged', aggregateId: cra.id });
    expect(flagged).toHaveLength(1);

    const fq = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522702' });
    expect((await r.http().get('/api/craftsmen/flags').set(bearer(fq))).body.items.some((c: { _id: string }) => c._id === cra.id)).toBe(false);
    expect((await r.http().post(`/api/craftsmen/${cra.id}/review`).set(bearer(fq)).send({ decision: 'suspend', reason: '越权' })).status).toBe(404);
    expect((await r.http().post(`/api/craftsmen/${cra.id}/review`).set(bearer(dyToken)).send({ decision: 'suspend' })).status).toBe(400);

    const cleared = await r.http().post(`/api/craftsmen/${cra.id}/review`).set(bearer(dyToken)).send({ decision: 'clear', reason: '企业评价系沟通误会，已回访核实' });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ status: 'active', reviewFlag: null, reviews: [{ decision: 'clear', reason: '企业评价系沟通误会，已回访核实' }] });
    expect((await r.http().post(`/api/craftsmen/${cra.id}/review`).set(bearer(dyToken)).send({ decision: 'clear', reason: '再次' })).body.error.code).toBe('REVIEW_NOT_FLAGGED');

    // Complaints count again from the review: three more flag again, and this time staff suspend.
    for (const rating of [1, 1, 2]) await completeOrder(t, { staff, enterprise, craftsman: cra.actor }, { rating });
    await r.settle();
    dyToken = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522701' });
    const suspended = await r.http().post(`/api/craftsmen/${cra.id}/review`).set(bearer(dyToken)).send({ decision: 'suspend', reason: '多次差评，经核实服务不到位' });
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(suspended.body.reviews.map((x: { decision: string }) => x.decision)).toEqual(['clear', 'suspend']);
  });
});
