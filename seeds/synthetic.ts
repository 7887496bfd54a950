import type { Craftsman, CraftsmanStatus } from '../src/domain/craftsmen/craftsman.js';
import { DEFAULT_RATING_RULE, shrunkRating } from '../src/domain/craftsmen/rating.js';
import type { Enterprise } from '../src/domain/enterprises/enterprise.js';
import { regionPath, type Region } from '../src/domain/regions/region.js';
import { makeProfile, type Place } from './craftsman-profiles.js';
import { makeCreditCode } from './credit-codes.js';
import { personName, uniqueMobiles } from './names.js';
import { createRng, deriveSeed, weightedPicker, type Rng } from './prng.js';
import { loadRegions, QIANNAN_CODE } from './regions.js';
import { qiannanCountyWeights, sectors, type Sector } from './sectors.js';


/** Ids of generated documents: syn_cra_0000001 … (fixed width keeps string order = number order up to ten million). */
export const syntheticId = (kind: 'cra' | 'ent' | 'ord' | 'svc', index: number) => `syn_${kind}_${String(index + 1).padStart(7, '0')}`;

interface GuizhouGeography {
  places: Map<string, Place>;
  /** Qiannan by its demo weights (about 80%), the rest of Guizhou's counties evenly. */
  pickCounty: (rng: Rng) => string;
  /** Each county's industries by their local weight; counties outside Qiannan get every sector alike. */
  pickSector: (rng: Rng, countyCode: string) => Sector;
}

let geography: GuizhouGeography | null = null;
export function guizhouGeography(): GuizhouGeography {
  if (geography) return geography;
  const regions = loadRegions('52');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const counties = regions.filter((r): r is Region & { parentCode: string } => r.level === 'county' && r.parentCode !== null);
  const places = new Map<string, Place>(
    counties.map((c) => [c.code, { regionCode: c.code, countyName: c.name, prefectureName: byCode.get(c.parentCode)?.name ?? '' }]),
  );
  const others = counties.filter((c) => c.parentCode !== QIANNAN_CODE);
  const qiannanTotal = qiannanCountyWeights.reduce((sum, [, w]) => sum + w, 0);
  const perOther = (qiannanTotal / 4) / Math.max(1, others.length);
  const sectorPickers = new Map(
    counties.map((c) => {
      const local = sectors.map((s) => [s, s.countyWeights[c.code] ?? 0] as const).filter(([, w]) => w > 0);
      return [c.code, weightedPicker(local.length > 0 ? local : sectors.map((s) => [s, 1] as const))];
    }),
  );
  geography = {
    places,
    pickCounty: weightedPicker([...qiannanCountyWeights, ...others.map((c) => [c.code, perOther] as const)]),
    pickSector: (rng, countyCode) => (sectorPickers.get(countyCode) ?? ((r: Rng) => r.pick(sectors)))(rng),
  };
  return geography;
}

const START_MS = Date.UTC(2025, 0, 1);
const END_MS = Date.UTC(2026, 10, 24);
export const randomInstant = (rng: Rng, fromMs = START_MS, toMs = END_MS) => new Date(fromMs + Math.floor(rng.next() * (toMs - fromMs))).toISOString();

const pickStatus = weightedPicker<CraftsmanStatus>([['active', 90], ['paused', 5], ['suspended', 3], ['exited', 2]]);
const pickRating = weightedPicker([[5, 6], [4, 3], [3, 1], [2, 0.3], [1, 0.1]]);
const STATUS_REASONS: Record<CraftsmanStatus, string> = { active: '', paused: '本人申请暂停接单', suspended: '近期评价偏低，暂停派单待复核', exited: '已退休，本人申请退出人才库' };

/**
 * `count` craftsmen shaped like stored documents, mostly in 黔南州 and the rest across 贵州省.
 * Names and phones may repeat between people as in life; ids never do. Same seed, same output.
 */
export function generateCraftsmen(count: number, seed: number): Craftsman[] {
  const rng = createRng(deriveSeed(seed, 'synthetic-craftsmen'));
  const nextMobile = uniqueMobiles(createRng(deriveSeed(seed, 'synthetic-phones')));
  const { places, pickCounty, pickSector } = guizhouGeography();
  const out: Craftsman[] = new Array<Craftsman>(count);
  for (let i = 0; i < count; i += 1) {
    const countyCode = pickCounty(rng);
    const place = places.get(countyCode) as Place;
    const profile = makeProfile(rng, { name: personName(rng), phone: nextMobile(), place, sector: pickSector(rng, countyCode) });
    const status = pickStatus(rng);
    const ratingCount = rng.chance(0.35) ? 0 : rng.int(1, 40);
    const recentRatings = Array.from({ length: Math.min(ratingCount, DEFAULT_RATING_RULE.window) }, () => pickRating(rng));
    const createdAt = randomInstant(rng);
    const activeCount = status === 'active' ? rng.int(0, profile.capacity) : 0;
    out[i] = {
      _id: syntheticId('cra', i),
      ...profile,
      regionPath: regionPath(countyCode),
      status,
      ...(status === 'active' ? {} : { statusReason: STATUS_REASONS[status] }),
      rating: shrunkRating(recentRatings),
      ratingCount,
      recentRatings,
      completedCount: ratingCount + rng.int(0, 3),
      activeCount,
      lastAssignedAt: ratingCount + activeCount > 0 ? randomInstant(rng, Date.parse(createdAt)) : null,
      createdAt,
      updatedAt: randomInstant(rng, Date.parse(createdAt)),
    };
  }
  return out;
}

const COMPANY_FORMS = ['有限公司', '有限责任公司', '股份有限公司'] as const;
const TRADE_NAMES = ['黔锋', '匀州', '剑江', '福源', '瓮福', '云雾', '樟江', '龙腾', '盘江', '涟江', '红水河', '兴黔', '金桥', '恒泰', '鑫达', '华信', '宏远', '永安', '百川', '同心'];

/** Enterprises shaped like stored documents, with valid credit codes. */
export function generateEnterprises(count: number, seed: number): Enterprise[] {
  const rng = createRng(deriveSeed(seed, 'synthetic-enterprises'));
  const nextMobile = uniqueMobiles(createRng(deriveSeed(seed, 'synthetic-enterprise-phones')));
  const { places, pickCounty, pickSector } = guizhouGeography();
  return Array.from({ length: count }, (_, i) => {
    const countyCode = pickCounty(rng);
    const place = places.get(countyCode) as Place;
    const sector = pickSector(rng, countyCode);
    const createdAt = randomInstant(rng);
    return {
      _id: syntheticId('ent', i),
      name: `${place.countyName}${rng.pick(TRADE_NAMES)}${sector.industry}${rng.pick(COMPANY_FORMS)}`,
      creditCode: makeCreditCode(countyCode, rng),
      industry: sector.industry,
      regionCode: countyCode,
      regionPath: regionPath(countyCode),
      address: `${place.prefectureName}${place.countyName}工业园区 ${rng.int(1, 300)} 号`,
      contact: { name: personName(rng), phone: nextMobile() },
      createdAt,
      updatedAt: createdAt,
    };
  });
}
