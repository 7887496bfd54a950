import type { honorLevels} from '../craftsmen/craftsman.js';
import { type Honor } from '../craftsmen/craftsman.js';
import { matchFactors, type MatchFactor, type MatchingPolicy } from './policy.js';
import type { CraftsmanProfile, OrderQuery } from './profile.js';
import { relevanceGate, hasFitEvidence, type RelevanceGate } from './relevance.js';
import { askedCount, coverSkill, prepareSkillFit, skillAndGrade, type SkillFitQuery } from './skill-fit.js';
import type { SkillTaxonomy } from './skill-taxonomy.js';
import type { TokenDictionary, TokenSet } from './tokens.js';

/** Everything scoring needs besides the order and the craftsman; time and statistics come in, never from globals. */
export interface MatchContext {
  readonly taxonomy: SkillTaxonomy;
  readonly policy: MatchingPolicy;
  /** The moment of ranking (epoch ms or Date), for the recency factor. */
  readonly now: number | Date;
  /**
   * Orders like this one (e.g. same canonical skill or category) the craftsman has completed; absent = 0
   * for everyone. Called in the hot loop: back it by a rollup lookup, not a query.
   */
  readonly similarCompleted?: (craftsmanId: string, query: OrderQuery) => number;
  /** Inverse document frequency of a token over the pool; absent = every token weighs 1. */
  readonly idf?: (token: string) => number;
}

const HONOR_VALUE: Record<(typeof honorLevels)[number], number> = { national: 1, provincial: 0.75, prefecture: 0.5, county: 0.25 };
const DAY_MS = 86_400_000;

export interface SkillMatch {
  asked: string;
  /** The canonical skill held that covers `asked` (itself when exact). */
  held: string;
  /** The skill as the craftsman wrote it. */
  heldName: string;
  /** exact and related come from the taxonomy; similar from the skill names' words and characters. */
  relation: 'exact' | 'related' | 'similar';
  grade: number;
  /** 0..1, for a similar name only. */
  similarity?: number;
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
  /** No skill, related or similar skill, and too little of the order's wording: the relevance gate applied. */
  weakFit: boolean;
}

export interface FactorEvaluation {
  values: Record<MatchFactor, number>;
  evidence: FactorEvidence;
}

/** Per-query work done once, not per candidate. */
export interface PreparedQuery {
  readonly query: OrderQuery;
  readonly tokenWeights: ReadonlyArray<readonly [token: string, weight: number]>;
  /** The weights of `tokenWeights` alone, for the hot loop. */
  readonly weights: Float64Array;
  readonly tokenWeightSum: number;
  /** The order words as ids of the dictionary last scored against (profiles of one pool share one). */
  readonly tokenIds: { dictionary: TokenDictionary | null; size: number; ids: Int32Array };
  readonly remoteOnly: boolean;
  readonly nowMs: number;
  /** Related canonical skills per asked skill, resolved once. */
  readonly relatedSkills: ReadonlyArray<readonly string[]>;
  /** The skill layers (taxonomy, then similar names) for this query. */
  readonly skillFit: SkillFitQuery;
  /** How a candidate without fit evidence is held below every candidate with it. */
  readonly gate: RelevanceGate;
  readonly county: string;
  readonly prefecturePrefix: string;
  readonly provincePrefix: string;
  /** Policy weights in `matchFactors` order, scaled so that the total is 0..100. */
  readonly scaledWeights: Float64Array;
  /** Scratch space for `factorValues` in the hot loop. */
  readonly scratch: Float64Array;
  /**
   * The profile whose skill and grade values `scratch` holds: ranking bounds a candidate
   * (`optimisticTotal`) and then scores it, and the skill layers — similar names above all — are the
   * costliest part of both, so the score reuses what the bound computed.
   */
  readonly scratchSkillOf: { profile: CraftsmanProfile | null };
}

