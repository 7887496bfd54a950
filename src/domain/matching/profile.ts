import { topHonor, type Craftsman, type Honor } from '../craftsmen/craftsman.js';
import type { Order } from '../orders/order.js';
import { detectSkills, normaliseSkillText, type SkillTaxonomy } from './skill-taxonomy.js';
import { skillUnits, type HeldSkillUnits } from './skill-similarity.js';
import { TokenDictionary, type TokenSet } from './tokens.js';

/** Text segmentation comes from outside (jieba in the app and scripts) so the domain stays pure. */
export type Segment = (text: string) => string[];

/**
 * A craftsman prepared for matching (a snapshot: prepare again when the craftsman changes): skills reduced to canonical names with the best grade held,
 * and the profile text segmented once — segmenting 100,000 bios per query would dominate ranking.
 */
export interface CraftsmanProfile {
  readonly craftsman: Craftsman;
  /** canonical skill → best (lowest) grade held; 1 = 一级/高级技师. */
  readonly skillGrades: ReadonlyMap<string, number>;
  /** canonical skill → the name as the craftsman wrote it, for explanations. */
  readonly skillNames: ReadonlyMap<string, string>;
  /** Distinct meaningful tokens of bio, skills, trades, industries and studio, as ids in the pool's dictionary. */
  readonly tokens: TokenSet;
  /** Each skill as written, by its units (words and character pairs), for names the taxonomy does not know. */
  readonly heldSkills: readonly HeldSkillUnits[];
  /**
   * Derived once so the hot loop neither parses dates nor walks arrays, and reads the craftsman's
   * fields from one object shape (stored documents come in many shapes, and reading them costs a
   * slow property lookup per field at 100,000 candidates).
   */
  readonly id: string;
  readonly regionCode: string;
  /** 1 − activeCount / capacity, at least 0: the load factor. */
  readonly freeShare: number;
  readonly topHonor: Honor | null;
  readonly ratingSum: number;
  readonly ratingCount: number;
  readonly lastAssignedMs: number | null;
}

/** An order prepared for matching. */
export interface OrderQuery {
  readonly order: Order;
  /** Canonical skills asked for: the listed ones, or — when none are listed — those named in the title, else in the description. */
  readonly skills: readonly string[];
  readonly skillsFromText: boolean;
  /** Distinct meaningful tokens of the title and description. */
  readonly tokens: readonly string[];
  /**
   * The units of each asked skill as the enterprise wrote it and by its canonical name, aligned with
   * `skills`; when the order names no skill at all, one phrase of the title's units stands for the work.
   */
  readonly skillPhrases: ReadonlyArray<readonly string[]>;
}

// Words every request and profile uses; they say nothing about who fits.
const STOPWORDS = new Set([
  '我们', '你们', '他们', '需要', '希望', '进行', '一个', '一些', '问题', '企业', '公司', '工作', '技术', '情况', '目前',
  '现在', '相关', '能够', '可以', '要求', '帮助', '协助', '解决', '提供', '经验', '从事', '多年', '以上', '以及', '并且',
  '没有', '出现', '已经', '主要', '负责', '熟悉', '擅长', '具有', '进一步', '有限公司', '有限责任公司', '本人', '员工',
]);

/** Keeps tokens that can carry meaning: at least two characters, not a stopword, not a bare number. */
export function meaningfulTokens(raw: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const token of raw) {
    const t = normaliseSkillText(token);
    if (t.length < 2 || STOPWORDS.has(t) || /^[\d.%-]+$/.test(t) || /^[\p{P}\p{S}]+$/u.test(t)) continue;
    out.add(t);
  }
  return [...out];
}

/**
 * `dictionary` is the pool's (a `CandidateIndex` passes its own); a profile prepared alone gets a
 * dictionary of its own, which is correct but costs a word lookup per order word when scored.
 */
export function prepareCraftsman(craftsman: Craftsman, taxonomy: SkillTaxonomy, segment: Segment, dictionary: TokenDictionary = new TokenDictionary()): CraftsmanProfile {
  const skillGrades = new Map<string, number>();
  const skillNames = new Map<string, string>();
  for (const skill of craftsman.skills) {
    const key = taxonomy.canonical(skill.name);
    const held = skillGrades.get(key);
    if (held === undefined || skill.grade < held) {
      skillGrades.set(key, skill.grade);
      skillNames.set(key, skill.name);
    }
  }
  // Whole skill, trade and industry names count as tokens too: jieba may split 压力容器 into 压力 + 容器.
  const wholeNames = [...craftsman.skills.map((s) => s.name), ...skillGrades.keys(), ...craftsman.trades, ...craftsman.industries];
  const text = [craftsman.bio, craftsman.studio ?? '', ...wholeNames].join(' ');
  const held = craftsman.skills.map((s) => {
    const canonical = taxonomy.canonical(s.name);
    return { canonical, known: taxonomy.isKnown(canonical), units: meaningfulTokens([...skillUnits(s.name, segment), ...skillUnits(canonical, segment)]) };
  });
  // Skill-name units are profile words too, so the pool's document frequencies weigh them.
  const tokens = dictionary.setOf(meaningfulTokens([...wholeNames, ...segment(text), ...held.flatMap((h) => h.units)]));
  const heldSkills = held.map((h) => ({ canonical: h.canonical, known: h.known, units: dictionary.setOf(h.units).ids }));
  // The rating window when present; otherwise the stored average stands for every rating it summarises.
  const ratings = craftsman.recentRatings.length > 0 ? craftsman.recentRatings : [];
  const fallback = ratings.length === 0 && craftsman.rating !== null && craftsman.ratingCount > 0;
  return {
    craftsman,
    skillGrades,
    skillNames,
    tokens,
    heldSkills,
    id: craftsman._id,
    regionCode: craftsman.regionCode,
    freeShare: Math.max(0, 1 - craftsman.activeCount / Math.max(1, craftsman.capacity)),
    topHonor: topHonor(craftsman.honors),
    ratingSum: fallback ? (craftsman.rating ?? 0) * craftsman.ratingCount : ratings.reduce((sum, r) => sum + r, 0),
    ratingCount: fallback ? craftsman.ratingCount : ratings.length,
    lastAssignedMs: craftsman.lastAssignedAt === null ? null : Date.parse(craftsman.lastAssignedAt),
  };
}

export function prepareOrder(order: Order, taxonomy: SkillTaxonomy, segment: Segment): OrderQuery {
  const listed = [...new Set(order.requiredSkills.map((s) => taxonomy.canonical(s)))];
  const text = `${order.title} ${order.description}`;
  // Unlisted, the skills the title names are the work; the description's are context (涉及变电运维环节)
  // and stand in only when the title names none.
  const titled = listed.length > 0 ? [] : detectSkills(taxonomy, order.title);
  const skills = listed.length > 0 ? listed : titled.length > 0 ? titled : detectSkills(taxonomy, text);
  const written = (canonical: string) => order.requiredSkills.filter((s) => taxonomy.canonical(s) === canonical);
  // Only the asked skills' names are compared with held names when there are any: the title's words
  // already count in the text factor, and comparing every title with every skill name cost more than
  // it changed (no ranking on the development or hard-case set moved).
  const skillPhrases =
    skills.length > 0
      ? skills.map((skill) => meaningfulTokens([...written(skill), skill].flatMap((name) => skillUnits(name, segment))))
      : [meaningfulTokens(skillUnits(order.title, segment))];
  return { order, skills, skillsFromText: listed.length === 0, tokens: meaningfulTokens([...order.requiredSkills, ...segment(text)]), skillPhrases };
}
