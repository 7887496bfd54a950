import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then every service uses its embedded adapter', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, dataDir: './data', env: 'development', seedDemo: true, workers: true, provinces: ['52'] });
    expect(config.mongodbUri).toBeUndefined();
    expect(config.meili).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.jwtSecret).toBeUndefined();
  });

  it('when a value is invalid, then the error names the variable', () => {
    for (const [name, value] of [['PORT', 'abc'], ['PORT', '70000'], ['REDIS_URL', 'localhost:6379'], ['MONGODB_URI', 'http://x'], ['LOG_LEVEL', 'loud'], ['JWT_SECRET', 'short'], ['SEED_DEMO', 'maybe'], ['PROVINCES', 'guizhou']]) {
      expect(() => loadConfig({ [name as string]: value }), `${name}=${value}`).toThrow(ConfigError);
      try {
        loadConfig({ [name as string]: value });
      } catch (error) {
        expect((error as Error).message).toContain(name);
      }
    }
  });

  it('when running in production without JWT_SECRET, then it refuses to start', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('selects production adapters from their URLs', () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb://db:27017/jx?replicaSet=rs0', MEILI_URL: 'http://meili:7700', MEILI_KEY: 'k', REDIS_URL: 'redis://redis:6379' });
    expect(config).toMatchObject({ mongodbUri: 'mongodb://db:27017/jx?replicaSet=rs0', meili: { url: 'http://meili:7700', key: 'k' }, redisUrl: 'redis://redis:6379' });
  });

  it('when a secret or a URL with a password is rejected, then the message names the variable and the rule but never the secret', () => {
    const cases: Array<[string, string, string]> = [
      ['JWT_SECRET', 'hunter2-short', 'at least 32 characters'],
      ['METRICS_TOKEN', 'tok-short-hunter2', 'at least 32 characters'],
      ['DEMO_PASSWORD', 'hunter2', 'at least 8 characters'],
      ['REDIS_URL', 'http://:hunter2@redis:6379', 'redis://'],
      ['MONGODB_URI', 'mysql://admin:hunter2@db/jx', 'mongodb://'],
      ['MEILI_URL', 'ftp://hunter2@meili', 'http://'],
    ];
    for (const [name, value, rule] of cases) {
      let message = '';
      try {
        loadConfig({ [name]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, name).toContain(name);
      expect(message, name).toContain(rule);
      expect(message, name).not.toContain('hunter2');
    }
  });

  it('when a rejected URL carries a password, then the host is still shown so the operator can find the mistake', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://:hunter2@redis.internal:6379' })).toThrow(/redis\.internal.*\*\*\*|\*\*\*.*redis\.internal/);
  });

  describe('in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };

    it('when nothing says otherwise, then no demo data is written', () => {
      expect(loadConfig(production).seedDemo).toBe(false);
      expect(loadConfig({}).seedDemo).toBe(true);
    });

    it('when demo seeding is asked for, then it refuses to start and says why', () => {
      expect(() => loadConfig({ ...production, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: demo data and demo logins are never written when NODE_ENV=production/);
      expect(loadConfig({ ...production, SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });

    it('when the published demo password is configured anywhere, then it refuses to start without echoing it', () => {
      for (const env of [{ DEMO_PASSWORD: 'jiangxin-demo' }, { DEMO_PASSWORD: 'another-long-one' }, { ADMIN_PASSWORD: 'jiangxin-demo' }, { JWT_SECRET: `jiangxin-demo${'x'.repeat(32)}` }]) {
        let message = '';
        try {
          loadConfig({ ...production, ...env });
        } catch (error) {
          message = (error as Error).message;
        }
        const name = Object.keys(env)[0]!;
        expect(message, name).toMatch(new RegExp(`${name}: `));
        expect(message, name).not.toContain(Object.values(env)[0]);
      }
    });

    it('when the configuration is sound, then metrics and the outbox threshold are read', () => {
      const config = loadConfig({ ...production, METRICS_TOKEN: 'm'.repeat(32), METRICS_PORT: '9464', OUTBOX_LAG_DEGRADED_SECONDS: '30' });
      expect(config).toMatchObject({ metricsToken: 'm'.repeat(32), metricsPort: 9464, outboxLagDegradedSeconds: 30, seedDemo: false });
    });
  });
});
