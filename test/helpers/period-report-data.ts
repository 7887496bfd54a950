import type { Actor } from '../../src/domain/users/user.js';
import { ADMIN, tokenFor, type TestEngine } from './engine.js';
import { buildCraftsman, buildEnterprise, buildOrder } from './fixtures.js';
import { completeOrder, withReporting, type Reporting } from '../unit/stats/harness.js';

/**
 * A year of work in 黔南州 for the period report: completed orders in 都匀 (two) and 福泉 (one),
 * an order still waiting in 瓮安, and targets for 2026 — returns the prefecture staff token.
 */
export async function qiannanYear(t: TestEngine): Promise<{ r: Reporting; prefecture: string; waitingNumber: string }> {
  const r = await withReporting(t);
  const prefecture = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700', displayName: '黔南州总工会 张干事' });
  const staff = await r.actorOf(prefecture);
  const plan: Array<[string, string, number]> = [
    ['522701', '都匀市精工机械有限公司', 2],
    ['522702', '福泉市磷化有限公司', 1],
  ];
  for (const [code, name, orders] of plan) {
    const e = await t.engine.services.enterprises.create(ADMIN, buildEnterprise({ regionCode: code, name }));
    const c = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman({ regionCode: code }));
    const who = { staff, enterprise: await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: e._id })), craftsman: (await r.actorOf(await tokenFor(t, { role: 'craftsman', subjectId: c._id }))) as Actor };
    for (let i = 0; i < orders; i += 1) await completeOrder(t, who, { records: [{ kind: 'visit', hours: 2.5 }, { kind: 'training', hours: 1, attendees: 12 }], rating: 4 });
  }
  const wengan = await t.engine.services.enterprises.create(ADMIN, buildEnterprise({ regionCode: '522725', name: '瓮安县化工有限公司' }));
  const waiting = await t.engine.services.orders.submit(await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: wengan._id })), buildOrder({ title: '磷石膏输送带跑偏' }));
  await t.engine.services.targets.put(staff, 'org_522700', { period: '2026', metrics: { serviceVisits: 500, problemsSolved: 500 } });
  await r.settle();
  return { r, prefecture, waitingNumber: waiting.number as string };
}
