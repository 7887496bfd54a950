import { matchFactors, type MatchingPolicy } from './policy.js';
import { RELATED_SKILL_CREDIT } from './skill-taxonomy.js';
import { MIN_SIMILAR_CREDIT } from './skill-similarity.js';

/**
 * 关联度优先: relevance gates reputation.
 *
 * The total stays a weighted mean of the factors for a candidate with evidence of fit; one without —
 * no asked skill, no related or similar skill, and too little of the order's wording in the profile —
 * gets a total squeezed into a band below every fitting candidate (`weakTotal`), inside which the
 * order's wording still comes first. We chose a tier made by a floor over a plain product
 * (fit × reputation) because a product ties every unrelated candidate at 0 and lets a sliver of
 * evidence be outweighed by honours again as soon as the product is not exactly 0; the gate instead
 * guarantees an order, for every policy:
 *
 *   the weakest evidence earns at least `floor` points from its own factor (a similar skill name at the
 *   least similarity, a related skill, or text at TEXT_EVIDENCE_MIN, each times its scaled weight),
 *   and the gate squeezes any total without evidence below half of that floor.
 *
 * So no amount of honours, proximity or rating lifts an unrelated candidate above a related one, while
 * among the unrelated (when nobody fits) place and reputation still order the fallback list. Between
 * candidates who both fit, the weights speak as before. A factor the org weighs at 0 is no evidence.
 */

/** The share of the order's (idf-weighted) words a profile must contain for its text alone to count as fit. */
export const TEXT_EVIDENCE_MIN = 0.25;
/**
 * Inside the weak tier the order's wording still speaks first: a profile sharing some of it (a 木工 who
 * restores old buildings, for 古建彩绘) is the better fallback than an honoured stranger, so text
 * decides this share of a weak total and place and reputation the rest.
 */
const WEAK_TEXT_SHARE = 0.7;

export interface RelevanceGate {
  /** Multiplier for every contribution of a candidate without fit evidence (1 when the policy weighs no fit factor). */
  readonly weakShare: number;
  /** Skill value above which the skill factor is evidence (Infinity when the policy ignores skill). */
  readonly skillMin: number;
  /** Text value from which the text factor is evidence (Infinity when the policy ignores text). */
  readonly textMin: number;
  /** The part of a weak total the text decides (0 when the policy ignores text). */
  readonly textShare: number;
  /** Σ scaled weights of the factors that are not fit (place, reputation, load …), for the weak total. */
  readonly contextWeight: number;
}

const SKILL = matchFactors.indexOf('skill');
const GRADE = matchFactors.indexOf('grade');
const TEXT = matchFactors.indexOf('text');
const isContext = (i: number) => i !== SKILL && i !== GRADE && i !== TEXT;

/** The gate for one query: `askedCount` spreads the weakest skill evidence over every asked skill. */
export function relevanceGate(policy: MatchingPolicy, scaledWeights: Float64Array, askedCount: number): RelevanceGate {
  const minSkill = Math.min(RELATED_SKILL_CREDIT, MIN_SIMILAR_CREDIT) / Math.max(1, askedCount);
  const floors: number[] = [];
  if (policy.weights.skill > 0) floors.push(scaledWeights[SKILL]! * minSkill);
  if (policy.weights.text > 0) floors.push(scaledWeights[TEXT]! * TEXT_EVIDENCE_MIN);
  let contextWeight = 0;
  for (let i = 0; i < scaledWeights.length; i++) if (isContext(i)) contextWeight += scaledWeights[i]!;
  if (floors.length === 0) return { weakShare: 1, skillMin: Infinity, textMin: Infinity, textShare: 0, contextWeight };
  const floor = Math.min(...floors);
  return {
    // A weak total is at most weakShare × 100 (see weakContributions), so it stays below floor / 2.
    weakShare: floor / 2 / 100,
    skillMin: policy.weights.skill > 0 ? 0 : Infinity,
    textMin: policy.weights.text > 0 ? TEXT_EVIDENCE_MIN : Infinity,
    textShare: policy.weights.text > 0 ? WEAK_TEXT_SHARE : 0,
    contextWeight,
  };
}

/** Whether raw factor values (in `matchFactors` order) show fit to the order. */
export function hasFitEvidence(gate: RelevanceGate, values: Float64Array): boolean {
  return values[SKILL]! > gate.skillMin || values[TEXT]! >= gate.textMin;
}

/**
 * The total of a candidate without fit evidence: weakShare × 100 × (textShare × text / textMin +
 * (1 − textShare) × the weighted mean of the context factors). Both parts are below 1 (text is under
 * textMin, or it would be evidence), so the total stays below weakShare × 100.
 */
export function weakTotal(gate: RelevanceGate, scaledWeights: Float64Array, values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += weakContribution(gate, scaledWeights, values, i);
  return total;
}

/** Factor `i`'s points in a weak total (skill and grade are 0 there: any skill credit is evidence). */
export function weakContribution(gate: RelevanceGate, scaledWeights: Float64Array, values: Float64Array, i: number): number {
  const scale = gate.weakShare * 100;
  if (i === TEXT) return gate.textShare > 0 ? scale * gate.textShare * Math.min(1, values[TEXT]! / gate.textMin) : 0;
  if (!isContext(i) || gate.contextWeight <= 0) return 0;
  return (scale * (1 - gate.textShare) * scaledWeights[i]! * values[i]!) / gate.contextWeight;
}
