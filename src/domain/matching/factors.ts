import { honorLevels, topHonor, type Honor } from '../craftsmen/craftsman.js';
import { regionProximity } from '../regions/region.js';
import type { MatchFactor, MatchingPolicy } from './policy.js';
import type { CraftsmanProfile, OrderQuery } from './profile.js';
import type { SkillRelation, SkillTaxonomy } from './skill-taxonomy.js';

/** Everything scoring needs besides the order and the craftsman; time and statistics come in, never from globals. */
export interface MatchContext {
  readonly taxonomy: SkillTaxonomy;
  readonly policy: MatchingPolicy;
  /** The moment of ranking (epoch ms or Date), for the recency factor. */
  readonly now: number | Date;
  /** Orders like this one (same category/skill) the craftsman has completed; absent = 0 for everyone. */
  readonly similarCompleted?: (craftsmanId: string) => number;
  /** Inverse document frequency of a token over the pool; absent = every token weighs 1. */
  readonly idf?: (token: string) => number;
}

/** Credit for a related skill relative to the skill itself (焊接 asked, 压力容器 held). */
export const RELATED_SKILL_CREDIT = 0.4;
const HONOR_VALUE: Record<(typeof honorLevels)[number], number> = { national: 1, provincial: 0.75, prefecture: 0.5, county: 0.25 };
const DAY_MS = 86_400_000;

export interface SkillMatch {
  asked: string;
  /** The skill as the craftsman wrote it. */
  heldName: string;
  relation: Exclude<SkillRelation, 'none'>;
  grade: number;
}

/** Why each factor has its value: the facts explanations are written from. */
export interface FactorEvidence {
  skillMatches: SkillMatch[];
  proximity: 0 | 1 | 2 | 3;
  honor: Honor | null;
  /** Bayesian-shrunk rating (1..5) and the number of ratings behind it. */
  rating: number;
  ratingCount: number;
  similarCompleted: number;
  activeCount: number;
  capacity: number;
  /** Days since the last assignment, null if never assigned. */
  daysSinceAssigned: number | null;
  /** Order tokens found in the profile, heaviest first (filled only when explaining). */
  matchedTokens: string[];
}

export interface FactorEvaluation {
  values: Record<MatchFactor, number>;
  evidence: FactorEvidence;
}

/** Per-query work done once, not per candidate. */
export interface PreparedQuery {
  readonly query: OrderQuery;
  readonly tokenWeights: ReadonlyArray<readonly [token: string, weight: number]>;
  readonly tokenWeightSum: number;
  readonly remoteOnly: boolean;
  readonly nowMs: number;
}

export function prepareQuery(query: OrderQuery, ctx: MatchContext): PreparedQuery {
  const tokenWeights = query.tokens.map((t) => [t, ctx.idf ? ctx.idf(t) : 1] as const).sort((a, b) => b[1] - a[1]);
  const modes = query.order.preferredModes;
  return {
    query,
    tokenWeights,
    tokenWeightSum: tokenWeights.reduce((sum, [, w]) => sum + w, 0),
    remoteOnly: modes.length > 0 && modes.every((m) => m === 'remote'),
    nowMs: typeof ctx.now === 'number' ? ctx.now : ctx.now.getTime(),
  };
}

/** 1 = 一级/高级技师 → 1.0 … 5 = 五级/初级工 → 0.2. */
export const gradeValue = (grade: number) => Math.max(0, Math.min(1, (6 - grade) / 5));

/** Bayesian average (C·m + Σr)/(C + n): few ratings stay near the prior mean m, many speak for themselves. */
export function shrunkRating(ratings: readonly number[], policy: Pick<MatchingPolicy, 'ratingPriorWeight' | 'ratingPriorMean'>): number {
  const sum = ratings.reduce((s, r) => s + r, 0);
  const c = policy.ratingPriorWeight;
  const n = ratings.length;
  return c + n === 0 ? policy.ratingPriorMean : (c * policy.ratingPriorMean + sum) / (c + n);
}

export function evaluateFactors(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext, explain = false): FactorEvaluation {
  const { query } = prepared;
  const c = profile.craftsman;

  // Skill and grade: each asked skill counts once, by the best way the craftsman covers it.
  const skillMatches: SkillMatch[] = [];
  let skillSum = 0;
  let gradeSum = 0;
  for (const asked of query.skills) {
    let best: SkillMatch | null = null;
    const exactGrade = profile.skillGrades.get(asked);
    if (exactGrade !== undefined) best = { asked, heldName: profile.skillNames.get(asked) ?? asked, relation: 'exact', grade: exactGrade };
    else {
      for (const relatedSkill of ctx.taxonomy.relatedTo(asked)) {
        const grade = profile.skillGrades.get(relatedSkill);
        if (grade !== undefined && (!best || grade < best.grade)) best = { asked, heldName: profile.skillNames.get(relatedSkill) ?? relatedSkill, relation: 'related', grade };
      }
    }
    if (!best) continue;
    skillMatches.push(best);
    const credit = best.relation === 'exact' ? 1 : RELATED_SKILL_CREDIT;
    skillSum += credit;
    gradeSum += credit * gradeValue(best.grade);
  }
  const asked = Math.max(1, query.skills.length);

  // Text: the share of the order's (idf-weighted) words that appear in the profile.
  let textHit = 0;
  const matchedTokens: string[] = [];
  for (const [token, weight] of prepared.tokenWeights) {
    if (!profile.tokens.has(token)) continue;
    textHit += weight;
    if (explain) matchedTokens.push(token);
  }

  // Place: on-site work needs travel; a remote-only request cares about distance only a little.
  const proximity = regionProximity(query.order.regionCode, c.regionCode);
  const region = prepared.remoteOnly ? 0.5 + proximity / 6 : proximity / 3;

  const honor = topHonor(c.honors);
  const ratings = c.recentRatings.length > 0 ? c.recentRatings : c.rating !== null && c.ratingCount > 0 ? Array<number>(c.ratingCount).fill(c.rating) : [];
  const rating = shrunkRating(ratings, ctx.policy);
  const similarCompleted = Math.max(0, ctx.similarCompleted?.(c._id) ?? 0);
  const capacity = Math.max(1, c.capacity);
  const daysSinceAssigned = c.lastAssignedAt === null ? null : Math.max(0, (prepared.nowMs - Date.parse(c.lastAssignedAt)) / DAY_MS);

  return {
    values: {
      skill: skillSum / asked,
      grade: gradeSum / asked,
      text: prepared.tokenWeightSum > 0 ? textHit / prepared.tokenWeightSum : 0,
      region,
      honor: honor ? HONOR_VALUE[honor.level] : 0,
      rating: (rating - 1) / 4,
      // Diminishing returns: the third similar job says more than the thirtieth.
      experience: similarCompleted / (similarCompleted + 3),
      load: Math.max(0, 1 - c.activeCount / capacity),
      recency: daysSinceAssigned === null ? 1 : Math.min(1, daysSinceAssigned / ctx.policy.recencyWindowDays),
    },
    evidence: { skillMatches, proximity, honor, rating, ratingCount: ratings.length, similarCompleted, activeCount: c.activeCount, capacity, daysSinceAssigned, matchedTokens },
  };
}