export function prepareQuery(query: OrderQuery, ctx: MatchContext): PreparedQuery {
  const tokenWeights = query.tokens.map((t) => [t, ctx.idf ? ctx.idf(t) : 1] as const).sort((a, b) => b[1] - a[1]);
  const modes = query.order.preferredModes;
  const code = query.order.regionCode;
  const skillFit = prepareSkillFit(query, ctx.taxonomy, ctx.idf ?? (() => 1));
  const weights = scaledWeights(ctx.policy);
  return {
    query,
    tokenWeights,
    weights: Float64Array.from(tokenWeights, ([, w]) => w),
    tokenWeightSum: tokenWeights.reduce((sum, [, w]) => sum + w, 0),
    tokenIds: { dictionary: null, size: 0, ids: new Int32Array(tokenWeights.length) },
    remoteOnly: modes.length > 0 && modes.every((m) => m === 'remote'),
    nowMs: typeof ctx.now === 'number' ? ctx.now : ctx.now.getTime(),
    relatedSkills: skillFit.relatedSkills,
    skillFit,
    gate: relevanceGate(ctx.policy, weights, askedCount(skillFit)),
    county: code,
    prefecturePrefix: code.slice(0, 4),
    provincePrefix: code.slice(0, 2),
    scaledWeights: weights,
    scratch: new Float64Array(matchFactors.length),
    scratchSkillOf: { profile: null },
  };
}

/** Weights in `matchFactors` order scaled by 100 / Σweights: the total is the weighted mean on a 0..100 scale. */
export function scaledWeights(policy: MatchingPolicy): Float64Array {
  const sum = matchFactors.reduce((s, f) => s + policy.weights[f], 0) || 1;
  return Float64Array.from(matchFactors, (f) => (100 * policy.weights[f]) / sum);
}

export { gradeValue } from './skill-fit.js';

/** Bayesian average (C·m + Σr)/(C + n): few ratings stay near the prior mean m, many speak for themselves. */
export function shrunkRating(sum: number, count: number, policy: Pick<MatchingPolicy, 'ratingPriorWeight' | 'ratingPriorMean'>): number {
  const c = policy.ratingPriorWeight;
  return c + count === 0 ? policy.ratingPriorMean : (c * policy.ratingPriorMean + sum) / (c + count);
}

/** Same county 3, same prefecture 2, same province 1, elsewhere 0 (as regionProximity, without allocating). */
function proximityOf(prepared: PreparedQuery, regionCode: string): 0 | 1 | 2 | 3 {
  if (regionCode === prepared.county) return 3;
  if (regionCode.startsWith(prepared.prefecturePrefix)) return 2;
  return regionCode.startsWith(prepared.provincePrefix) ? 1 : 0;
}

/** The idf-weighted sum of the order words the profile contains. */
function textHits(prepared: PreparedQuery, tokens: TokenSet): number {
  const cache = prepared.tokenIds;
  const dictionary = tokens.dictionary;
  // Resolved again when the dictionary grew: a word unknown before may have been interned since.
  if (cache.dictionary !== dictionary || cache.size !== dictionary.size) {
    prepared.tokenWeights.forEach(([token], i) => (cache.ids[i] = dictionary.idOf(token)));
    cache.dictionary = dictionary;
    cache.size = dictionary.size;
  }
  const ids = cache.ids;
  const weights = prepared.weights;
  let hit = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= 0 && tokens.hasId(id)) hit += weights[i]!;
  }
  return hit;
}

/**
 * The raw 0..1 value of every factor, in `matchFactors` order, written into `out`: the hot loop of
 * ranking, so no evidence is kept. `evaluateFactors` gives the same values with the facts behind them.
 */
