import { buildOrgTree, loadRegions } from '../../seeds/regions.js';
import type { UnionOrg } from '../domain/orgs/union-org.js';
import type { Region } from '../domain/regions/region.js';
import type { Store } from '../ports/store.js';

/** Provinces whose regions and federation tree are loaded on an empty store. */
export const DEFAULT_PROVINCES = ['52'];

/**
 * Loads GB/T 2260 regions and the federation tree mirroring them for each province, once: a store
 * that already has a province's regions is left as it is. Returns how many regions were added.
 */
export async function ensureReferenceData(store: Store, provinces: string[] = DEFAULT_PROVINCES): Promise<number> {
  const regions = store.collection<Region>('regions');
  const orgs = store.collection<UnionOrg>('orgs');
  let added = 0;
  for (const province of provinces) {
    if (await regions.findById(`${province}0000`)) continue;
    const loaded = loadRegions(province);
    const tree = buildOrgTree(loaded);
    await store.transaction(async () => {
      await regions.insertMany(loaded);
      await orgs.insertMany(tree);
    });
    added += loaded.length;
  }
  return added;
}
