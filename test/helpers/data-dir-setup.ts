import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkedRequest as request } from './openapi-check.js';
import { loadConfig } from '../../src/config.js';
import { buildEngine } from '../../src/engine.js';
import { fastHasher, tokenFor, type TestEngine } from './engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from './fixtures.js';
import { ManualClock } from './manual-clock.js';

export interface PreparedDataDir {
  dataDir: string;
  /** The environment an engine process on this directory runs with. */
  env: Record<string, string>;
  tokens: { enterprise: string; staff: string; admin: string; craftsmen: Array<{ id: string; token: string }> };
  adminPassword: string;
}

/**
 * A data directory on disk with an enterprise, county staff, an admin and some craftsmen, written by
 * an engine in this process that is closed again, so a process started on it finds its lock free.
 */
export async function prepareDataDir(options: { craftsmen?: number } = {}): Promise<PreparedDataDir> {
  const dataDir = await mkdtemp(join(tmpdir(), 'jx-fault-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', SEED_DEMO: 'false', JWT_SECRET: 'fault-test-secret-fault-test-secret-0000' };
  const engine = await buildEngine(loadConfig(env), { hasher: fastHasher() });
  const t: TestEngine = { engine, clock: new ManualClock(), http: () => request(engine.app) };
  try {
    const { token: enterprise } = await enterpriseWithToken(t);
    const staff = await staffToken(t, '522701');
    const admin = await tokenFor(t, { role: 'admin' });
    const adminPassword = 'admin-password-123';
    const prepared = await engine.services.accounts.prepareUser({ username: 'backup.admin', password: adminPassword, role: 'admin', displayName: '备份管理员' });
    await engine.services.accounts.insertUser(prepared);
    const craftsmen: Array<{ id: string; token: string }> = [];
    for (let i = 0; i < (options.craftsmen ?? 4); i += 1) {
      const { craftsman, token } = await craftsmanWithToken(t, { capacity: 20, phone: `139854${String(i).padStart(5, '0')}` });
      craftsmen.push({ id: craftsman._id, token });
    }
    return { dataDir, env, tokens: { enterprise, staff, admin, craftsmen }, adminPassword };
  } finally {
    await engine.close();
  }
}
