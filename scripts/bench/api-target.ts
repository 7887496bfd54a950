/**
 * A server for `npm run bench:api`, run as its own process so the load generator does not share its
 * event loop. `engine`: the real engine as `npm start` runs it (demo data, workers in the process) on
 * an embedded store in a temporary data directory, with one enterprise's login and order plus the
 * logins of 20 more enterprises;
 * `engine-noworkers`: the same with `WORKERS=false`. `bare`: a bare Express app answering the same JSON.
 * Prints one JSON line `{ port, token, tokens, orderId, orderBody }` once it listens.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import express from 'express';
import { seedDemoIfEmpty } from '../../src/bootstrap/demo-seed.js';
import { loadConfig } from '../../src/config.js';
import { Argon2Hasher } from '../../src/adapters/security/argon2-hasher.js';
import { buildEngine } from '../../src/engine.js';
import type { Actor } from '../../src/domain/users/user.js';
import { creditCodeCheckChar } from '../../src/domain/shared/credit-code.js';
import { orderLimitsId } from '../../src/domain/orders/order-limits.js';
import { orgIdForRegion } from '../../src/domain/orgs/union-org.js';

/** Enterprises posting in the many-enterprise run, besides the one enterprise of the one-enterprise run. */
const MANY_ENTERPRISES = 20;

const orderBody = {
  title: '数控车床主轴异响',
  description: '一台数控车床主轴高速运转时异响并伴随振动，需要设备维修专家诊断。',
  category: 'equipment_repair',
  requiredSkills: ['数控车工'],
  urgency: 'normal',
  preferredModes: ['onsite'],
};

async function engineTarget(workers: boolean) {
  const dataDir = await mkdtemp(join(tmpdir(), 'jx-bench-api-'));
  // Cheap password hashes: the bench creates and signs in 21 enterprise accounts before it measures, and
  // neither POST nor GET hashes a password (they verify a token), so the measured paths are unchanged.
  const engine = await buildEngine(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), { hasher: new Argon2Hasher({ memoryCost: 1024, timeCost: 1 }) });
  // The demo's staff, craftsmen and orders: what each new order's events fan out to.
  await seedDemoIfEmpty(engine, 'bench-demo-password');
  await engine.relay.flush();
  if (workers) await engine.startWorkers();
  const admin: Actor = { userId: 'bench', role: 'admin', displayName: 'bench' };
  // One enterprise (every order from one account) and MANY_ENTERPRISES more (intake as a federation sees it).
  const logins: string[] = [];
  for (let i = 0; i <= MANY_ENTERPRISES; i += 1) {
    const first17 = `91522701MA6B${String(i).padStart(5, '0')}`;
    await engine.services.enterprises.create(admin, {
      name: i === 0 ? '都匀市压测机械有限公司' : `都匀市压测企业${i}号有限公司`,
      creditCode: first17 + creditCodeCheckChar(first17),
      industry: '装备制造',
      regionCode: '522701',
      address: '都匀市',
      contact: { name: '王经理', phone: '13800000000' },
      account: { username: `bench.ent${i}`, password: 'bench-password' },
    });
    logins.push((await engine.services.accounts.login(`bench.ent${i}`, 'bench-password')).token);
  }
  // The bench measures order intake, so its enterprises may hold every order they post: the open-order
  // limit (20 by default, at most 1,000 through the API) is lifted in the stored policy for this run only.
  // The limit is still read and checked on every submit.
  await engine.store.collection('policies').updateOne(
    { _id: orderLimitsId(orgIdForRegion('520000')) },
    { $set: { limits: { maxOpenOrders: 10_000_000 }, updatedAt: new Date().toISOString(), updatedBy: 'bench' } },
    { upsert: true },
  );
  const [token, ...tokens] = logins as [string, ...string[]];
  const actor = await engine.services.accounts.authenticate(token);
  const order = await engine.services.orders.submit(actor, { ...orderBody, category: 'equipment_repair', urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false });
  const server = engine.app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token, tokens, orderId: order._id, orderBody }));
  });
  // SIGUSR2: print how commits shared fdatasyncs so far (the bench diffs two of these around its POST run).
  const store = engine.store as { syncStats?: () => unknown };
  process.on('SIGUSR2', () => console.log(JSON.stringify({ syncStats: store.syncStats?.() ?? null })));
  if (workers) {
    // Asked on stdin (`lag`): how many events the consumers still owe and the oldest one's age.
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line.trim() !== 'lag') return;
      void engine.relay.lag().then((lag) => console.log(JSON.stringify({ lag })));
    });
  }
}

async function bareTarget() {
  // The same JSON the engine answers, served with nothing but express.json().
  const stored = new Map<string, unknown>();
  const sample = { _id: 'ord_sample', status: 'submitted', ...orderBody, timeline: [{ at: new Date().toISOString(), action: 'submit', from: null, to: 'submitted' }] };
  stored.set('ord_sample', sample);
  const app = express();
  app.use(express.json({ limit: '200kb' }));
  app.get('/api/orders/:id', (req, res) => {
    res.json(stored.get(req.params.id) ?? sample);
  });
  let n = 0;
  app.post('/api/orders', (req, res) => {
    const id = `ord_${(n += 1)}`;
    const doc = { _id: id, status: 'submitted', ...req.body };
    stored.set(id, doc);
    res.status(201).json(doc);
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token: 'none', tokens: ['none'], orderId: 'ord_sample', orderBody }));
  });
}

const kind = process.argv[2];
if (kind === 'engine') await engineTarget(true);
else if (kind === 'engine-noworkers') await engineTarget(false);
else if (kind === 'bare') await bareTarget();
else {
  console.error('usage: api-target.ts engine|engine-noworkers|bare');
  process.exit(2);
}

// Exit normally on a signal so profilers (--cpu-prof) write their output.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
