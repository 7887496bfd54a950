import { z } from 'zod';

/** The demo logins' password: production refuses it wherever a password is configured. */
export const DEMO_PASSWORD = 'jiangxin-demo';

const optionalUrl = (protocols: RegExp, example: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.test(v), `must look like ${example}`)
    .optional();

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: optionalUrl(/^mongodb(\+srv)?:\/\//, 'mongodb://host:27017/jiangxin'),
  MEILI_URL: optionalUrl(/^https?:\/\//, 'http://127.0.0.1:7700'),
  MEILI_KEY: z.string().optional(),
  REDIS_URL: optionalUrl(/^rediss?:\/\//, 'redis://127.0.0.1:6379'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(12 * 60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/i, 'must look like 100kb or 1mb').default('200kb'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEMO_PASSWORD),
  // Undecided here: the default depends on NODE_ENV (on in development, never in production).
  SEED_DEMO: z.enum(['true', 'false', '1', '0', 'yes', 'no', '']).optional(),
  WORKERS: bool(true),
  SEARCH_BUILD: z.enum(['background', 'blocking']).default('background'),
  REOPEN_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  PROVINCES: z
    .string()
    .regex(/^\d{2}(,\d{2})*$/, 'must be two-digit province codes separated by commas, e.g. 52 or 52,53')
    .default('52'),
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  METRICS_PORT: z.coerce.number({ message: 'must be a port number' }).int('must be a whole number').min(0).max(65535).optional(),
  OUTBOX_LAG_DEGRADED_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number').min(1).max(86_400).default(120),
  ADMIN_USERNAME: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{3,40}$/, 'must be 3–40 letters, digits, dots, underscores or hyphens')
    .optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(128).optional(),
  HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  dataDir: string;
  mongodbUri?: string;
  meili?: { url: string; key?: string };
  redisUrl?: string;
  /** Undefined in development until the engine generates one and keeps it in dataDir. */
  jwtSecret?: string;
  jwtTtlMinutes: number;
  /** Key material for secrets kept in the store (webhook signing keys); undefined: derived from jwtSecret, or a generated key file beside DATA_DIR in development. */
  secretsKey?: string;
  logLevel: Env['LOG_LEVEL'];
  bodyLimit: string;
  demoPassword: string;
  seedDemo: boolean;
  /** Run the queue workers (relay, notifications, timers) inside the API process. */
  workers: boolean;
  /**
   * How the embedded search index is built from the store at start: `background` (the server answers at
   * once, searches answer from the store with `degraded: true` until the index is built) or `blocking`.
   */
  searchBuild: 'background' | 'blocking';
  reopenWindowDays: number;
  /** Provinces (two-digit GB/T 2260 prefixes) whose regions and union federations are loaded. */
  provinces: string[];
  /** The first admin, created on a start that finds no active admin (ADMIN_USERNAME + ADMIN_PASSWORD). */
  initialAdmin?: { username: string; password: string };
  /** How many password hashes run at once; the rest wait, so logins never fill libuv's thread pool. */
  hashConcurrency: number;
  /** Bearer token Prometheus sends to `/metrics` on the API port (an admin's login token works too). */
  metricsToken?: string;
  /** When set, `/metrics` is also served without a token on this port (for the worker, or a private network). */
  metricsPort?: number;
  /** `/readyz` says `degraded` once the oldest unfinished outbox event is older than this. */
  outboxLagDegradedSeconds: number;
}

/** Variables whose values never appear in a message, even when rejected. */
const SECRET_VARIABLES = new Set(['JWT_SECRET', 'MEILI_KEY', 'DEMO_PASSWORD', 'ADMIN_PASSWORD', 'METRICS_TOKEN', 'SECRETS_KEY']);
/** Variables holding URLs: shown with the password part masked. */
const URL_VARIABLES = new Set(['MONGODB_URI', 'MEILI_URL', 'REDIS_URL']);

/** `redis://user:secret@host` → `redis://user:***@host`; anything that does not parse as a URL is not shown. */
export function maskUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    // A lone user part (`redis://secret@host`) is how some write the password: mask it too.
    else if (url.username) url.username = '***';
    return url.toString();
  } catch {
    return '(not shown: does not parse as a URL)';
  }
}

/** What a rejection message may say about the value it rejected. */
function shownValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'not set';
  if (SECRET_VARIABLES.has(name)) return `a value of ${value.length} characters, not shown`;
  if (URL_VARIABLES.has(name)) return `got ${JSON.stringify(maskUrl(value))}`;
  return `got ${JSON.stringify(value)}`;
}

const truthy = (v: string | undefined) => v !== undefined && ['true', '1', 'yes'].includes(v);

/** What production refuses even when each value is well-formed on its own. */
function productionProblems(env: Record<string, string | undefined>, e: Env): string[] {
  const problems: string[] = [];
  if (!e.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production (at least 32 characters)');
  if (truthy(e.SEED_DEMO)) problems.push('SEED_DEMO: demo data and demo logins are never written when NODE_ENV=production; unset it or set false');
  if (env['DEMO_PASSWORD'] !== undefined) problems.push('DEMO_PASSWORD: demo logins do not exist in production; unset it (the first admin comes from ADMIN_USERNAME and ADMIN_PASSWORD)');
  for (const name of ['ADMIN_PASSWORD', 'JWT_SECRET', 'METRICS_TOKEN']) {
    if (env[name] !== undefined && env[name]!.includes(DEMO_PASSWORD)) problems.push(`${name}: must not be or contain the published demo password when NODE_ENV=production`);
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (${shownValue(String(issue.path[0]), env[String(issue.path[0])])})`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production) {
    const problems = productionProblems(env, e);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  if (Boolean(e.ADMIN_USERNAME) !== Boolean(e.ADMIN_PASSWORD)) throw new ConfigError(['ADMIN_USERNAME, ADMIN_PASSWORD: set both (to create the first admin) or neither']);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    mongodbUri: e.MONGODB_URI,
    meili: e.MEILI_URL ? { url: e.MEILI_URL, key: e.MEILI_KEY } : undefined,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    jwtTtlMinutes: e.JWT_TTL_MINUTES,
    secretsKey: e.SECRETS_KEY,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO === undefined || e.SEED_DEMO === '' ? !production : truthy(e.SEED_DEMO),
    workers: e.WORKERS,
    searchBuild: e.SEARCH_BUILD,
    reopenWindowDays: e.REOPEN_WINDOW_DAYS,
    provinces: e.PROVINCES.split(','),
    metricsToken: e.METRICS_TOKEN,
    metricsPort: e.METRICS_PORT,
    outboxLagDegradedSeconds: e.OUTBOX_LAG_DEGRADED_SECONDS,
    initialAdmin: e.ADMIN_USERNAME && e.ADMIN_PASSWORD ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD } : undefined,
    hashConcurrency: e.HASH_CONCURRENCY,
  };
}

/** For process entry points: the config, or exit 2 with the message naming each bad variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** What a test or script starts from: embedded adapters, nothing on disk, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-test-secret-test-secret-00' }), ...overrides };
}
