import type { TestEngine } from '../helpers/engine.js';
import { bearer, unique } from '../helpers/engine.js';
import { buildOrder } from '../helpers/fixtures.js';
import type { OrderCreate } from '../../src/domain/orders/order.js';

/** A login for the union of one enterprise (企业工会): union staff whose reach is that enterprise only. */
export async function enterpriseUnionToken(t: TestEngine, enterpriseId: string): Promise<string> {
  const { accounts } = t.engine.services;
  const username = `eu.${unique()}`;
  await accounts.insertUser(await accounts.prepareUser({ username, password: 'password-123', role: 'union_staff', displayName: username, orgId: `org_ent_${enterpriseId}` }));
  return (await accounts.login(username, 'password-123')).token;
}

/** An order taken through submit, vet and offer to the craftsman's acceptance: it is in progress. */
export async function orderInProgress(t: TestEngine, who: { ent: string; staff: string; cra: string; craftsmanId: string }, overrides: Partial<OrderCreate> = {}): Promise<string> {
  const submitted = await t.http().post('/api/orders').set(bearer(who.ent)).send(buildOrder(overrides)).expect(201);
  const id = submitted.body._id as string;
  await t.http().post(`/api/orders/${id}/vet`).set(bearer(who.staff)).send({ approve: true }).expect(200);
  const offer = await t.http().post(`/api/orders/${id}/offers`).set(bearer(who.staff)).send({ craftsmanId: who.craftsmanId }).expect(201);
  await t.http().post(`/api/offers/${offer.body._id}/accept`).set(bearer(who.cra)).expect(200);
  return id;
}

/** Today's date in Beijing, as a craftsman would type it. */
export const beijingToday = (t: TestEngine) => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
