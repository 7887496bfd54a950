import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';

/**
 * No Docker engine runs on these machines, so the image and the compose file are checked for what can
 * be checked without one: their structure, that they point at what the build really produces, that
 * the compose environment passes the engine's own configuration rules, and that the image's
 * HEALTHCHECK command succeeds against a running engine.
 */
const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');
const run = promisify(execFile);

interface Stage {
  name: string;
  lines: string[];
}

/** Dockerfile instructions (continuations joined) grouped by stage. */
function stages(dockerfile: string): Stage[] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const result: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) result.push({ name: from[1]!, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

const jsonArg = (stage: Stage, instruction: string) => {
  const line = stage.lines.find((l) => l.startsWith(`${instruction} `));
  return line ? (JSON.parse(line.slice(instruction.length).replace(/^.*?CMD\s+/, '').trim()) as string[]) : null;
};

const buildEntries = () => (JSON.parse(read('tsconfig.build.json')) as { files: string[] }).files;
/** Where tsc puts an entry of tsconfig.build.json (rootDir `.`, outDir `dist`). */
const compiled = (source: string) => `dist/${source.replace(/\.ts$/, '.js')}`;

describe('the image (Dockerfile)', () => {
  const all = stages(read('Dockerfile'));
  const runtime = all.at(-1)!;

  it('when read, then it builds in stages and the runtime stage holds production dependencies and the compiled output only', () => {
    expect(all.map((s) => s.name)).toEqual(['deps', 'build', 'prod-deps', 'runtime']);
    expect(all.find((s) => s.name === 'build')?.lines).toContain('RUN npm run build');
    const prodDeps = all.find((s) => s.name === 'prod-deps')?.lines ?? [];
    expect(prodDeps.some((l) => /^RUN npm ci --omit=dev\b.*node scripts\/prune-optional-peers\.mjs/.test(l))).toBe(true);
    const copies = runtime.lines.filter((l) => l.startsWith('COPY'));
    expect(copies.some((l) => l.includes('--from=prod-deps') && l.includes('/app/node_modules'))).toBe(true);
    expect(copies.some((l) => l.includes('--from=build') && l.includes('/app/dist'))).toBe(true);
    expect(copies.some((l) => l.includes('--from=deps') || (l.includes('--from=build') && l.includes('node_modules')))).toBe(false);
    expect(runtime.lines.some((l) => /^ENV\b.*\bNODE_ENV=production\b/.test(l))).toBe(true);
  });

  it('when the container starts, then it is one plain node process on the compiled entry, not root', () => {
    expect(runtime.lines).toContain('USER node');
    expect(jsonArg(runtime, 'CMD')).toEqual(['node', compiled('src/main.ts')]);
    expect(buildEntries()).toContain('src/main.ts');
    expect(runtime.lines).toContain('STOPSIGNAL SIGTERM');
  });

  it('when the runtime stage is read, then it installs the Chromium and CJK fonts the PDF report is printed with (before dropping root), unless built without them', () => {
    const install = runtime.lines.findIndex((l) => /^RUN if \[ "\$PDF_RENDERER" = "chromium" \];.*apt-get install -y --no-install-recommends chromium fonts-noto-cjk\b/.test(l));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(runtime.lines).toContain('ARG PDF_RENDERER=chromium');
    expect(install).toBeLessThan(runtime.lines.indexOf('USER node'));
  });

  it('when .dockerignore is read, then dependencies, outputs, data and secrets stay out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.env', 'src/web/dist', '.git']) expect(ignored).toContain(entry);
  });
});

