import { creditCodeCheckChar } from '../../src/domain/shared/credit-code.js';
import type { CraftsmanCreate } from '../../src/domain/craftsmen/craftsman.js';
import type { EnterpriseCreate } from '../../src/domain/enterprises/enterprise.js';
import type { OrderCreate } from '../../src/domain/orders/order.js';
import { ADMIN, tokenFor, unique, type TestEngine } from './engine.js';

let serial = 0;
/** A valid 统一社会信用代码 for a region, different each call. */
export function creditCode(regionCode = '522701'): string {
  serial += 1;
  const org = `M${(Date.now() % 1e4).toString().padStart(4, '0')}${serial.toString().padStart(4, '0')}`.slice(0, 9);
  const first17 = `91${regionCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}

export const buildEnterprise = (overrides: Partial<EnterpriseCreate> = {}): EnterpriseCreate => ({
  name: `都匀市测试机械有限公司${unique()}`,
  creditCode: creditCode(overrides.regionCode),
  industry: '装备制造',
  regionCode: '522701',
  address: '都匀市经济开发区',
  contact: { name: '王经理', phone: '13885412345' },
  ...overrides,
});

export const buildCraftsman = (overrides: Partial<CraftsmanCreate> = {}): CraftsmanCreate => ({
  name: '李建国',
  phone: '13985400001',
  regionCode: '522701',
  honors: [{ title: '黔南州劳动模范', level: 'prefecture', year: 2022 }],
  skills: [{ name: '焊接', grade: 2 }],
  trades: ['焊工'],
  industries: ['装备制造'],
  studio: null,
  serviceModes: ['onsite', 'remote'],
  capacity: 3,
  bio: '从事压力容器焊接二十年',
  ...overrides,
});

export const buildOrder = (overrides: Partial<OrderCreate> = {}): OrderCreate => ({
  title: '反应釜焊缝渗漏',
  description: '磷化工车间反应釜焊缝出现渗漏，需要焊接专家现场诊断并指导返修。',
  category: 'technical_problem',
  requiredSkills: ['焊接'],
  urgency: 'normal',
  preferredModes: ['onsite'],
  expectedBy: null,
  autoDispatch: false,
  ...overrides,
});

/** An enterprise registered by admin, with a token for its own login. */
export async function enterpriseWithToken(t: TestEngine, overrides: Partial<EnterpriseCreate> = {}) {
  const enterprise = await t.engine.services.enterprises.create(ADMIN, buildEnterprise(overrides));
  const token = await tokenFor(t, { role: 'enterprise', subjectId: enterprise._id, displayName: enterprise.name });
  return { enterprise, token };
}

export async function craftsmanWithToken(t: TestEngine, overrides: Partial<CraftsmanCreate> = {}) {
  const craftsman = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman(overrides));
  const token = await tokenFor(t, { role: 'craftsman', subjectId: craftsman._id, displayName: craftsman.name });
  return { craftsman, token };
}

export const staffToken = (t: TestEngine, regionCode: string) => tokenFor(t, { role: 'union_staff', orgRegionCode: regionCode });
export const adminToken = (t: TestEngine) => tokenFor(t, { role: 'admin' });