export function factorValues(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext, out: Float64Array): Float64Array {
  if (out !== prepared.scratch) skillAndGrade(prepared.skillFit, profile, out);
  else if (prepared.scratchSkillOf.profile !== profile) {
    skillAndGrade(prepared.skillFit, profile, out);
    prepared.scratchSkillOf.profile = profile;
  }

  // Text: the share of the order's (idf-weighted) words that appear in the profile.
  const textHit = textHits(prepared, profile.tokens);

  // Place: on-site work needs travel; a remote-only request cares about distance only a little.
  const proximity = proximityOf(prepared, profile.regionCode);
  const similar = Math.max(0, ctx.similarCompleted?.(profile.id, prepared.query) ?? 0);
  const days = profile.lastAssignedMs === null ? null : Math.max(0, (prepared.nowMs - profile.lastAssignedMs) / DAY_MS);

  out[2] = prepared.tokenWeightSum > 0 ? textHit / prepared.tokenWeightSum : 0;
  out[3] = prepared.remoteOnly ? 0.5 + proximity / 6 : proximity / 3;
  out[4] = profile.topHonor ? HONOR_VALUE[profile.topHonor.level] : 0;
  out[5] = (shrunkRating(profile.ratingSum, profile.ratingCount, ctx.policy) - 1) / 4;
  // Diminishing returns: the third similar job says more than the thirtieth.
  out[6] = similar / (similar + 3);
  out[7] = profile.freeShare;
  out[8] = days === null ? 1 : Math.min(1, days / ctx.policy.recencyWindowDays);
  return out;
}

/** The factor values with the facts behind them, for explanations (slower than `factorValues`). */
export function evaluateFactors(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext): FactorEvaluation {
  const raw = factorValues(prepared, profile, ctx, new Float64Array(matchFactors.length));
  const values = Object.fromEntries(matchFactors.map((f, i) => [f, raw[i]!])) as Record<MatchFactor, number>;
  const skillMatches: SkillMatch[] = [];
  for (let i = 0; i < askedCount(prepared.skillFit); i++) {
    const cover = coverSkill(prepared.skillFit, profile, i);
    if (!cover) continue;
    const asked = prepared.query.skills[i] ?? prepared.query.order.title;
    const heldName = profile.skillNames.get(cover.canonical) ?? cover.canonical;
    skillMatches.push({ asked, held: cover.canonical, heldName, relation: cover.relation, grade: cover.grade, ...(cover.similarity === undefined ? {} : { similarity: cover.similarity }) });
  }
  const c = profile.craftsman;
  return {
    values,
    evidence: {
      skillMatches,
      proximity: proximityOf(prepared, c.regionCode),
      honor: profile.topHonor,
      rating: shrunkRating(profile.ratingSum, profile.ratingCount, ctx.policy),
      ratingCount: profile.ratingCount,
      similarCompleted: Math.max(0, ctx.similarCompleted?.(c._id, prepared.query) ?? 0),
      activeCount: c.activeCount,
      capacity: Math.max(1, c.capacity),
      daysSinceAssigned: profile.lastAssignedMs === null ? null : Math.max(0, (prepared.nowMs - profile.lastAssignedMs) / DAY_MS),
      matchedTokens: prepared.tokenWeights.filter(([t]) => profile.tokens.has(t)).map(([t]) => t),
      weakFit: !hasFitEvidence(prepared.gate, raw),
    },
  };
}

/**
 * An upper bound on a candidate's total without the two costly factors: text (a lookup per order
 * word) and experience (a statistics lookup) count as 1, everything else exactly. Ranking skips the
 * full score when even this cannot reach the current top k — the result stays exact while most
 * candidates cost a few comparisons.
 */
export function optimisticTotal(prepared: PreparedQuery, profile: CraftsmanProfile, ctx: MatchContext): number {
  const w = prepared.scaledWeights;
  const out = prepared.scratch;
  skillAndGrade(prepared.skillFit, profile, out);
  prepared.scratchSkillOf.profile = profile;
  const proximity = proximityOf(prepared, profile.regionCode);
  const days = profile.lastAssignedMs === null ? null : Math.max(0, (prepared.nowMs - profile.lastAssignedMs) / DAY_MS);
  return (
    w[0]! * out[0]! +
    w[1]! * out[1]! +
    w[2]! +
    w[3]! * (prepared.remoteOnly ? 0.5 + proximity / 6 : proximity / 3) +
    w[4]! * (profile.topHonor ? HONOR_VALUE[profile.topHonor.level] : 0) +
    w[5]! * ((shrunkRating(profile.ratingSum, profile.ratingCount, ctx.policy) - 1) / 4) +
    w[6]! +
    w[7]! * profile.freeShare +
    w[8]! * (days === null ? 1 : Math.min(1, days / ctx.policy.recencyWindowDays))
  );
}
