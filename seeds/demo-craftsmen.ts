import type { Region } from '../src/domain/regions/region.js';
import { makeProfile, type CraftsmanProfile, type Place } from './craftsman-profiles.js';
import { personName, type uniqueMobiles } from './names.js';
import type { Rng } from './prng.js';
import { qiannanCountyWeights, sector, sectors, type Sector } from './sectors.js';
import { tradesFor } from './taxonomy.js';

export interface DemoCraftsman {
  /** Stable key the runner maps to the stored id: 'cra-001' … */
  key: string;
  input: CraftsmanProfile;
}

const QIANNAN_NAME = '黔南布依族苗族自治州';
const DUYUN = '522701';

/** The demo craftsman (account craftsman.demo): an electrician and PLC man in 都匀, who fits the demo enterprise's requests. */
function demoCraftsman(phone: string): CraftsmanProfile {
  const skills = [
    { name: '设备维修', grade: 1 },
    { name: 'PLC编程', grade: 2 },
    { name: '电工', grade: 2 },
    { name: '电气控制', grade: 2 },
  ];
  return {
    name: '罗建华',
    phone,
    regionCode: DUYUN,
    honors: [
      { title: '都匀市劳动模范', level: 'county', year: 2016 },
      { title: '黔南工匠', level: 'prefecture', year: 2020 },
      { title: '贵州省技术能手', level: 'provincial', year: 2023 },
    ],
    skills,
    trades: tradesFor(skills.map((s) => s.name)),
    industries: ['装备制造', '设备维修'],
    studio: '罗建华技能大师工作室',
    serviceModes: ['onsite', 'remote', 'training', 'mentoring'],
    capacity: 4,
    bio: '从事设备维修和电气自动化工作 26 年，带领班组完成多条生产线 PLC 控制系统升级改造。现为企业首席技师，已带徒 15 人，常年参加劳模工匠助企行活动。',
  };
}

/** A second well-known name in 都匀 so that searching "zhangwei" finds someone. */
function zhangWei(rng: Rng, phone: string, place: Place): CraftsmanProfile {
  const profile = makeProfile(rng, { name: '张伟', phone, place, sector: sector('maintenance') });
  const skills = [{ name: '焊接', grade: 2 }, { name: '压力容器', grade: 3 }];
  return { ...profile, honors: [{ title: '都匀工匠', level: 'county', year: 2019 }], skills, trades: tradesFor(skills.map((s) => s.name)), bio: '从事焊接工作 19 年，长期从事锅炉和压力容器检修，焊接合格率保持在 99% 以上。热心传帮带，所带徒弟中多人已成长为技术骨干。' };
}

function pickSector(rng: Rng, countyCode: string): Sector {
  const entries = sectors.map((s) => [s, s.countyWeights[countyCode] ?? 0] as const).filter(([, w]) => w > 0);
  return entries.length > 0 ? rng.weighted(entries) : sector('maintenance');
}

/**
 * At least `count` craftsmen across 黔南州's 12 counties; every skill in `mustCover` is held by
 * someone (the demo requests need a fitting craftsman).
 */
export function buildDemoCraftsmen(input: { rng: Rng; nextMobile: ReturnType<typeof uniqueMobiles>; counties: readonly Region[]; count: number; mustCover: readonly string[] }): DemoCraftsman[] {
  const { rng, nextMobile, counties, count, mustCover } = input;
  const placeOf = (code: string): Place => {
    const county = counties.find((c) => c.code === code);
    if (!county) throw new Error(`黔南州没有区划 ${code}`);
    return { regionCode: code, countyName: county.name, prefectureName: QIANNAN_NAME };
  };
  const usedNames = new Set(['罗建华', '张伟']);
  const freshName = () => {
    for (;;) {
      const name = personName(rng);
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const profiles: CraftsmanProfile[] = [demoCraftsman(nextMobile()), zhangWei(rng, nextMobile(), placeOf(DUYUN))];
  const generate = (countyCode: string, chosen: Sector) => makeProfile(rng, { name: freshName(), phone: nextMobile(), place: placeOf(countyCode), sector: chosen });

  while (profiles.length < count) {
    const countyCode = rng.weighted(qiannanCountyWeights);
    profiles.push(generate(countyCode, pickSector(rng, countyCode)));
  }
  for (const skill of mustCover) {
    if (profiles.some((p) => p.skills.some((s) => s.name === skill))) continue;
    const home = sectors.find((s) => s.skills.includes(skill)) ?? sector('maintenance');
    const countyCode = rng.weighted(Object.entries(home.countyWeights));
    const profile = generate(countyCode, home);
    if (!profile.skills.some((s) => s.name === skill)) profile.skills = [{ name: skill, grade: 2 }, ...profile.skills].slice(0, 4);
    profile.trades = tradesFor(profile.skills.map((s) => s.name));
    profiles.push(profile);
  }
  return profiles.map((profile, index) => ({ key: `cra-${String(index + 1).padStart(3, '0')}`, input: profile }));
}
