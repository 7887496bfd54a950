import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { checkedRequest as request } from '../../helpers/openapi-check.js';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../../src/bootstrap/first-admin.js';
import { loadConfig } from '../../../src/config.js';
import { buildEngine, type Engine } from '../../../src/engine.js';
import { fastHasher } from '../../helpers/engine.js';

const run = promisify(execFile);

function capturingLogger() {
  const lines: Array<{ msg: string; [key: string]: unknown }> = [];
  const logger = pino(new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { logger, lines };
}

const productionEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  JWT_SECRET: 'first-admin-test-secret-0123456789abcdef',
  SEED_DEMO: 'false',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ...extra,
});

describe('the first admin of a fresh store', () => {
  const engines: Engine[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close();
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>) {
    const config = loadConfig(env);
    const { logger, lines } = capturingLogger();
    const engine = await buildEngine(config, { inMemory: true, hasher: fastHasher(), logger });
    engines.push(engine);
    return { engine, config, logger, lines };
  }

  it('when the store has no admin and ADMIN_USERNAME/ADMIN_PASSWORD are set, then the admin is created once, logged without its password, and can sign in', async () => {
    const { engine, config, logger, lines } = await start(productionEnv('/unused', { ADMIN_USERNAME: 'fed.admin', ADMIN_PASSWORD: 'a-long-first-password' }));
    expect(await ensureFirstAdmin(engine.services, config.initialAdmin, logger)).toBe('created');
    expect(await ensureFirstAdmin(engine.services, config.initialAdmin, logger)).toBe('exists');
    expect(await engine.store.collection('users').count({ role: 'admin' })).toBe(1);
    const created = lines.find((l) => l.msg === 'first admin created from ADMIN_USERNAME');
    expect(created).toMatchObject({ username: 'fed.admin' });
    expect(JSON.stringify(lines)).not.toContain('a-long-first-password');

    const login = await request(engine.app).post('/api/auth/login').send({ username: 'fed.admin', password: 'a-long-first-password' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ role: 'admin', status: 'active' });
    const trail = await request(engine.app).get(`/api/users/${login.body.user.id}/audit`).set('Authorization', `Bearer ${login.body.token}`);
    expect(trail.body.items[0]).toMatchObject({ action: 'user.created', actorId: 'system' });
  });

  it('when there is neither an admin nor the variables, then nothing is created and the log says how to create one', async () => {
    const { engine, config, logger, lines } = await start(productionEnv('/unused'));
    expect(await ensureFirstAdmin(engine.services, config.initialAdmin, logger)).toBe('missing');
    expect(await engine.store.collection('users').count({})).toBe(0);
    expect(lines.some((l) => l.level === 40 && /ADMIN_USERNAME and ADMIN_PASSWORD/.test(l.msg) && /admin:create/.test(l.msg))).toBe(true);
  });

  it('when only one of the variables is set or the password is short, then the config is refused naming them', () => {
    expect(() => loadConfig(productionEnv('/unused', { ADMIN_USERNAME: 'fed.admin' }))).toThrow(/ADMIN_USERNAME, ADMIN_PASSWORD/);
    expect(() => loadConfig(productionEnv('/unused', { ADMIN_USERNAME: 'fed.admin', ADMIN_PASSWORD: 'short-pass' }))).toThrow(/ADMIN_PASSWORD: must be at least 12/);
  });

  it('when `npm run admin:create` runs against a stopped store, then the engine started afterwards signs the admin in', { timeout: 180_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jx-admin-create-'));
    dirs.push(dataDir);
    const env = { ...process.env, ...productionEnv(dataDir, { ADMIN_USERNAME: 'cli.admin', ADMIN_PASSWORD: 'cli-admin-password-1' }) };
    // What `npm run admin:create` runs, without npm's own start-up.
    const created = await run(process.execPath, ['--import', 'tsx', 'scripts/admin-create.ts'], { env });
    expect(created.stdout).toContain('已创建系统管理员：cli.admin');

    const engine = await buildEngine(loadConfig(productionEnv(dataDir)), { logger: pino({ level: 'silent' }) });
    engines.push(engine);
    const login = await request(engine.app).post('/api/auth/login').send({ username: 'cli.admin', password: 'cli-admin-password-1' });
    expect(login.status).toBe(200);
  });
});
