/**
 * A server for `npm run bench:login`, run as its own process so the load generator does not share its
 * event loop: the real engine (embedded store in a temporary data directory, real argon2id, the
 * configured HASH_CONCURRENCY), a county staff login and one craftsman to write to.
 * Prints one JSON line `{ port, token, craftsmanId }` once it listens.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import type { Actor } from '../../src/domain/users/user.js';

const dataDir = await mkdtemp(join(tmpdir(), 'jx-bench-login-'));
const engine = await buildEngine(loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', REDIS_URL: '' }));
await engine.startWorkers();
const system: Actor = { userId: 'system', role: 'admin', displayName: 'bench' };
const craftsman = await engine.services.craftsmen.create(system, {
  name: '压测工匠',
  phone: '13985400001',
  regionCode: '522701',
  honors: [],
  skills: [{ name: '焊接', grade: 2 }],
  trades: ['焊工'],
  industries: ['装备制造'],
  studio: null,
  serviceModes: ['onsite'],
  capacity: 3,
  bio: '压测',
});
await engine.services.users.createStaff(system, { username: 'bench.staff', password: 'bench-staff-password', displayName: '压测干事', orgId: 'org_522701' });
const { token } = await engine.services.accounts.login('bench.staff', 'bench-staff-password', { clientIp: 'bench' });
const server = engine.app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, token, craftsmanId: craftsman._id }));
});
