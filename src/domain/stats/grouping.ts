import type { UnionOrg } from '../orgs/union-org.js';
import { accumulate, finalize, newAccumulator, type Accumulator, type Figures } from './figures.js';
import type { BucketData } from './contributions.js';

/** Something located: a rollup bucket, or a craftsman. */
export interface Located {
  regionPath: string[];
}

/**
 * Which group of a report a located thing falls in, below `org`: the direct child org whose region
 * is on its path, or `own` (what belongs to the org itself). Federation orgs only: enterprise
 * unions sit inside their county's figures.
 */
export function childGrouper(org: UnionOrg, children: readonly UnionOrg[]): (item: Located) => string {
  const byCode = new Map(children.map((c) => [c.regionCode, c._id]));
  return (item) => {
    for (const code of item.regionPath) {
      if (code === org.regionCode) continue;
      const child = byCode.get(code);
      if (child) return child;
    }
    return 'own';
  };
}

/** The org among `orgs` whose region is the deepest on the path: whose own figures a thing counts in. */
export function nearestOrgGrouper(orgs: readonly UnionOrg[]): (item: Located) => string | null {
  const byCode = new Map(orgs.map((o) => [o.regionCode, o._id]));
  return (item) => {
    for (let i = item.regionPath.length - 1; i >= 0; i -= 1) {
      const found = byCode.get(item.regionPath[i] as string);
      if (found) return found;
    }
    return null;
  };
}

/** Folds buckets, active craftsmen and running pairings into figures per group; `groupsOf` names the groups a thing counts in. */
export function foldGroups(
  buckets: Iterable<BucketData & Located>,
  activeCraftsmen: Iterable<Located & { _id: string }>,
  groupsOf: (item: Located) => readonly string[],
  groupIds: readonly string[],
  activePairings: Iterable<Located> = [],
): Map<string, Figures> {
  const accs = new Map<string, Accumulator>(groupIds.map((id) => [id, newAccumulator()]));
  const people = new Map<string, string[]>(groupIds.map((id) => [id, []]));
  for (const bucket of buckets) for (const group of groupsOf(bucket)) {
    const acc = accs.get(group);
    if (acc) accumulate(acc, bucket);
  }
  for (const craftsman of activeCraftsmen) for (const group of groupsOf(craftsman)) people.get(group)?.push(craftsman._id);
  const running = new Map<string, number>();
  for (const pairing of activePairings) for (const group of groupsOf(pairing)) running.set(group, (running.get(group) ?? 0) + 1);
  return new Map(groupIds.map((id) => [id, finalize(accs.get(id) as Accumulator, people.get(id) ?? [], running.get(id) ?? 0)]));
}
