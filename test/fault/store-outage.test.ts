import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/domain/events/domain-event.js';
import type { Actor } from '../../src/domain/users/user.js';
import { startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildOrder, enterpriseWithToken } from '../helpers/fixtures.js';
import { SwitchableStore } from '../helpers/switchable-store.js';
import { countEffects } from './effects.js';
import { allowManyOpenOrders } from './order-limits.js';

/** Polls until `check` holds or the time runs out; returns whether it held. */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

const OUTAGE_MS = 3_000;
const ORDERS = 200;

describe('the store failing under the event pipeline', () => {
  let t: TestEngine;
  let store: SwitchableStore;
  let staff: string[];
  let enterprise: Actor;
  beforeAll(async () => {
    t = await startTestEngine({}, { wrapStore: (inner) => (store = new SwitchableStore(inner)) });
    const accounts = t.engine.services.accounts;
    // The county federation and its prefecture both hear of every order submitted in the county.
    staff = await Promise.all(['522701', '522700'].map(async (region) => (await accounts.authenticate(await tokenFor(t, { role: 'union_staff', orgRegionCode: region }))).userId));
    await allowManyOpenOrders(t.engine.services);
    enterprise = await accounts.authenticate((await enterpriseWithToken(t)).token);
  }, 60_000);
  afterAll(() => t.engine.close());

  it(`when every store call fails for ${OUTAGE_MS / 1000} s while ${ORDERS} orders' events wait, then the process stays up and every effect lands exactly once`, async () => {
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i += 1) orderIds.push((await t.engine.services.orders.submit(enterprise, buildOrder({ title: `锅炉焊缝检测 ${i}` })))._id);
    const outbox = t.engine.store.collection<DomainEvent>('outbox');
    expect(await outbox.count({ status: 'pending' })).toBeGreaterThan(0);

    store.down = true;
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const refusedDuringOutage = store.refused;
    store.down = false;
    // The pipeline kept trying (and failing) while the store was away, and nothing escaped as an unhandled rejection.
    expect(refusedDuringOutage).toBeGreaterThan(0);
    expect(t.engine.relay.stats.failedBatches).toBeGreaterThan(0);

    expect(await eventually(async () => (await outbox.count({ status: 'pending' })) === 0, 30_000), 'the pipeline caught up after the store returned').toBe(true);
    const effects = await countEffects(t.engine.store, orderIds, (event) => (event.type === 'order.submitted' ? staff : []));
    expect(effects).toMatchObject({ unfinished: 0, setAside: 0, inboxMissing: 0, inboxDuplicated: 0, rollupBucketsOff: 0 });
    expect(effects.inboxRows).toBe(ORDERS * staff.length);
  }, 90_000);
});