describe('the image HEALTHCHECK against a running engine', () => {
  let t: TestEngine;
  let server: Server;
  beforeAll(async () => {
    t = await startTestEngine();
    server = await new Promise<Server>((resolve) => {
      const s = t.engine.app.listen(0, '127.0.0.1', () => resolve(s));
    });
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.engine.close();
  });

  it('when the HEALTHCHECK command runs, then it asks /readyz and exits 0 while the engine is ready', async () => {
    const runtime = stages(read('Dockerfile')).at(-1)!;
    const command = jsonArg(runtime, 'HEALTHCHECK');
    expect(command?.slice(0, 2)).toEqual(['node', '-e']);
    expect(command?.[2]).toContain('/readyz');
    const port = String((server.address() as AddressInfo).port);
    const { stdout, stderr } = await run(process.execPath, ['-e', command![2]!], { env: { ...process.env, PORT: port } });
    expect(stdout + stderr).toBe('');
  });

  it('when nothing listens, then the same command exits non-zero', async () => {
    const runtime = stages(read('Dockerfile')).at(-1)!;
    const command = jsonArg(runtime, 'HEALTHCHECK')!;
    await expect(run(process.execPath, ['-e', command[2]!], { env: { ...process.env, PORT: '1' } })).rejects.toMatchObject({ code: 1 });
  });
});

describe('docker-compose.yml', () => {
  type Service = { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; volumes?: string[]; healthcheck?: { test: string[] }; depends_on?: Record<string, unknown> };
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const services = compose.services;
  /** `${NAME:?message}` / `${NAME:-default}` / `${NAME}` as compose would fill them from an operator's shell. */
  const substitute = (env: Record<string, string>, given: Record<string, string>) =>
    Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_m, name: string, fallback?: string) => given[name] ?? fallback ?? '')]));
  const shell = { JWT_SECRET: 's'.repeat(48), MEILI_KEY: 'k'.repeat(32), METRICS_TOKEN: 'm'.repeat(48), ADMIN_PASSWORD: 'a-strong-admin-password' };

  it('when parsed, then it runs MongoDB as a replica set, Meilisearch, Redis with AOF and noeviction, and the engine as api and worker', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'meilisearch', 'mongo', 'redis', 'worker']);
    expect(services.mongo?.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    const redis = services.redis?.command?.join(' ') ?? '';
    expect(redis).toContain('--appendonly yes');
    expect(redis).toContain('--maxmemory-policy noeviction');
  });

  it('when api and worker start, then both run the built image on its compiled entries, with no source mount and no npm', () => {
    expect(services.api?.build).toBe('.');
    expect(services.worker?.image).toBe(services.api?.image);
    expect(services.api?.command).toBeUndefined(); // the image's CMD: node dist/src/main.js
    expect(services.worker?.command).toEqual(['node', compiled('src/worker.ts')]);
    expect(buildEntries()).toContain('src/worker.ts');
    for (const name of ['api', 'worker']) {
      expect(services[name]?.volumes ?? []).toEqual([]);
      expect(JSON.stringify(services[name]?.command ?? [])).not.toContain('npm');
    }
  });

  it('when its volumes are listed, then every data service keeps its data on a named volume', () => {
    for (const name of ['mongo', 'meilisearch', 'redis']) {
      const [volume] = (services[name]?.volumes ?? [])[0]?.split(':') ?? [];
      expect(Object.keys(compose.volumes), name).toContain(volume);
    }
  });

  it('when the operator sets the required variables, then api and worker environments pass the engine configuration in production', () => {
    for (const name of ['api', 'worker']) {
      const env = substitute(services[name]!.environment!, shell);
      const config = loadConfig(env);
      expect(config).toMatchObject({ env: 'production', seedDemo: false, redisUrl: 'redis://redis:6379', mongodbUri: expect.stringContaining('replicaSet=rs0') });
      expect(config.metricsToken).toBe(shell.METRICS_TOKEN);
    }
    expect(loadConfig(substitute(services.worker!.environment!, shell)).metricsPort).toBe(9464);
    expect(services.worker?.healthcheck?.test.join(' ')).toContain('9464/metrics');
  });

  it('when a required secret is missing, then compose refuses by name rather than starting with an empty value', () => {
    const env = services.api!.environment!;
    for (const name of ['JWT_SECRET', 'METRICS_TOKEN', 'ADMIN_PASSWORD']) expect(env[name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
  });
});
