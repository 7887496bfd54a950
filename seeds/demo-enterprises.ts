import type { EnterpriseCreate } from '../src/domain/enterprises/enterprise.js';
import { makeCreditCode } from './credit-codes.js';
import { personName, type uniqueMobiles } from './names.js';
import type { Rng } from './prng.js';
import type { SectorKey } from './sectors.js';

export type EnterpriseProfile = Omit<EnterpriseCreate, 'account'>;

export interface DemoEnterprise {
  /** Stable key the runner maps to the stored id: 'ent-001' … */
  key: string;
  input: EnterpriseProfile;
  /** Which sector's requests it posts, and how many. */
  sector: SectorKey;
  orderCount: number;
}

interface EnterpriseSpec {
  regionCode: string;
  name: string;
  industry: string;
  address: string;
  sector: SectorKey;
  orderCount: number;
}

const spec = (regionCode: string, name: string, industry: string, address: string, sector: SectorKey, orderCount = 2): EnterpriseSpec => ({
  regionCode, name, industry, address, sector, orderCount,
});

/** The first one is the demo enterprise (account ent.demo) in 都匀市. */
const ENTERPRISES: readonly EnterpriseSpec[] = [
  spec('522701', '都匀市黔锋机械制造有限公司', '装备制造', '都匀市经济开发区洛邦工业园 B 区 8 号', 'maintenance', 4),
  spec('522701', '都匀市毛尖山茶业有限公司', '茶产业', '都匀市毛尖镇螺蛳壳茶园路 16 号', 'tea'),
  spec('522701', '黔南绿源水务有限公司', '水务', '都匀市剑江南路 112 号', 'maintenance'),
  spec('522701', '都匀市匀城新型建材有限公司', '建材', '都匀市墨冲镇工业集中区 3 号', 'building'),
  spec('522701', '都匀市顺达汽车维修服务有限公司', '汽车维修', '都匀市斗篷山路 57 号', 'automotive'),
  spec('522701', '都匀市剑江电力安装工程有限公司', '电力供应', '都匀市杉木湖大道 208 号', 'power'),
  spec('522702', '福泉市金泉磷化工有限公司', '磷化工', '福泉市双龙工业园区磷化工大道 9 号', 'phosphorus'),
  spec('522702', '福泉市马场坪新型建材有限公司', '建材', '福泉市马场坪街道建材园 21 号', 'building'),
  spec('522702', '福泉市龙昌精细化工有限公司', '磷化工', '福泉市龙昌镇精细化工园 5 号', 'phosphorus'),
  spec('522702', '福泉市牛场机电设备有限公司', '装备制造', '福泉市牛场镇工业园 12 号', 'equipment'),
  spec('522725', '瓮安县玉华磷化有限公司', '磷化工', '瓮安县玉山镇瓮安经济开发区 1 号', 'phosphorus'),
  spec('522725', '瓮安县永和矿业有限公司', '采矿业', '瓮安县永和镇矿区路 3 号', 'mining'),
  spec('522725', '瓮安县江界河环保科技有限公司', '环保', '瓮安县银盏镇化工园区污水处理厂', 'phosphorus'),
  spec('522725', '瓮安县建中茶叶有限公司', '茶产业', '瓮安县建中镇茶海大道 18 号', 'tea'),
  spec('522722', '荔波县樟江旅游开发有限公司', '文化旅游', '荔波县玉屏街道樟江东路 66 号', 'tourism'),
  spec('522722', '荔波县瑶山民族文化发展有限公司', '民族服饰', '荔波县瑶山瑶族乡懂蒙村', 'textile', 1),
  spec('522722', '荔波县小七孔酒店管理有限公司', '文化旅游', '荔波县驾欧镇小七孔景区游客中心旁', 'tourism', 1),
  spec('522723', '贵定县云雾山茶业有限公司', '茶产业', '贵定县云雾镇鸟王村', 'tea'),
  spec('522723', '贵定县昌明水泥有限公司', '建材', '贵定县昌明镇工业园区 2 号', 'building', 1),
  spec('522723', '贵定县盘江食品有限公司', '食品加工', '贵定县盘江镇食品产业园 7 号', 'food', 1),
  spec('522726', '独山县麻尾新型建材有限公司', '建材', '独山县麻尾镇经济开发区 15 号', 'building', 1),
  spec('522726', '独山县影山中药材开发有限公司', '中药材', '独山县影山镇药材基地', 'herbal'),
  spec('522726', '独山县盐酸菜食品有限公司', '食品加工', '独山县百泉镇食品工业园 4 号', 'food'),
  spec('522727', '平塘县天眼文化旅游有限公司', '文化旅游', '平塘县克度镇天文小镇游客中心', 'tourism'),
  spec('522727', '平塘县通州农业开发有限公司', '现代农业', '平塘县通州镇农业园区', 'agriculture', 1),
  spec('522728', '罗甸县红水河果蔬有限公司', '现代农业', '罗甸县龙坪镇红水河大道 99 号', 'agriculture'),
  spec('522728', '罗甸县边阳中药材开发有限公司', '中药材', '罗甸县边阳镇产业园 6 号', 'herbal'),
  spec('522729', '长顺县广顺农产品加工有限公司', '现代农业', '长顺县广顺镇农产品加工园 3 号', 'agriculture'),
  spec('522729', '长顺县睦化中药材科技有限公司', '中药材', '长顺县睦化乡中药材种植示范园', 'herbal', 1),
  spec('522730', '龙里县刺梨食品有限公司', '食品加工', '龙里县谷脚镇刺梨产业园 8 号', 'food'),
  spec('522730', '龙里县谷脚精密机械有限公司', '装备制造', '龙里县谷脚镇龙里经济开发区 26 号', 'equipment'),
  spec('522730', '龙里县醒狮建筑工程有限公司', '建筑业', '龙里县醒狮镇建设路 40 号', 'construction'),
  spec('522731', '惠水县好花红汽车服务有限公司', '汽车维修', '惠水县和平镇涟江大道 128 号', 'automotive'),
  spec('522731', '惠水县枫香染民族工艺品有限公司', '民族服饰', '惠水县好花红镇民族工艺街 11 号', 'textile'),
  spec('522732', '三都水族自治县马尾绣文化产业有限公司', '民族服饰', '三都水族自治县三合街道水韵路 20 号', 'textile'),
  spec('522732', '三都水族自治县九阡酒业有限公司', '食品加工', '三都水族自治县九阡镇酒厂路 1 号', 'food', 1),
];

export function buildDemoEnterprises(rng: Rng, nextMobile: ReturnType<typeof uniqueMobiles>): DemoEnterprise[] {
  return ENTERPRISES.map((e, index) => ({
    key: `ent-${String(index + 1).padStart(3, '0')}`,
    sector: e.sector,
    orderCount: e.orderCount,
    input: {
      name: e.name,
      creditCode: makeCreditCode(e.regionCode, rng),
      industry: e.industry,
      regionCode: e.regionCode,
      address: `贵州省黔南布依族苗族自治州${e.address}`,
      contact: { name: personName(rng), phone: nextMobile() },
    },
  }));
}
