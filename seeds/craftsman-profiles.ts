import type { CraftsmanCreate, Honor, HonorLevel, Skill } from '../src/domain/craftsmen/craftsman.js';
import type { ServiceMode } from '../src/domain/shared/values.js';
import { weightedPicker, type Rng } from './prng.js';
import { shortPrefectureName } from './regions.js';
import type { Sector } from './sectors.js';
import { tradesFor } from './taxonomy.js';

/** A craftsman's profile as registration takes it (no login account). */
export type CraftsmanProfile = Omit<CraftsmanCreate, 'account'>;

/** Where a craftsman works, by name: titles of honours are named after the places that give them. */
export interface Place {
  regionCode: string;
  countyName: string;
  prefectureName: string;
}

const COUNTY_SUFFIX = /(?:(?:布依|苗|侗|土家|彝|回|水|仡佬|瑶|壮)族)*(?:自治县|特区|市|县|区)$/;

/** 都匀市 → 都匀, 三都水族自治县 → 三都. */
export function countyShortName(name: string): string {
  const short = name.replace(COUNTY_SUFFIX, '');
  return short.length >= 2 ? short : name;
}

function honorTitles(level: HonorLevel, place: Place): readonly (readonly [string, number])[] {
  const prefecture = shortPrefectureName(place.prefectureName);
  const prefectureBare = prefecture.replace(/[州市]$/, '');
  switch (level) {
    case 'national':
      return [['全国劳动模范', 3], ['全国五一劳动奖章', 4], ['大国工匠', 1], ['全国技术能手', 3]];
    case 'provincial':
      return [['贵州省劳动模范', 4], ['贵州省五一劳动奖章', 3], ['贵州工匠', 3], ['贵州省技术能手', 3]];
    case 'prefecture':
      return [[`${prefecture}劳动模范`, 4], [`${prefectureBare}工匠`, 4], [`${prefecture}五一劳动奖章`, 2], [`${prefecture}技术能手`, 2]];
    case 'county':
      return [[`${place.countyName}劳动模范`, 4], [`${countyShortName(place.countyName)}工匠`, 4], [`${place.countyName}五一劳动奖章`, 2]];
  }
}

const pickTopHonor = weightedPicker<HonorLevel | null>([['national', 3], ['provincial', 12], ['prefecture', 35], ['county', 40], [null, 10]]);
const pickHonouredGrade = weightedPicker([[1, 3], [2, 4], [3, 3], [4, 1], [5, 0.3]]);
const pickOtherGrade = weightedPicker([[1, 0.5], [2, 2], [3, 4], [4, 3], [5, 1]]);
const pickSkillCount = weightedPicker([[1, 2], [2, 4], [3, 3], [4, 2]]);
const pickCapacity = weightedPicker([[1, 1], [2, 3], [3, 4], [4, 2], [5, 1]]);

const LEVELS_FROM_COUNTY: readonly HonorLevel[] = ['county', 'prefecture', 'provincial', 'national'];

/** Honours earned bottom-up: a provincial model worker usually was a county and prefecture one before. */
export function makeHonors(rng: Rng, place: Place): Honor[] {
  const top = pickTopHonor(rng);
  if (top === null) return [];
  const topIndex = LEVELS_FROM_COUNTY.indexOf(top);
  let year = rng.int(2006, 2018);
  const honors: Honor[] = [];
  for (const [index, level] of LEVELS_FROM_COUNTY.entries()) {
    if (index > topIndex) break;
    if (index < topIndex && !rng.chance(0.55)) continue;
    honors.push({ title: rng.weighted(honorTitles(level, place)), level, year: Math.min(year, 2025) });
    year += rng.int(2, 4);
  }
  return honors;
}

function skillGrade(rng: Rng, honoured: boolean): number {
  return honoured ? pickHonouredGrade(rng) : pickOtherGrade(rng);
}

export function makeSkills(rng: Rng, sector: Sector, honoured: boolean): Skill[] {
  const [primary, ...others] = sector.skills;
  const count = pickSkillCount(rng);
  // The sector's first skills are its core; most people hold one of them as their main skill.
  const main = rng.chance(0.6) ? (primary as string) : rng.pick(sector.skills.slice(0, 4));
  const rest = rng.sample(others.filter((s) => s !== main), count - 1);
  const grades = [main, ...rest].map(() => skillGrade(rng, honoured)).sort((a, b) => a - b);
  return [main, ...rest].map((name, i) => ({ name, grade: grades[i] as number }));
}

function serviceModes(rng: Rng, honoured: boolean): ServiceMode[] {
  const modes: ServiceMode[] = [];
  if (rng.chance(0.9)) modes.push('onsite');
  if (rng.chance(0.55)) modes.push('remote');
  if (rng.chance(honoured ? 0.55 : 0.25)) modes.push('training');
  if (rng.chance(honoured ? 0.45 : 0.2)) modes.push('mentoring');
  return modes.length > 0 ? modes : ['onsite'];
}

const STUDIO_KINDS = ['劳模创新工作室', '技能大师工作室', '工匠创新工作室'] as const;
const BIO_CLOSINGS = [
  '现为企业首席技师，已带徒十余人。',
  '多次参加劳模工匠助企行活动，深入企业开展技术帮扶。',
  '热心传帮带，所带徒弟中多人已成长为技术骨干。',
  '坚持在生产一线解决实际问题，乐于把经验分享给年轻职工。',
  '常年利用业余时间为中小企业义务提供技术咨询。',
] as const;

export function makeProfile(rng: Rng, input: { name: string; phone: string; place: Place; sector: Sector }): CraftsmanProfile {
  const { name, phone, place, sector } = input;
  const honors = makeHonors(rng, place);
  const honoured = honors.length > 0;
  const skills = makeSkills(rng, sector, honoured);
  const topLevel = honors[honors.length - 1]?.level;
  const studio =
    topLevel === 'national' || ((topLevel === 'provincial' || topLevel === 'prefecture') && rng.chance(0.45))
      ? `${name}${rng.pick(STUDIO_KINDS)}`
      : null;
  const years = rng.int(8, 32);
  const mainSkill = (skills[0] as Skill).name;
  return {
    name,
    phone,
    regionCode: place.regionCode,
    honors,
    skills,
    trades: tradesFor(skills.map((s) => s.name)),
    industries: [sector.industry],
    studio,
    serviceModes: serviceModes(rng, honoured),
    capacity: pickCapacity(rng),
    bio: `从事${mainSkill}工作 ${years} 年，${rng.pick(sector.achievements)}。${rng.pick(BIO_CLOSINGS)}`,
  };
}
