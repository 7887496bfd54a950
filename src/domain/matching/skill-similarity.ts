import { normaliseSkillText } from './skill-taxonomy.js';
import type { TokenDictionary } from './tokens.js';

/**
 * 技能名相近: skills the taxonomy does not know. Real pools hold thousands of skill names written by
 * many hands (古建彩绘, 古建筑彩绘修复, 彩绘); the taxonomy knows 90. Two names are compared by their
 * units — the segmenter's words plus every two-character window, because the segmenter cuts the same
 * work differently in different compounds (古建筑 | 彩绘 vs 古建 | 彩绘) while the characters stay —
 * each unit weighed by how rare it is in the pool (idf), so sharing 彩绘 counts and sharing 技术 hardly.
 *
 * similarity = S / √(A·H): S the weight of the shared units, A of the asked name's, H of the held
 * name's. A held name that is the asked one scores 1; one that shares only the key word scores by how
 * much of both names that word carries. Two skills the taxonomy both knows are never compared by name:
 * it has already said whether they are the same, related or neither. When an order names no skill and its title stands for the
 * work (竹编工艺品培训需求), the title is long and says more than the skill, so the held name is
 * measured by how much of it the title contains (S / H) instead. The taxonomy stays the precise layer: this is consulted only
 * for an asked skill the craftsman neither holds nor holds a related skill of.
 */

/** Credit for a similar skill name at similarity 1, relative to the skill itself. */
export const SIMILAR_SKILL_CREDIT = 0.7;
/** Below this similarity a shared unit is chance (维修 in 空调维修 and 设备维修), not the same work. */
export const MIN_SKILL_SIMILARITY = 0.4;
/** The least skill credit a similar name can earn: what the relevance gate counts as the weakest skill evidence. */
export const MIN_SIMILAR_CREDIT = SIMILAR_SKILL_CREDIT * MIN_SKILL_SIMILARITY;

/** The units a skill name is compared by: segmented words and two-character windows, normalised, deduplicated. */
export function skillUnits(name: string, segment: (text: string) => string[]): string[] {
  const text = normaliseSkillText(name);
  const units = new Set<string>();
  for (const word of segment(text)) {
    const w = normaliseSkillText(word);
    if (w.length >= 2 && !/^[\p{P}\p{S}\d]+$/u.test(w)) units.add(w);
  }
  const chars = [...text];
  for (let i = 0; i + 1 < chars.length; i++) {
    const pair = chars[i]! + chars[i + 1]!;
    if (!/[\p{P}\p{S}\s]/u.test(pair)) units.add(pair);
  }
  if (chars.length === 1) units.add(text);
  return [...units];
}

/** One skill a craftsman wrote, as sorted unit ids in the pool's dictionary. */
export interface HeldSkillUnits {
  /** The canonical skill (for grade lookups and explanations). */
  readonly canonical: string;
  /** A skill the taxonomy defines: compared by name only with asked skills the taxonomy does not know. */
  readonly known: boolean;
  readonly units: Uint32Array;
}

/** An asked skill's units resolved against one dictionary, heaviest first, with their idf weights. */
export interface AskedUnits {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  readonly total: number;
  /**
   * How many of the heaviest units a name must share at least one of to reach MIN_SKILL_SIMILARITY:
   * S/√(AH) ≥ m needs S ≥ m²·A (S ≤ H), so units whose weights together stay below m²·A cannot do it alone.
   */
  readonly headCount: number;
  /** S / H instead of S / √(A·H): the phrase is a title that contains skill names rather than one. */
  readonly containment: boolean;
}

export function resolveAsked(units: readonly string[], dictionary: TokenDictionary, idf: (unit: string) => number, containment = false): AskedUnits {
  const weighted = units.map((u) => [dictionary.idOf(u), idf(u)] as const).sort((a, b) => b[1] - a[1]);
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let tail = total;
  let headCount = 0;
  const need = MIN_SKILL_SIMILARITY * MIN_SKILL_SIMILARITY * total;
  while (headCount < weighted.length && tail >= need) tail -= weighted[headCount++]![1];
  // Under containment any one shared unit can be a whole held name, so every unit is a head unit.
  if (containment) headCount = weighted.length;
  return { ids: Int32Array.from(weighted, ([id]) => id), weights: Float64Array.from(weighted, ([, w]) => w), total, headCount, containment };
}

/**
 * Similarity of an asked skill to a held one (0 below MIN_SKILL_SIMILARITY). `heldWeight` gives a
 * unit id's idf; it is only asked for when the names share a unit, which is rare in the hot loop.
 */
export function similarity(asked: AskedUnits, held: Uint32Array, heldWeight: (id: number) => number): number {
  if (asked.total <= 0 || held.length === 0) return 0;
  // Without one of the head units the name cannot reach MIN_SKILL_SIMILARITY (see AskedUnits.headCount):
  // most held names of most candidates stop here, after a few lookups instead of one per asked unit.
  let shared = 0;
  for (let i = 0; i < asked.headCount; i++) {
    const id = asked.ids[i]!;
    if (id >= 0 && contains(held, id)) shared += asked.weights[i]!;
  }
  if (shared === 0) return 0;
  for (let i = asked.headCount; i < asked.ids.length; i++) {
    const id = asked.ids[i]!;
    if (id >= 0 && contains(held, id)) shared += asked.weights[i]!;
  }
  let heldTotal = 0;
  for (const id of held) heldTotal += heldWeight(id);
  const sim = heldTotal <= 0 ? 0 : Math.min(1, asked.containment ? shared / heldTotal : shared / Math.sqrt(asked.total * heldTotal));
  return sim >= MIN_SKILL_SIMILARITY ? sim : 0;
}

function contains(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
