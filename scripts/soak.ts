/**
 * `npm run soak`: the engine as `npm start` runs it (demo data, workers in the process, embedded store
 * in a temporary data directory, in-process queue) under mixed traffic through the whole order flow at
 * a steady rate — submit, vet, offer, accept, two service records, resolve, confirm, and inbox reads —
 * for a bounded time. Prints heap, outbox size, queue depth and consumer lag at the start, every 30 s
 * and at the end, then how long the lag takes to drain once traffic stops.
 *   npm run soak                      5 minutes at 4 flows/s
 *   npm run soak -- --seconds 60 --rate 4
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoIfEmpty } from '../src/bootstrap/demo-seed.js';
import { loadConfig } from '../src/config.js';
import type { DomainEvent } from '../src/domain/events/domain-event.js';
import type { Actor } from '../src/domain/users/user.js';
import { creditCodeCheckChar } from '../src/domain/shared/credit-code.js';
import { buildEngine } from '../src/engine.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '300' }, rate: { type: 'string', default: '4' } } });
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const PASSWORD = 'soak-demo-password';

const dataDir = await mkdtemp(join(tmpdir(), 'jx-soak-'));
const engine = await buildEngine(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
await seedDemoIfEmpty(engine, PASSWORD);
await engine.relay.flush();
await engine.startWorkers();
const admin: Actor = { userId: 'soak', role: 'admin', displayName: 'soak' };
// Pools sized so the rules stay out of the way of a long run: a craftsman records at most 12 hours a
// day (each flow records 0.2 h, so 40 craftsmen carry 2,400 flows a day) and an enterprise holds at most
// 20 unfinished orders (10 enterprises share the flows in flight).
const ENTERPRISES = 10;
const CRAFTSMEN = 40;
const enterprises: { username: string }[] = [];
for (let e = 0; e < ENTERPRISES; e += 1) {
  const first17 = `91522701MA6SOAK${String(e).padStart(2, '0')}`;
  const username = `soak.ent${e}`;
  await engine.services.enterprises.create(admin, { name: `都匀市浸泡测试机械有限公司${e + 1}`, creditCode: first17 + creditCodeCheckChar(first17), industry: '装备制造', regionCode: '522701', address: '都匀市', contact: { name: '王经理', phone: '13800000000' }, account: { username, password: PASSWORD } });
  enterprises.push({ username });
}
const craftsmen: { _id: string; username: string }[] = [];
for (let c = 0; c < CRAFTSMEN; c += 1) {
  const username = `soak.cra${c}`;
  const created = await engine.services.craftsmen.create(admin, { name: `浸泡测试工匠${c + 1}`, phone: `139${String(c).padStart(8, '0')}`, regionCode: '522701', honors: [], skills: [{ name: '焊接', grade: 2 }], trades: ['焊工'], industries: [], studio: null, serviceModes: ['onsite'], capacity: 20, bio: '压力容器焊接', account: { username, password: PASSWORD } });
  craftsmen.push({ _id: created._id, username });
}

const server = engine.app.listen(0, '127.0.0.1');
await new Promise<void>((resolve) => server.once('listening', () => resolve()));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
  return json;
}
const login = async (username: string) => (await call('POST', '/api/auth/login', null, { username, password: PASSWORD })).token as string;
const staff = await login('dy.union');
const entTokens: string[] = [];
for (const e of enterprises) entTokens.push(await login(e.username));
const craTokens: string[] = [];
for (const c of craftsmen) craTokens.push(await login(c.username));

/** Today in China (UTC+8): a service record may not be dated before the acceptance or after today. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
let flows = 0;
let failures = 0;
let lastError = '';
async function flow(i: number): Promise<void> {
  const ent = entTokens[i % ENTERPRISES] as string;
  const craftsman = craftsmen[i % CRAFTSMEN] as { _id: string };
  const cra = craTokens[i % CRAFTSMEN] as string;
  try {
    const order = await call('POST', '/api/orders', ent, { title: `浸泡测试 焊缝渗漏 ${i}`, description: '反应釜焊缝渗漏，需要焊接专家现场诊断并指导返修。', category: 'technical_problem', requiredSkills: ['焊接'], urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false });
    const id = order._id as string;
    await call('POST', `/api/orders/${id}/vet`, staff, { approve: true });
    const offer = await call('POST', `/api/orders/${id}/offers`, staff, { craftsmanId: craftsman._id });
    await call('POST', `/api/offers/${offer._id as string}/accept`, cra);
    await call('POST', `/api/orders/${id}/service-records`, cra, { kind: 'visit', date: today(), hours: 0.1, summary: '现场检查焊缝，制定返修方案' });
    await call('POST', `/api/orders/${id}/service-records`, cra, { kind: 'training', date: today(), hours: 0.1, attendees: 8, summary: '讲解返修工艺' });
    await call('POST', `/api/orders/${id}/resolve`, cra, { summary: '焊缝返修完成，试压合格' });
    await call('POST', `/api/orders/${id}/confirm`, ent, { rating: 5, comment: '响应快' });
    await call('GET', '/api/notifications?limit=20', staff);
    flows += 1;
  } catch (error) {
    failures += 1;
    lastError = (error as Error).message;
  }
}

async function snapshot(label: string): Promise<void> {
  globalThis.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  const outbox = engine.store.collection<DomainEvent>('outbox');
  const [total, pending] = await Promise.all([outbox.count({}), outbox.count({ status: 'pending' })]);
  let depth = 0;
  for (const name of ['webhook', 'sms', 'offer-expiry']) {
    const c = await engine.queue.counts(name);
    depth += c.waiting + c.delayed + c.active;
  }
  const lag = await engine.relay.lag();
  const lagText = Object.entries(lag).map(([name, l]) => `${name} ${l.pending}${l.oldestMs !== null ? `/${(l.oldestMs / 1000).toFixed(1)}s` : ''}`).join(' ');
  console.log(`${label.padEnd(8)} heap ${heapMb.toFixed(0).padStart(4)} MB   outbox ${String(total).padStart(6)} (${pending} pending)   queue depth ${depth}   lag ${lagText}   flows ${flows} (failed ${failures})   load ${loadavg()[0]!.toFixed(2)}`);
}

console.log(`soak: ${SECONDS} s at ${RATE} flows/s (9 requests each) against ${base}; data ${dataDir}${globalThis.gc ? '' : ' (run with --expose-gc for steadier heap figures)'}`);
await snapshot('start');
const started = Date.now();
let i = 0;
const inFlight = new Set<Promise<void>>();
let nextReport = started + 30_000;
while (Date.now() - started < SECONDS * 1000) {
  const due = Math.floor(((Date.now() - started) / 1000) * RATE);
  while (i < due) {
    const p = flow(i++);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }
  if (Date.now() >= nextReport) {
    await snapshot(`${Math.round((Date.now() - started) / 1000)} s`);
    nextReport += 30_000;
  }
  await new Promise((r) => setTimeout(r, 50));
}
await Promise.all(inFlight);
await snapshot('end');
const drainStarted = Date.now();
while (Date.now() - drainStarted < 120_000 && (await engine.store.collection('outbox').count({ status: 'pending' })) > 0) await new Promise((r) => setTimeout(r, 250));
console.log(`lag drained ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after traffic stopped`);
await snapshot('drained');
if (failures > 0) console.log(`failed flows: ${failures}; last error: ${lastError}`);
server.close();
await engine.close();
await rm(dataDir, { recursive: true, force: true });
process.exit(0);
