import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

/** One page a person opens, as the modules whose chunks it needs, and the most it may cost on the wire. */
export interface PageBudget {
  name: string;
  /** Source modules (paths under src/web; the entry is index.html) whose chunks, with everything they import statically, the page loads. */
  modules: string[];
  /** Brotli bytes allowed for all of it (JS, CSS and, for the first page, index.html and the icons). */
  maxBytes: number;
  /** Also count index.html, the stylesheet it links and the files in public/: true for the page people land on. */
  landing?: boolean;
}

/** The parts of a build output this plugin reads (rolldown's and rollup's bundles both have them). */
type Output = { type: 'chunk'; code: string; facadeModuleId: string | null; imports: string[]; viteMetadata?: { importedCss: Set<string> } } | { type: 'asset'; source: string | Uint8Array };
type OutputBundle = Record<string, Output>;

const brotliSize = (body: string | Uint8Array) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** Every output file one page needs: the chunks of its modules and their static imports, with their CSS. */
function filesOf(bundle: OutputBundle, modules: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (fileName: string) => {
    if (files.has(fileName)) return;
    files.add(fileName);
    const item = bundle[fileName];
    if (item?.type !== 'chunk') return;
    for (const css of item.viteMetadata?.importedCss ?? []) files.add(css);
    for (const imported of item.imports) visit(imported);
  };
  for (const module of modules) {
    const found = Object.entries(bundle).find(([, c]) => c.type === 'chunk' && (c.facadeModuleId ?? '').endsWith(module));
    if (!found) throw new Error(`体积预算：找不到模块 ${module} 的产物`);
    visit(found[0]);
  }
  return files;
}

/**
 * Fails the build when a page would send more than its budget (brotli, what Chrome on a phone asks for),
 * and prints what each page costs on the wire. The budgets are in vite.config.ts.
 */
export function pageBudgets(budgets: PageBudget[], publicFiles: () => Array<{ name: string; body: Buffer }>): Plugin {
  // Under NODE_ENV other than production (vitest sets `test`) vite bundles React's development build,
  // which is larger than anything people get: the sizes are printed but not held to the budgets.
  let enforce = true;
  return {
    name: 'jiangxin-page-budgets',
    apply: 'build',
    configResolved(config) {
      enforce = config.isProduction;
    },
    generateBundle(_options, output) {
      const bundle = output as unknown as OutputBundle;
      const sizeOf = new Map<string, number>();
      const size = (fileName: string) => {
        let n = sizeOf.get(fileName);
        if (n === undefined) {
          const item = bundle[fileName];
          n = item ? brotliSize(item.type === 'chunk' ? item.code : item.source) : 0;
          sizeOf.set(fileName, n);
        }
        return n;
      };
      const lines: string[] = [];
      const over: string[] = [];
      for (const budget of budgets) {
        const files = filesOf(bundle, budget.modules);
        let bytes = [...files].reduce((sum, f) => sum + size(f), 0);
        if (budget.landing) {
          for (const f of Object.keys(bundle)) if (f.endsWith('.html') || (f.endsWith('.css') && !files.has(f) && /^assets\/index-/.test(f))) bytes += size(f);
          for (const p of publicFiles()) bytes += brotliSize(p.body);
        }
        lines.push(`  ${budget.name.padEnd(28)} ${kb(bytes).padStart(9)} / 上限 ${kb(budget.maxBytes).padStart(9)}（${files.size} 个文件）${bytes > budget.maxBytes ? '  超出！' : ''}`);
        if (bytes > budget.maxBytes) over.push(`${budget.name} ${kb(bytes)} > ${kb(budget.maxBytes)}`);
      }
      console.log(`各页面传输体积（brotli，含首屏所需全部 JS/CSS${budgets.some((b) => b.landing) ? '；登录页另含 index.html、图标与 manifest' : ''}）:\n${lines.join('\n')}`);
      if (over.length && enforce) this.error(`页面体积超出预算：${over.join('；')}`);
      if (!enforce) console.log('  （不是生产模式构建：打包的是 React 开发版，体积只作参考，不检查预算）');
    },
  };
}
