import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';

/** Cases that move the clock get an engine each, so other tests' tokens never expire under them. */
describe('order lifecycle over time', () => {
  let t: TestEngine;
  let dyStaff: string;
  beforeEach(async () => {
    t = await startTestEngine();
    dyStaff = await staffToken(t, '522701');
  });
  afterEach(() => t.engine.close());

  it('reopen: within the window after resolution, then in progress again; after it, 409 REOPEN_WINDOW_PASSED', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const make = async () => {
      const { body } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder());
      await t.http().post(`/api/orders/${body._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
      await t.http().post(`/api/orders/${body._id}/claim`).set(bearer(cra.token));
      await t.http().post(`/api/orders/${body._id}/resolve`).set(bearer(cra.token)).send({ summary: '已处理' });
      return body._id as string;
    };
    const soon = await make();
    const reopened = await t.http().post(`/api/orders/${soon}/reopen`).set(bearer(ent.token)).send({ reason: '试运行后再次渗漏' });
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    const late = await make();
    await t.http().post(`/api/orders/${late}/confirm`).set(bearer(ent.token)).send({ rating: 4 });
    t.clock.advance(15 * 86_400_000);
    const freshToken = await tokenFor(t, { role: 'enterprise', subjectId: ent.enterprise._id });
    const tooLate = await t.http().post(`/api/orders/${late}/reopen`).set(bearer(freshToken)).send({ reason: '又坏了' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('REOPEN_WINDOW_PASSED');
  });

  it('when an offer has passed its deadline, then accepting it is 409 OFFER_EXPIRED', async () => {
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t);
    const { body: order } = await t.http().post('/api/orders').set(bearer(ent.token)).send(buildOrder({ urgency: 'critical' }));
    await t.http().post(`/api/orders/${order._id}/vet`).set(bearer(dyStaff)).send({ approve: true });
    const offer = await t.http().post(`/api/orders/${order._id}/offers`).set(bearer(dyStaff)).send({ craftsmanId: cra.craftsman._id });
    expect(new Date(offer.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(60 * 60_000);
    t.clock.advance(61 * 60_000);
    const late = await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(cra.token));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('OFFER_EXPIRED');
    const expired = await t.engine.services.dispatch.expire(offer.body._id);
    expect(expired).toMatchObject({ status: 'open', excludedCraftsmanIds: [cra.craftsman._id] });
  });
});
