// Run after `npm ci --omit=dev` (the image's production dependencies, and the test that installs them).
//
// npm keeps a devDependency in a production install when a production package names it as an optional
// peer (lockfile flag `devOptional`): @bull-board/api → valibot → typescript (23 MB of compiler). An
// optional peer is by definition not needed, so such packages are removed, unless a production package
// depends on them for real (then they stay).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? process.cwd();
const packages = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages;
const nameOf = (path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

const neededForReal = new Set();
for (const entry of Object.values(packages)) {
  if (entry.dev || entry.devOptional) continue;
  for (const field of ['dependencies', 'optionalDependencies']) {
    for (const name of Object.keys(entry[field] ?? {})) neededForReal.add(name);
  }
}

const removed = [];
for (const [path, entry] of Object.entries(packages)) {
  if (!entry.devOptional || neededForReal.has(nameOf(path))) continue;
  const target = join(dir, path);
  if (!existsSync(target)) continue;
  rmSync(target, { recursive: true, force: true });
  removed.push(nameOf(path));
}
console.log(removed.length ? `removed optional peers that only development needs: ${removed.join(', ')}` : 'no optional peers to remove');
