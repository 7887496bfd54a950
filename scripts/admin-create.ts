/**
 * `npm run admin:create`: adds an admin login to the configured store (DATA_DIR or MONGODB_URI).
 * Reads ADMIN_USERNAME and ADMIN_PASSWORD (at least 12 characters), or asks for them on a terminal.
 * The embedded store belongs to one process: stop the engine first, or, while it runs, sign in as an
 * admin and create the login in the console (系统管理 → 账号管理) or with POST /api/users.
 */
import { z } from 'zod';
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { ConfigError, loadConfig } from '../src/config.js';
import { passwordSchema, usernameSchema } from '../src/domain/users/user.js';
import { buildEngine, type Engine } from '../src/engine.js';
import { AppError } from '../src/errors.js';

const adminPassword = passwordSchema.min(12, '管理员密码至少 12 位');

async function ask(question: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: stdin, output: stdout, terminal: true });
  if (hidden) {
    // Echo nothing of what is typed after the question.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput.bind(rl);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write(s);
    };
  }
  const answer = await rl.question(question);
  rl.close();
  if (hidden) stdout.write('\n');
  return answer;
}

async function credentials(fromEnv: { username: string; password: string } | undefined): Promise<{ username: string; password: string }> {
  if (fromEnv) return fromEnv;
  if (!stdin.isTTY) throw new AppError({ kind: 'invalid', code: 'ADMIN_CREDENTIALS_MISSING', message: '请设置 ADMIN_USERNAME 与 ADMIN_PASSWORD（至少 12 位），或在终端中运行以便输入' });
  const username = usernameSchema.parse(await ask('管理员用户名: ', false));
  const password = adminPassword.parse(await ask('密码（至少 12 位）: ', true));
  if ((await ask('再次输入密码: ', true)) !== password) throw new AppError({ kind: 'invalid', code: 'PASSWORD_MISMATCH', message: '两次输入的密码不一致' });
  return { username, password };
}

let engine: Engine | null = null;
try {
  const config = loadConfig();
  const { username, password } = await credentials(config.initialAdmin);
  try {
    engine = await buildEngine({ ...config, seedDemo: false });
  } catch (error) {
    console.error(`无法打开存储（${error instanceof Error ? error.message : String(error)}）。`);
    console.error('若服务正在运行：请先停止服务再运行本命令，或以管理员身份登录控制台（系统管理 → 账号管理）创建账号。');
    process.exit(1);
  }
  const admin = await engine.services.users.createAdmin({ username, password, displayName: '系统管理员' }, 'npm run admin:create');
  console.log(`已创建系统管理员：${admin.username}`);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 2;
  } else if (error instanceof z.ZodError) {
    console.error(`未创建：${error.issues.map((i) => i.message).join('；')}`);
    process.exitCode = 1;
  } else if (error instanceof AppError) {
    console.error(`未创建：${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} finally {
  await engine?.close();
}
