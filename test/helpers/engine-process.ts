import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EngineProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  exited: Promise<number | NodeJS.Signals>;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const TSX = ['--import', 'tsx'];

/** Runs a TypeScript entry point (`src/main.ts`, a script) to its end and collects its output. */
export function runToEnd(entry: string, env: Record<string, string>, args: string[] = [], timeoutMs = 240_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, entry, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not finish in ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts the engine (test/helpers/engine-entry.ts) as a real process and waits until it listens. */
export async function startEngineProcess(env: Record<string, string>): Promise<EngineProcess> {
  const child = spawn(process.execPath, [...TSX, 'test/helpers/engine-entry.ts'], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal as NodeJS.Signals))));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then((code) => reject(new Error(`engine exited (${code}) before listening:\n${stderr}`)));
  });
  return { child, port, url: `http://127.0.0.1:${port}`, stderr: () => stderr, exited };
}
