import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pageBudgets, type PageBudget } from './build/budget-plugin.ts';
import { precompress } from './build/precompress-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const KB = 1024;

/**
 * What each page may cost on the wire (brotli), checked by every build: the build fails when one is
 * exceeded. The login page and the craftsman's pages are what a phone on a slow link opens; staff
 * pages (board, statistics with ECharts, editors) load only when staff open them.
 */
const budgets: PageBudget[] = [
  { name: '登录页（全部）', modules: ['index.html'], maxBytes: 150 * KB, landing: true },
  { name: '劳模工匠·我的任务', modules: ['index.html', 'src/craftsman/PhoneShell.tsx', 'src/craftsman/Inbox.tsx'], maxBytes: 150 * KB },
  { name: '劳模工匠·需求详情', modules: ['index.html', 'src/craftsman/PhoneShell.tsx', 'src/pages/OrderPage.tsx'], maxBytes: 150 * KB },
  { name: '工会·派单看板', modules: ['index.html', 'src/components/Shell.tsx', 'src/union/DispatchBoard.tsx'], maxBytes: 400 * KB },
  { name: '工会·统计（ECharts）', modules: ['index.html', 'src/components/Shell.tsx', 'src/union/StatsPage.tsx'], maxBytes: 560 * KB },
];

const publicFiles = () => readdirSync(join(root, 'public')).map((name) => ({ name, body: readFileSync(join(root, 'public', name)) }));

/** The console: built into src/web/dist and served by the engine at `/` (same origin as `/api`). */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), pageBudgets(budgets, publicFiles), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1200,
    // No inline scripts (helmet's CSP is script-src 'self'): the module preload polyfill is inline.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' } },
});
