import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, settle, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

const DAY = 86_400_000;

describe('双向评价: both sides rate each other; the ratings are revealed together once both are in, or after 14 days', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  /** An order in `regionCode` resolved by its craftsman. */
  async function resolvedOrder(regionCode = '522722') {
    const ent = await enterpriseWithToken(t, { regionCode });
    const cra = await craftsmanWithToken(t, { regionCode, capacity: 20 });
    const staff = await staffToken(t, regionCode);
    const entered = await t.http().post('/api/orders/entries').set(bearer(staff)).send({ ...buildOrder(), source: 'staff_visit', enterpriseId: ent.enterprise._id });
    const id = entered.body._id as string;
    const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(staff)).send({ craftsmanId: cra.craftsman._id });
    await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    const rateTooEarly = await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(cra.token)).send({ rating: 4 });
    expect(rateTooEarly.status).toBe(409);
    expect(rateTooEarly.body.error.code).toBe('ORDER_NOT_RESOLVED');
    expect((await t.http().post(`/api/orders/${id}/resolve`).set(bearer(cra.token)).send({ summary: '已修复' })).status).toBe(200);
    return { ent, cra, staff, id };
  }

  it('when the enterprise rates first, then the craftsman cannot see its mark until it rates the enterprise; then both see both, and staff saw both all along', async () => {
    const { ent, cra, staff, id } = await resolvedOrder();
    const confirmed = await t.http().post(`/api/orders/${id}/confirm`).set(bearer(ent.token)).send({ rating: 2, comment: '沟通不畅' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ rating: 2, ratedBy: { enterprise: true, craftsman: false } });

    const blind = await t.http().get(`/api/orders/${id}`).set(bearer(cra.token));
    expect(blind.body).toMatchObject({ rating: null, ratingComment: null, ratedBy: { enterprise: true, craftsman: false } });
    expect(blind.body.ratingsRevealAt).toBe(new Date(Date.parse(confirmed.body.enterpriseRatedAt) + 14 * DAY).toISOString());
    const listed = await t.http().get(`/api/orders?craftsmanId=${cra.craftsman._id}`).set(bearer(cra.token));
    expect(listed.body.items.find((o: { _id: string }) => o._id === id)).toMatchObject({ rating: null });
    const searched = await t.http().get(`/api/orders?q=${encodeURIComponent('焊缝')}&limit=100`).set(bearer(cra.token));
    for (const o of searched.body.items as { _id: string; rating: number | null }[]) if (o._id === id) expect(o.rating).toBeNull();
    await settle(t);
    const inbox = await t.engine.store.collection<{ _id: string; orderId: string; body: string; eventType: string; [k: string]: unknown }>('notifications').find({ orderId: id, eventType: 'order.confirmed' });
    expect(inbox.some((n) => n.body.includes('沟通不畅'))).toBe(false);

    const rated = await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(cra.token)).send({ rating: 5, comment: '企业配合积极' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ rating: 2, ratingComment: '沟通不畅', craftsmanRating: { rating: 5, comment: '企业配合积极' }, ratedBy: { enterprise: true, craftsman: true } });
    const seenByEnterprise = await t.http().get(`/api/orders/${id}`).set(bearer(ent.token));
    expect(seenByEnterprise.body.craftsmanRating).toMatchObject({ rating: 5 });
    const twice = await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(cra.token)).send({ rating: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CRAFTSMAN_ALREADY_RATED');
    const staffView = await t.http().get(`/api/orders/${id}`).set(bearer(staff));
    expect(staffView.body).toMatchObject({ rating: 2, craftsmanRating: { rating: 5 } });
  });

  it('when only the craftsman rates, then the enterprise does not see it for 14 days, and sees it after', async () => {
    const { ent, cra, staff, id } = await resolvedOrder();
    const rated = await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(cra.token)).send({ rating: 3 });
    expect(rated.status).toBe(200);
    // The craftsman sees its own rating; the enterprise sees only that it was given.
    expect(rated.body.craftsmanRating).toMatchObject({ rating: 3 });
    const blind = await t.http().get(`/api/orders/${id}`).set(bearer(ent.token));
    expect(blind.body).toMatchObject({ craftsmanRating: null, ratedBy: { craftsman: true, enterprise: false } });
    expect((await t.http().get(`/api/orders/${id}`).set(bearer(staff))).body.craftsmanRating).toMatchObject({ rating: 3 });

    t.clock.advance(14 * DAY + 60_000);
    const fresh = await tokenFor(t, { role: 'enterprise', subjectId: ent.enterprise._id });
    expect((await t.http().get(`/api/orders/${id}`).set(bearer(fresh))).body.craftsmanRating).toMatchObject({ rating: 3 });
  });

  it('when someone other than the order’s craftsman rates the enterprise, then it is refused; a bad mark is a 400', async () => {
    const { ent, cra, id } = await resolvedOrder();
    const other = await craftsmanWithToken(t, { regionCode: '522722' });
    expect((await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(other.token)).send({ rating: 4 })).status).toBe(404);
    expect((await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(ent.token)).send({ rating: 4 })).status).toBe(403);
    const bad = await t.http().post(`/api/orders/${id}/craftsman-rating`).set(bearer(cra.token)).send({ rating: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when craftsmen rate enterprises, then statistics show the count and average of those ratings', async () => {
    const a = await resolvedOrder('522726');
    const b = await resolvedOrder('522726');
    await t.http().post(`/api/orders/${a.id}/craftsman-rating`).set(bearer(a.cra.token)).send({ rating: 5 });
    await t.http().post(`/api/orders/${b.id}/craftsman-rating`).set(bearer(b.cra.token)).send({ rating: 2 });
    await settle(t);
    const fresh = await staffToken(t, '522726');
    const stats = await t.http().get('/api/orgs/org_522726/stats?from=2026-01-01&to=2026-12-31').set(bearer(fresh));
    expect(stats.status).toBe(200);
    expect(stats.body.total.cooperation).toEqual({ average: 3.5, count: 2 });
  });
});
