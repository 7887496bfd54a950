import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/adapters/store/embedded-store/embedded-store.js';
import { buildOrder } from '../helpers/fixtures.js';
import { startEngineProcess, type EngineProcess } from '../helpers/engine-process.js';
import { prepareDataDir, type PreparedDataDir } from '../helpers/data-dir-setup.js';

/** What the clients were answered 2xx for: each must be there after any crash. */
interface Acknowledged {
  orders: Set<string>;
  vetted: Set<string>;
  offers: Map<string, { orderId: string; craftsman: number }>;
  accepted: Set<string>;
  records: Map<string, string>;
}

const ROUNDS = 3;

async function call(engine: EngineProcess, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${engine.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}

/**
 * Clients that write until the engine disappears under them: enterprises submit orders, county staff
 * vet and dispatch them, craftsmen accept and log service records. Each remembers only what was
 * answered 2xx; a request cut off by the crash has an unknown outcome and is never retried.
 */
function startClients(engine: EngineProcess, prepared: PreparedDataDir, acked: Acknowledged, tried: Set<string>): Promise<void> {
  const { tokens } = prepared;
  let alive = true;
  const loop = async (step: () => Promise<boolean>) => {
    try {
      while (alive) if (!(await step())) await new Promise((resolve) => setTimeout(resolve, 10));
    } catch {
      alive = false; // the connection broke: the engine is gone
    }
  };
  const pick = <T>(items: Iterable<T>, key: (item: T) => string) => {
    for (const item of items) if (!tried.has(key(item))) return item;
    return null;
  };
  const enterprise = async () => {
    const created = await call(engine, 'POST', '/api/orders', tokens.enterprise, buildOrder({ title: `崩溃测试需求 ${acked.orders.size}` }));
    if (created.status === 201) acked.orders.add(created.body._id as string);
    return true;
  };
  const staff = async () => {
    const orderId = pick(acked.orders, (id) => `vet:${id}`);
    if (!orderId) return false;
    tried.add(`vet:${orderId}`);
    if ((await call(engine, 'POST', `/api/orders/${orderId}/vet`, tokens.staff, { approve: true })).status !== 200) return true;
    acked.vetted.add(orderId);
    const craftsman = Math.floor(Math.random() * tokens.craftsmen.length);
    const offer = await call(engine, 'POST', `/api/orders/${orderId}/offers`, tokens.staff, { craftsmanId: tokens.craftsmen[craftsman]!.id });
    if (offer.status === 201) acked.offers.set(offer.body._id as string, { orderId, craftsman });
    return true;
  };
  const craftsman = async () => {
    const entry = pick(acked.offers, ([id]) => `accept:${id}`);
    if (!entry) return false;
    const [offerId, { orderId, craftsman: who }] = entry;
    tried.add(`accept:${offerId}`);
    const token = tokens.craftsmen[who]!.token;
    if ((await call(engine, 'POST', `/api/offers/${offerId}/accept`, token)).status !== 200) return true;
    acked.accepted.add(offerId);
    const record = await call(engine, 'POST', `/api/orders/${orderId}/service-records`, token, { kind: 'visit', date: '2026-06-02', hours: 2, summary: '现场排查并给出处理方案' });
    if (record.status === 201) acked.records.set(record.body._id as string, orderId);
    return true;
  };
  return Promise.all([loop(enterprise), loop(enterprise), loop(staff), loop(staff), loop(craftsman), loop(craftsman)]).then(() => undefined);
}

/** Every acknowledged write, read back through the restarted engine's API. */
async function verifyOverHttp(engine: EngineProcess, prepared: PreparedDataDir, acked: Acknowledged): Promise<void> {
  const offeredOrders = new Set([...acked.offers.values()].map((o) => o.orderId));
  const acceptedOrders = new Set([...acked.accepted].map((id) => acked.offers.get(id)!.orderId));
  const ids = [...acked.orders];
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(
      ids.slice(i, i + 20).map(async (id) => {
        const order = await call(engine, 'GET', `/api/orders/${id}`, prepared.tokens.admin);
        expect(order.status, `order ${id}`).toBe(200);
        const states = (order.body.timeline as Array<{ to: string }>).map((t) => t.to);
        if (acked.vetted.has(id)) expect(states, `order ${id} vetted`).toContain('open');
        if (offeredOrders.has(id)) expect(states, `order ${id} offered`).toContain('offered');
        if (acceptedOrders.has(id)) expect(states, `order ${id} accepted`).toContain('in_progress');
      }),
    );
  }
  const recordOrders = [...new Set(acked.records.values())];
  await Promise.all(
    recordOrders.map(async (orderId) => {
      const records = await call(engine, 'GET', `/api/orders/${orderId}/service-records`, prepared.tokens.admin);
      const stored = (records.body.items as Array<{ _id: string }>).map((r) => r._id);
      for (const [id, of] of acked.records) if (of === orderId) expect(stored, `service record ${id}`).toContain(id);
    }),
  );
}

describe('crash consistency of the embedded store', () => {
  it('when the engine is SIGKILLed at random moments under concurrent writes, then each restart loads the store and every write answered 2xx is there', async () => {
    const prepared = await prepareDataDir({ craftsmen: 4 });
    const acked: Acknowledged = { orders: new Set(), vetted: new Set(), offers: new Map(), accepted: new Set(), records: new Map() };
    const tried = new Set<string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const engine = await startEngineProcess(prepared.env);
      await verifyOverHttp(engine, prepared, acked);
      const clients = startClients(engine, prepared, acked, tried);
      await new Promise((resolve) => setTimeout(resolve, 1_500 + Math.random() * 2_000));
      engine.child.kill('SIGKILL');
      await engine.exited;
      await clients;
    }
    expect(acked.orders.size).toBeGreaterThan(10);
    expect(acked.offers.size).toBeGreaterThan(0);

    // After the last crash, the files are opened by a store in this process (the same recovery the engine runs).
    const store = new EmbeddedStore({ dataDir: join(prepared.dataDir, 'store') });
    await store.connect();
    try {
      expect(await store.collection('orders').count({ _id: { $in: [...acked.orders] } })).toBe(acked.orders.size);
      expect(await store.collection('offers').count({ _id: { $in: [...acked.offers.keys()] } })).toBe(acked.offers.size);
      expect(await store.collection('offers').count({ _id: { $in: [...acked.accepted] }, status: 'accepted' })).toBe(acked.accepted.size);
      expect(await store.collection('orders').count({ _id: { $in: [...acked.vetted] }, status: 'submitted' })).toBe(0);
      expect(await store.collection('serviceRecords').count({ _id: { $in: [...acked.records.keys()] } })).toBe(acked.records.size);
      const submitted = await store.collection('outbox').find({ type: 'order.submitted', aggregateId: { $in: [...acked.orders] } });
      expect(new Set(submitted.map((e) => e.aggregateId)).size).toBe(acked.orders.size);
    } finally {
      await store.close();
    }
  }, 300_000);
});
