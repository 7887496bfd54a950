import type { CraftsmanProfile, OrderQuery } from './profile.js';
import { resolveAsked, SIMILAR_SKILL_CREDIT, similarity, type AskedUnits } from './skill-similarity.js';
import { RELATED_SKILL_CREDIT, type SkillTaxonomy } from './skill-taxonomy.js';
import type { TokenDictionary } from './tokens.js';

/** 1 = 一级/高级技师 → 1.0 … 5 = 五级/初级工 → 0.2. */
export const gradeValue = (grade: number) => Math.max(0, Math.min(1, (6 - grade) / 5));

/**
 * How a craftsman covers the asked skills, in three layers, the precise one first: the taxonomy's
 * skill itself (credit 1), a skill it relates (RELATED_SKILL_CREDIT), else a skill name similar by its
 * words and characters (SIMILAR_SKILL_CREDIT × similarity). Per-query state lives here.
 */
export interface SkillFitQuery {
  readonly skills: readonly string[];
  /** Related canonical skills per asked skill, resolved once. */
  readonly relatedSkills: ReadonlyArray<readonly string[]>;
  /** Per asked item: whether the taxonomy defines it (then only names it does not know are compared). */
  readonly askedKnown: readonly boolean[];
  /** Units per asked skill (or one phrase of the title when the order names none). */
  readonly phrases: ReadonlyArray<readonly string[]>;
  readonly idf: (unit: string) => number;
  /** The phrases resolved against the dictionary last scored against, and unit weights met so far. */
  readonly cache: {
    dictionary: TokenDictionary | null;
    size: number;
    asked: AskedUnits[];
    heldWeight: Map<number, number>;
    /** idf of a unit id of `dictionary`, remembered per query (made once per dictionary, not per candidate). */
    heldWeightOf: ((id: number) => number) | null;
  };
}

export function prepareSkillFit(query: OrderQuery, taxonomy: SkillTaxonomy, idf: (unit: string) => number): SkillFitQuery {
  return {
    skills: query.skills,
    relatedSkills: query.skills.map((s) => [...taxonomy.relatedTo(s)]),
    askedKnown: query.skillPhrases.map((_, i) => query.skills[i] !== undefined && taxonomy.isKnown(query.skills[i])),
    phrases: query.skillPhrases,
    idf,
    cache: { dictionary: null, size: 0, asked: [], heldWeight: new Map(), heldWeightOf: null },
  };
}

/** The asked phrases as unit ids of `dictionary`, resolved again when it grew (a unit unknown before may exist now). */
export function askedUnitsFor(fit: SkillFitQuery, dictionary: TokenDictionary): AskedUnits[] {
  return resolved(fit, dictionary).asked;
}

function resolved(fit: SkillFitQuery, dictionary: TokenDictionary): SkillFitQuery['cache'] {
  const cache = fit.cache;
  if (cache.dictionary !== dictionary || cache.size !== dictionary.size) {
    cache.asked = fit.phrases.map((units) => resolveAsked(units, dictionary, fit.idf, fit.skills.length === 0));
    cache.heldWeight.clear();
    const weights = cache.heldWeight;
    cache.heldWeightOf = (id) => {
      let w = weights.get(id);
      if (w === undefined) weights.set(id, (w = fit.idf(dictionary.wordOf(id) ?? '')));
      return w;
    };
    cache.dictionary = dictionary;
    cache.size = dictionary.size;
  }
  return cache;
}

/** How many asked items the skill factor averages over: the asked skills, or the title phrase alone. */
export const askedCount = (fit: SkillFitQuery) => Math.max(1, fit.skills.length, fit.phrases.length);

export interface SkillCover {
  canonical: string;
  relation: 'exact' | 'related' | 'similar';
  grade: number;
  /** The skill credit this cover earns (1, RELATED_SKILL_CREDIT or SIMILAR_SKILL_CREDIT × similarity). */
  credit: number;
  similarity?: number;
}

const RELATIONS = ['exact', 'related', 'similar'] as const;
/** Scratch for `bestCover` in the hot loop: [relation index, credit, grade, similarity, canonical index]. */
const cover = new Float64Array(5);

/**
 * The best way the craftsman covers asked item `i`, written into `cover` without allocating (this runs
 * for every candidate looked at); false when nothing covers it. Exact wins outright; otherwise the
 * larger credit, a better grade on a tie.
 */
function bestCover(fit: SkillFitQuery, profile: CraftsmanProfile, i: number): boolean {
  const asked = fit.skills[i];
  if (asked !== undefined) {
    const exact = profile.skillGrades.get(asked);
    if (exact !== undefined) return write(0, 1, exact, 0, -1);
  }
  let found = false;
  const related = fit.relatedSkills[i] ?? [];
  for (let r = 0; r < related.length; r++) {
    const grade = profile.skillGrades.get(related[r]!);
    if (grade !== undefined && (!found || grade < cover[2]!)) found = write(1, RELATED_SKILL_CREDIT, grade, 0, r);
  }
  const dictionary = profile.tokens.dictionary;
  const phrase = askedUnitsFor(fit, dictionary)[i];
  if (!phrase) return found;
  const heldWeight = fit.cache.heldWeightOf!;
  for (let h = 0; h < profile.heldSkills.length; h++) {
    const held = profile.heldSkills[h]!;
    if (held.known && fit.askedKnown[i]) continue;
    const sim = similarity(phrase, held.units, heldWeight);
    if (sim === 0) continue;
    const credit = SIMILAR_SKILL_CREDIT * sim;
    const grade = profile.skillGrades.get(held.canonical) ?? 5;
    if (!found || credit > cover[1]! || (credit === cover[1]! && grade < cover[2]!)) found = write(2, credit, grade, sim, h);
  }
  return found;
}

function write(relation: number, credit: number, grade: number, sim: number, which: number): true {
  cover[0] = relation;
  cover[1] = credit;
  cover[2] = grade;
  cover[3] = sim;
  cover[4] = which;
  return true;
}

/** The best way the craftsman covers asked item `i`, or null (for explanations). */
export function coverSkill(fit: SkillFitQuery, profile: CraftsmanProfile, i: number): SkillCover | null {
  if (!bestCover(fit, profile, i)) return null;
  const relation = RELATIONS[cover[0]!]!;
  const which = cover[4]!;
  const canonical = relation === 'exact' ? fit.skills[i]! : relation === 'related' ? fit.relatedSkills[i]![which]! : profile.heldSkills[which]!.canonical;
  return { canonical, relation, grade: cover[2]!, credit: cover[1]!, ...(relation === 'similar' ? { similarity: cover[3]! } : {}) };
}

/** Writes the skill (out[0]) and grade (out[1]) values: each asked item counts once, by the best way it is covered. */
export function skillAndGrade(fit: SkillFitQuery, profile: CraftsmanProfile, out: Float64Array): void {
  const n = askedCount(fit);
  let skillSum = 0;
  let gradeSum = 0;
  for (let i = 0; i < n; i++) {
    if (!bestCover(fit, profile, i)) continue;
    skillSum += cover[1]!;
    gradeSum += cover[1]! * gradeValue(cover[2]!);
  }
  out[0] = skillSum / n;
  out[1] = gradeSum / n;
}
