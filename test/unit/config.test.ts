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
});
