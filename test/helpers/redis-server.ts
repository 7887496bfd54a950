import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The redis-server binary on PATH (or REDIS_SERVER_BIN), or null. Synchronous so `describe.skipIf` can use it. */
export function redisServerBinary(): string | null {
  const candidates = process.env.REDIS_SERVER_BIN
    ? [process.env.REDIS_SERVER_BIN]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'redis-server'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here; try the next directory
    }
  }
  return null;
}

/** Why Redis tests cannot run here, or null when they can (REDIS_URL is set or redis-server is installed). */
export function redisUnavailableReason(): string | null {
  if (process.env.REDIS_URL || redisServerBinary()) return null;
  return 'skipped: neither REDIS_URL is set nor a redis-server binary is on PATH';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One raw PING over TCP: no client library, so no reconnect loops or error events to tidy up. */
function pingOnce(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

export interface PrivateRedisServer {
  readonly port: number;
  readonly url: string;
  /** Whether the server process is running now. */
  readonly running: boolean;
  /** Stops the server (SIGKILL when `hard`, like a crash; SIGTERM otherwise) and waits for it to exit. */
  stop(options?: { hard?: boolean }): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved) and waits until it answers PONG. */
  restart(): Promise<void>;
}

/**
 * Starts a private redis-server on a free port (or `port`), with no persistence, and waits for PONG.
 * Always `stop()` it in afterAll; it is also killed if the test process exits first.
 */
export async function startRedisServer(options: { port?: number; startTimeoutMs?: number } = {}): Promise<PrivateRedisServer> {
  const binary = redisServerBinary();
  if (!binary) throw new Error('redis-server is not installed (or set REDIS_SERVER_BIN)');
  const port = options.port ?? (await freePort());
  const startTimeoutMs = options.startTimeoutMs ?? 5_000;
  let child: ChildProcess | null = null;
  // A test process that ends without stop() (a crash, a timeout) must not leave redis-server behind.
  process.once('exit', () => child?.kill('SIGKILL'));

  const launch = async () => {
    const proc = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    proc.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    const deadline = Date.now() + startTimeoutMs;
    while (!(await pingOnce(port))) {
      if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`redis-server did not start on port ${port}:\n${output}`);
      }
      await sleep(25);
    }
  };

  const stop = async ({ hard = false }: { hard?: boolean } = {}) => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(hard ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}

/** REDIS_URL when set (nothing to stop), else a private redis-server. For `beforeAll`. */
export async function redisForTests(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => undefined };
  const server = await startRedisServer();
  return { url: server.url, stop: () => server.stop() };
}
