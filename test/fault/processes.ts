import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import { DELIVERY_HEADER } from '../../src/domain/notifications/webhook-message.js';

export type LogLine = Record<string, unknown>;

/** An engine or worker process of the repo, started with tsx, whose JSON stdout lines can be awaited. */
export class EngineProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly lines: LogLine[] = [];
  private readonly waiters = new Set<() => void>();
  private tail = '';

  constructor(entry: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    // A test that fails before killing it must not leave it behind.
    process.once('exit', () => this.child.kill('SIGKILL'));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        this.lines.push(JSON.parse(line) as LogLine);
      } catch {
        return;
      }
      for (const wake of this.waiters) wake();
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.tail = (this.tail + chunk.toString()).slice(-2_000)));
  }

  /** Resolves with the `count`-th line (from the start) matching `match`; rejects on timeout or exit. */
  waitFor(match: (line: LogLine) => boolean, options: { count?: number; timeoutMs?: number } = {}): Promise<LogLine> {
    const count = options.count ?? 1;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines.filter(match);
        if (found.length < count) return false;
        done();
        resolve(found[count - 1] as LogLine);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such line within ${options.timeoutMs ?? 60_000} ms; stderr: ${this.tail}; last lines: ${JSON.stringify(this.lines.slice(-5))}`));
      }, options.timeoutMs ?? 60_000);
      const onExit = () => {
        done();
        reject(new Error(`process exited before the line; stderr: ${this.tail}`));
      };
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        this.child.off('exit', onExit);
      };
      const wake = () => void check();
      if (check()) return;
      this.waiters.add(wake);
      this.child.once('exit', onExit);
    });
  }

  /** Lines so far matching `match`. */
  count(match: (line: LogLine) => boolean): number {
    return this.lines.filter(match).length;
  }

  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.kill(signal);
    return this.exited;
  }
}

/** An HTTP endpoint for webhooks that counts posts per delivery id. */
export class WebhookReceiver {
  readonly received = new Map<string, number>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const id = String(req.headers[DELIVERY_HEADER.toLowerCase()] ?? '?');
      req.resume();
      req.on('end', () => {
        this.received.set(id, (this.received.get(id) ?? 0) + 1);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  }

  get duplicated(): number {
    return [...this.received.values()].filter((n) => n > 1).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
