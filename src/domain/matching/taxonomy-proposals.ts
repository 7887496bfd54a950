import type { SkillTaxonomy } from './skill-taxonomy.js';
import { additionId, type TaxonomyAdditionKind } from './taxonomy-growth.js';

/**
 * 技能分类建议: additions the pool itself suggests, for staff to accept or reject.
 * - a synonym: a skill name the taxonomy does not know, held beside or done as a known skill — orders
 *   asking for it completed by holders of the known skill, profiles listing both — in at least half of
 *   the places it appears;
 * - a related skill: two known skills, not yet related, often held by the same craftsmen or asked
 *   together and done by one person.
 * Counts are plain co-occurrences, shown as the support, so staff can judge them.
 */
export interface TaxonomyProposal {
  id: string;
  kind: TaxonomyAdditionKind;
  skill: string;
  term: string;
  support: { profiles: number; orders: number; total: number };
  /** Of the places the term appears, the share where the skill appears with it. */
  confidence: number;
}

export interface CooccurrenceInput {
  /** Skill names as written, per craftsman. */
  profiles: ReadonlyArray<readonly string[]>;
  /** Completed orders: the skills asked and the skills of the craftsman who did the work. */
  completions: ReadonlyArray<{ asked: readonly string[]; held: readonly string[] }>;
}

export const MIN_PROPOSAL_SUPPORT = 3;
const MIN_SYNONYM_CONFIDENCE = 0.5;
const MIN_RELATED_CONFIDENCE = 0.2;

export function proposeTaxonomyAdditions(taxonomy: SkillTaxonomy, input: CooccurrenceInput, options: { exclude?: ReadonlySet<string>; limit?: number } = {}): TaxonomyProposal[] {
  const seen = new Map<string, number>();
  const together = new Map<string, { a: string; b: string; profiles: number; orders: number }>();
  const countPair = (a: string, b: string, where: 'profiles' | 'orders') => {
    if (a === b) return;
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = `${x}\u0000${y}`;
    const entry = together.get(key) ?? { a: x, b: y, profiles: 0, orders: 0 };
    entry[where] += 1;
    together.set(key, entry);
  };
  const canonicalSet = (names: readonly string[]) => [...new Set(names.map((n) => taxonomy.canonical(n)).filter((n) => n.length >= 2))];
  for (const names of input.profiles) {
    const skills = canonicalSet(names);
    for (const s of skills) seen.set(s, (seen.get(s) ?? 0) + 1);
    for (let i = 0; i < skills.length; i++) for (let j = i + 1; j < skills.length; j++) countPair(skills[i]!, skills[j]!, 'profiles');
  }
  for (const { asked, held } of input.completions) {
    const askedSkills = canonicalSet(asked);
    const heldSkills = canonicalSet(held);
    for (const s of askedSkills) if (!heldSkills.includes(s)) seen.set(s, (seen.get(s) ?? 0) + 1);
    const pairs = new Set<string>();
    for (const a of askedSkills) for (const h of heldSkills) if (a !== h) pairs.add(a < h ? `${a}\u0000${h}` : `${h}\u0000${a}`);
    for (const p of pairs) {
      const [a, b] = p.split('\u0000') as [string, string];
      countPair(a, b, 'orders');
    }
  }
  const out: TaxonomyProposal[] = [];
  for (const { a, b, profiles, orders } of together.values()) {
    const total = profiles + orders;
    if (total < MIN_PROPOSAL_SUPPORT) continue;
    const knownA = taxonomy.isKnown(a);
    const knownB = taxonomy.isKnown(b);
    if (knownA && knownB) {
      if (taxonomy.relation(a, b) !== 'none') continue;
      const confidence = total / Math.min(seen.get(a) ?? total, seen.get(b) ?? total);
      if (confidence >= MIN_RELATED_CONFIDENCE) out.push(proposal('related', a, b, profiles, orders, confidence));
    } else if (knownA !== knownB) {
      const [skill, term] = knownA ? [a, b] : [b, a];
      const confidence = total / (seen.get(term) ?? total);
      if (confidence >= MIN_SYNONYM_CONFIDENCE) out.push(proposal('synonym', skill, term, profiles, orders, confidence));
    }
  }
  // A term is proposed as the synonym of one skill only: the one it appears with most.
  const bestFor = new Map<string, TaxonomyProposal>();
  for (const p of out) if (p.kind === 'synonym' && (bestFor.get(p.term)?.support.total ?? -1) < p.support.total) bestFor.set(p.term, p);
  return out
    .filter((p) => p.kind === 'related' || bestFor.get(p.term) === p)
    .filter((p) => !options.exclude?.has(p.id))
    .sort((x, y) => y.support.total - x.support.total || y.confidence - x.confidence || (x.id < y.id ? -1 : 1))
    .slice(0, options.limit ?? 50);
}

function proposal(kind: TaxonomyAdditionKind, skill: string, term: string, profiles: number, orders: number, confidence: number): TaxonomyProposal {
  return { id: additionId(kind, skill, term), kind, skill, term, support: { profiles, orders, total: profiles + orders }, confidence: Math.round(Math.min(1, confidence) * 100) / 100 };
}
