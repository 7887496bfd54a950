import { describe, expect, it } from 'vitest';
import { buildOrgTree, enterpriseUnionOrg, loadRegions, shortPrefectureName } from '../../../seeds/regions.js';

const QIANNAN_COUNTIES: [string, string][] = [
  ['522701', '都匀市'], ['522702', '福泉市'], ['522722', '荔波县'], ['522723', '贵定县'], ['522725', '瓮安县'], ['522726', '独山县'],
  ['522727', '平塘县'], ['522728', '罗甸县'], ['522729', '长顺县'], ['522730', '龙里县'], ['522731', '惠水县'], ['522732', '三都水族自治县'],
];

describe('regions from GB/T 2260', () => {
  const guizhou = loadRegions('52');

  it('when Guizhou is loaded, then 黔南州 and its 12 county-level units are there with their names', () => {
    expect(guizhou.find((r) => r.code === '520000')).toMatchObject({ name: '贵州省', level: 'province', parentCode: null });
    expect(guizhou.find((r) => r.code === '522700')).toMatchObject({ _id: '522700', name: '黔南布依族苗族自治州', level: 'prefecture', parentCode: '520000' });
    const counties = guizhou.filter((r) => r.parentCode === '522700').map((r) => [r.code, r.name]);
    expect(counties).toEqual(QIANNAN_COUNTIES);
  });

  it('when another province is loaded, then it has its own regions', () => {
    const yunnan = loadRegions('530000');
    expect(yunnan[0]).toMatchObject({ code: '530000', name: '云南省' });
    expect(yunnan.some((r) => r.code === '532900' && r.level === 'prefecture')).toBe(true);
  });

  it('when an unknown province is asked for, then it throws', () => {
    expect(() => loadRegions('99')).toThrow();
  });

  it('when prefecture names are shortened, then ethnic autonomous prefectures become X州', () => {
    expect(shortPrefectureName('黔南布依族苗族自治州')).toBe('黔南州');
    expect(shortPrefectureName('黔东南苗族侗族自治州')).toBe('黔东南州');
    expect(shortPrefectureName('西双版纳傣族自治州')).toBe('西双版纳州');
    expect(shortPrefectureName('贵阳市')).toBe('贵阳市');
  });
});

describe('union org tree', () => {
  const orgs = buildOrgTree(loadRegions('52'));
  const byId = new Map(orgs.map((o) => [o._id, o]));

  it('when built for Guizhou, then each level has its federation with the right name', () => {
    expect(byId.get('org_520000')).toMatchObject({ name: '贵州省总工会', level: 'province', parentId: null, ancestorIds: [] });
    expect(byId.get('org_522700')).toMatchObject({ name: '黔南州总工会', level: 'prefecture', parentId: 'org_520000', ancestorIds: ['org_520000'] });
    expect(byId.get('org_522701')).toMatchObject({ name: '都匀市总工会', level: 'county', regionCode: '522701', parentId: 'org_522700', ancestorIds: ['org_520000', 'org_522700'] });
    expect(byId.get('org_522732')?.name).toBe('三都水族自治县总工会');
  });

  it('when any org is read, then its ancestors run root first and end with its parent, and parents come first in the list', () => {
    const position = new Map(orgs.map((o, i) => [o._id, i]));
    for (const org of orgs) {
      expect(org.ancestorIds.at(-1) ?? null).toBe(org.parentId);
      if (org.parentId) {
        const parent = byId.get(org.parentId);
        expect(parent).toBeDefined();
        expect(org.ancestorIds).toEqual([...(parent?.ancestorIds ?? []), org.parentId]);
        expect(position.get(org.parentId)).toBeLessThan(position.get(org._id) ?? -1);
      }
    }
  });

  it('when an enterprise union is made, then it hangs under its county federation', () => {
    const county = byId.get('org_522701');
    if (!county) throw new Error('no county org');
    const union = enterpriseUnionOrg({ _id: 'e1', name: '都匀市黔锋机械制造有限公司', regionCode: '522701' }, county);
    expect(union).toEqual({
      _id: 'org_ent_e1',
      name: '都匀市黔锋机械制造有限公司工会',
      level: 'enterprise',
      regionCode: '522701',
      parentId: 'org_522701',
      ancestorIds: ['org_520000', 'org_522700', 'org_522701'],
      enterpriseId: 'e1',
    });
  });
});
