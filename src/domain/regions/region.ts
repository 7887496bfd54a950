/** 行政区划: province (省), prefecture (州/市), county (县/区/县级市). */
export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  _id: string;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  [key: string]: unknown;
}

export function regionLevelOf(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/**
 * The codes from the province down to `code` itself: 522701 → [520000, 522700, 522701].
 * Stored on every located record so that "in the subtree of X" is one equality match on an array.
 */
export function regionPath(code: string): string[] {
  const province = `${code.slice(0, 2)}0000`;
  const prefecture = `${code.slice(0, 4)}00`;
  const path = [province];
  if (prefecture !== province) path.push(prefecture);
  if (code !== prefecture && code !== province) path.push(code);
  return path;
}

/** How close two places are: 3 same county, 2 same prefecture, 1 same province, 0 elsewhere. */
export function regionProximity(a: string, b: string): 0 | 1 | 2 | 3 {
  if (a === b) return 3;
  if (a.slice(0, 4) === b.slice(0, 4)) return 2;
  if (a.slice(0, 2) === b.slice(0, 2)) return 1;
  return 0;
}
