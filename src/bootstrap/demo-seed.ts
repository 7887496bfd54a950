import { buildDemoData, type DemoOrder } from '../../seeds/demo-data.js';
import { AppError } from '../errors.js';
import { serviceDayOf } from '../domain/orders/service-record-rules.js';
import type { Actor } from '../domain/users/user.js';
import type { Clock } from '../ports/clock.js';
import { buildServices, type ServiceParts, type Services } from '../services/index.js';

export interface SeedSummary {
  enterprises: number;
  craftsmen: number;
  orders: number;
  accounts: string[];
}

const SEED_MARK = 'demo-seed';

/** A clock the seeder moves, so demo history is spread over months instead of one instant. */
class SeedClock implements Clock {
  current = Date.now();
  now = () => new Date(this.current);
}

const HOUR = 3_600_000;

/**
 * Writes the Qiannan demo world through the application services (so every order has a real
 * timeline, offers and events), unless the store already holds data. Returns null when it did nothing.
 */
export async function seedDemoIfEmpty(engine: { services: Services; parts: ServiceParts }, password: string, options: { force?: boolean } = {}): Promise<SeedSummary | null> {
  const { store } = engine.services.deps;
  const meta = store.collection('meta');
  // A store of generated data (npm run seed -- --synthetic) has no users, but is not empty.
  const holdsData = async () => (await store.collection('users').count({})) > 0 || (await store.collection('craftsmen').count({})) > 0;
  if (!options.force && ((await meta.findById(SEED_MARK)) || (await holdsData()))) return null;

  const clock = new SeedClock();
  const s = buildServices(engine.parts, { ...engine.services.deps, clock });
  const data = buildDemoData();
  const admin: Actor = { userId: 'system', role: 'admin', displayName: '系统初始化' };
  const accountFor = (key: string, kind: 'enterpriseKey' | 'craftsmanKey') => data.accounts.find((a) => a[kind] === key);

  const enterpriseIds = new Map<string, { id: string; name: string }>();
  for (const e of data.enterprises) {
    const account = accountFor(e.key, 'enterpriseKey');
    const created = await s.enterprises.create(admin, { ...e.input, ...(account ? { account: { username: account.username, password } } : {}) });
    enterpriseIds.set(e.key, { id: created._id, name: created.name });
  }
  const craftsmanIds = new Map<string, { id: string; name: string }>();
  for (const c of data.craftsmen) {
    const account = accountFor(c.key, 'craftsmanKey');
    const created = await s.craftsmen.create(admin, { ...c.input, ...(account ? { account: { username: account.username, password } } : {}) });
    craftsmanIds.set(c.key, { id: created._id, name: created.name });
  }
  for (const a of data.accounts) {
    if (a.enterpriseKey || a.craftsmanKey) continue;
    await s.accounts.insertUser(await s.accounts.prepareUser({ username: a.username, password, role: a.role, displayName: a.displayName, orgId: a.orgId, canManageAccounts: a.canManageAccounts }));
  }

  // Finished work is spread over the months before today; live work happened in the last hours.
  const now = Date.now();
  const finished = data.orders.filter((o) => !['submitted', 'open', 'offered'].includes(o.script.state));
  for (const [i, order] of data.orders.entries()) {
    const historic = finished.indexOf(order);
    clock.current = historic >= 0 ? now - (240 - Math.floor((historic / Math.max(1, finished.length)) * 230)) * 24 * HOUR : now - (data.orders.length - i) * 0.05 * HOUR;
    await replay(s, clock, order, enterpriseIds, craftsmanIds);
  }
  await meta.updateOne({ _id: SEED_MARK }, { $set: { at: new Date(now).toISOString(), seed: data.seed } }, { upsert: true });
  return { enterprises: data.enterprises.length, craftsmen: data.craftsmen.length, orders: data.orders.length, accounts: data.accounts.map((a) => a.username) };
}

/** Takes one demo order through the lifecycle up to the state its script names. */
async function replay(s: Services, clock: SeedClock, order: DemoOrder, enterprises: Map<string, { id: string; name: string }>, craftsmen: Map<string, { id: string; name: string }>) {
  const ent = enterprises.get(order.enterpriseKey);
  if (!ent) throw new Error(`demo order ${order.key}: unknown enterprise ${order.enterpriseKey}`);
  const enterprise: Actor = { userId: `seed:${ent.id}`, role: 'enterprise', displayName: ent.name, enterpriseId: ent.id };
  const staff: Actor = { userId: 'seed:qn.union', role: 'admin', displayName: '黔南州总工会' };
  const step = (hours: number) => (clock.current += hours * HOUR);
  const script = order.script;

  const submitted = await s.orders.submit(enterprise, order.input);
  const id = submitted._id;
  if (script.state === 'submitted') return;
  step(2);
  if (script.state === 'rejected') return void (await s.orders.vet(staff, id, { approve: false, reason: script.reason }));
  if (script.state === 'cancelled') return void (await s.orders.cancel(enterprise, id, script.reason));
  await s.orders.vet(staff, id, { approve: true });
  if (script.state === 'open') return;

  const who = craftsmen.get(script.craftsmanKey);
  if (!who) throw new Error(`demo order ${order.key}: unknown craftsman ${script.craftsmanKey}`);
  const craftsman: Actor = { userId: `seed:${who.id}`, role: 'craftsman', displayName: who.name, craftsmanId: who.id };
  step(3);
  // Live demo offers stay answerable for a day whatever their urgency.
  const offer = await s.dispatch.offer(staff, id, { craftsmanId: who.id, ...(script.state === 'offered' ? { expiresInMinutes: 24 * 60 } : {}) });
  if (script.state === 'offered') return;
  step(0.5);
  await s.dispatch.accept(craftsman, offer._id);
  for (const record of script.serviceRecords) {
    step(24);
    // Dated on the day the seed clock stands at: a record lies between acceptance and today.
    await s.records.record(craftsman, id, { ...record, date: serviceDayOf(new Date(clock.current).toISOString()) }).catch((error: unknown) => {
      // Two demo orders of one craftsman may meet on a day: the cap keeps the later record out.
      if (!(error instanceof AppError && error.code === 'DAILY_HOURS_EXCEEDED')) throw error;
    });
  }
  if (script.state === 'in_progress') return;
  step(24);
  await s.records.resolve(craftsman, id, script.resolution);
  if (script.state === 'resolved') return;
  step(48);
  await s.orders.confirm(enterprise, id, { rating: script.rating, comment: script.comment });
}
