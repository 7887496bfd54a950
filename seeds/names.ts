import { weightedPicker, type Rng } from './prng.js';

/** Common surnames weighted roughly by frequency, with the Bouyei, Miao and Shui surnames common in Qiannan (韦, 蒙, 莫, 潘, 石, 岑, 覃, 班). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 70], ['李', 70], ['张', 65], ['刘', 50], ['陈', 45], ['杨', 45], ['吴', 35], ['罗', 30], ['黄', 30], ['周', 25],
  ['赵', 22], ['韦', 28], ['蒙', 15], ['莫', 14], ['潘', 16], ['石', 14], ['龙', 12], ['陆', 12], ['岑', 6], ['覃', 8],
  ['班', 5], ['徐', 15], ['孙', 14], ['马', 12], ['朱', 12], ['胡', 14], ['郭', 10], ['何', 14], ['高', 10], ['林', 8],
  ['郑', 8], ['梁', 8], ['谢', 8], ['宋', 7], ['唐', 9], ['许', 6], ['韩', 6], ['冯', 7], ['邓', 8], ['曹', 6],
  ['彭', 6], ['曾', 7], ['肖', 7], ['田', 8], ['董', 5], ['袁', 6], ['蒋', 6], ['蔡', 5], ['余', 7], ['杜', 5],
  ['叶', 5], ['程', 5], ['魏', 5], ['吕', 4], ['丁', 4], ['任', 4], ['姚', 4], ['卢', 5], ['钟', 4], ['谭', 5],
  ['汪', 4], ['金', 4], ['廖', 5], ['付', 4], ['邹', 4], ['熊', 5], ['雷', 4], ['文', 5], ['简', 3], ['饶', 3],
];

const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '鹏', '波', '刚', '明', '辉', '健', '林', '峰', '俊', '亮', '浩',
  '建国', '建华', '建军', '国强', '国平', '志强', '志刚', '志勇', '永红', '永强', '德明', '德华', '光明', '海波', '海涛', '红兵',
  '文斌', '文杰', '学军', '卫东', '庆华', '正荣', '开明', '仕林', '昌贵', '廷富', '贵平', '兴旺', '启明', '泽林', '家富', '顺才',
  '承志', '宏宇', '晓东', '晓峰', '俊杰', '子豪', '宇航', '浩然', '明轩', '天佑',
];
const FEMALE_GIVEN = [
  '芳', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '萍', '红', '琴', '梅', '英', '兰', '慧', '婷', '雪', '倩', '颖',
  '秀英', '桂英', '秀兰', '玉兰', '玉梅', '海燕', '春梅', '丽华', '晓燕', '晓丽', '小红', '金花', '仙花', '桃花', '美玲', '雪梅',
  '秀芬', '明珠', '彩霞', '丽娟', '婷婷', '佳怡', '欣怡', '雨欣', '思琪', '梦瑶', '瑞雪', '春燕', '翠萍', '应梅', '光秀', '金凤',
];

const pickSurname = weightedPicker(SURNAMES);

export type Gender = 'male' | 'female';

export function personName(rng: Rng, gender: Gender = rng.chance(0.7) ? 'male' : 'female'): string {
  const surname = pickSurname(rng);
  return surname + rng.pick(gender === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
}

/** Mainland mobile prefixes of the three carriers (中国移动、联通、电信). */
const MOBILE_PREFIXES = [
  '134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '172', '178', '182', '183', '187', '188', '198',
  '130', '131', '132', '155', '156', '166', '175', '176', '185', '186', '133', '153', '173', '177', '180', '181', '189', '191', '199',
];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** Mobile numbers that never repeat within one generator. */
export function uniqueMobiles(rng: Rng): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const phone = mobileNumber(rng);
      if (!used.has(phone)) {
        used.add(phone);
        return phone;
      }
    }
  };
}
