import type { UnionOrg } from '../src/domain/orgs/union-org.js';
import { orgIdForRegion } from '../src/domain/orgs/union-org.js';
import type { Region } from '../src/domain/regions/region.js';
import type { Role } from '../src/domain/users/user.js';
import { buildDemoCraftsmen, type DemoCraftsman } from './demo-craftsmen.js';
import { buildDemoEnterprises, type DemoEnterprise } from './demo-enterprises.js';
import { orderTemplates } from './demo-order-templates.js';
import { buildDemoOrders, type DemoOrder } from './demo-orders.js';
import { uniqueMobiles } from './names.js';
import { createRng, deriveSeed } from './prng.js';
import { buildOrgTree, loadRegions, QIANNAN_CODE } from './regions.js';

export type { DemoCraftsman } from './demo-craftsmen.js';
export type { DemoEnterprise } from './demo-enterprises.js';
export type { DemoOrder, DemoOrderScript, DemoServiceRecord } from './demo-orders.js';

/** A demo login; the runner supplies the password. Enterprise and craftsman accounts name their subject by key. */
export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  orgId?: string;
  /** Staff who may manage staff logins of their org and below. */
  canManageAccounts?: boolean;
  enterpriseKey?: string;
  craftsmanKey?: string;
}

export interface DemoData {
  seed: number;
  /** 贵州省 with all its prefectures and counties. */
  regions: Region[];
  /** One federation per region (贵州省总工会, 黔南州总工会, 都匀市总工会 …). */
  orgs: UnionOrg[];
  enterprises: DemoEnterprise[];
  craftsmen: DemoCraftsman[];
  orders: DemoOrder[];
  accounts: DemoAccount[];
}

export const DEMO_SEED = 20261125;
const DEMO_CRAFTSMAN_COUNT = 156;

export const demoAccounts: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员' },
  { username: 'qn.union', role: 'union_staff', displayName: '黔南州总工会 杨晓燕', orgId: orgIdForRegion(QIANNAN_CODE), canManageAccounts: true },
  { username: 'dy.union', role: 'union_staff', displayName: '都匀市总工会 吴国平', orgId: orgIdForRegion('522701') },
  { username: 'fq.union', role: 'union_staff', displayName: '福泉市总工会 陈丽华', orgId: orgIdForRegion('522702') },
  { username: 'ent.demo', role: 'enterprise', displayName: '都匀市黔锋机械制造有限公司', enterpriseKey: 'ent-001' },
  { username: 'craftsman.demo', role: 'craftsman', displayName: '罗建华', craftsmanKey: 'cra-001' },
];

/**
 * The demo world of 黔南州: enterprises, craftsmen and requests with the state each should reach.
 * Plain data, nothing stored; the same seed always gives the same data.
 */
export function buildDemoData(seed: number = DEMO_SEED): DemoData {
  const regions = loadRegions('52');
  const counties = regions.filter((r) => r.parentCode === QIANNAN_CODE);
  const nextMobile = uniqueMobiles(createRng(deriveSeed(seed, 'phones')));
  const enterprises = buildDemoEnterprises(createRng(deriveSeed(seed, 'enterprises')), nextMobile);
  const mustCover = [...new Set(Object.values(orderTemplates).flatMap((list) => list.flatMap((t) => t.requiredSkills)))];
  const craftsmen = buildDemoCraftsmen({ rng: createRng(deriveSeed(seed, 'craftsmen')), nextMobile, counties, count: DEMO_CRAFTSMAN_COUNT, mustCover });
  const orders = buildDemoOrders(createRng(deriveSeed(seed, 'orders')), enterprises, craftsmen);
  return {
    seed,
    regions,
    orgs: buildOrgTree(regions),
    enterprises,
    craftsmen,
    orders,
    accounts: demoAccounts.map((a) => ({ ...a })),
  };
}
