import { z } from 'zod';

/** The stored taxonomy document (`seeds/skill-taxonomy.json`), shared by matching and search. */
export const skillTaxonomyDocSchema = z.object({
  description: z.string().optional(),
  skills: z.array(
    z.object({
      name: z.string().min(1),
      synonyms: z.array(z.string()).default([]),
      related: z.array(z.string()).default([]),
      trades: z.array(z.string()).default([]),
    }),
  ),
});
export type SkillTaxonomyDoc = z.input<typeof skillTaxonomyDocSchema>;

/** Credit for a related skill relative to the skill itself (焊接 asked, 压力容器 held). */
export const RELATED_SKILL_CREDIT = 0.4;

/** How a craftsman's skill relates to a skill an order asks for. */
export type SkillRelation = 'exact' | 'related' | 'none';

/**
 * 技能分类: maps every spelling a person may type (电焊, 焊工, 氩弧焊) to one canonical skill (焊接),
 * and knows which canonical skills are related (焊接 ~ 压力容器) for partial credit.
 */
export interface SkillTaxonomy {
  /** The canonical name of a skill; unknown skills keep their own (normalised) spelling so they can still match each other. */
  canonical(name: string): string;
  /** Canonical skills related to a canonical skill (symmetric: if A lists B, B relates to A). */
  relatedTo(canonicalName: string): ReadonlySet<string>;
  relation(askedCanonical: string, heldCanonical: string): SkillRelation;
  /** Every spelling (names and synonyms) with its canonical skill, longest first: for spotting skills in free text. */
  readonly spellings: ReadonlyArray<readonly [spelling: string, canonical: string]>;
  /** Whether the canonical name is one the taxonomy defines (not a pass-through). */
  isKnown(canonicalName: string): boolean;
}

/** Case, full-width and whitespace differences never make two skills different. */
export function normaliseSkillText(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

const EMPTY: ReadonlySet<string> = new Set();

export function buildSkillTaxonomy(doc: SkillTaxonomyDoc): SkillTaxonomy {
  const parsed = skillTaxonomyDocSchema.parse(doc);
  const canonicalBySpelling = new Map<string, string>();
  const known = new Set<string>();
  const related = new Map<string, Set<string>>();

  for (const skill of parsed.skills) known.add(skill.name);
  // Canonical names win over synonyms: a synonym of one skill that is another skill's name (焊工 the trade vs 焊接) must not steal it.
  for (const skill of parsed.skills) canonicalBySpelling.set(normaliseSkillText(skill.name), skill.name);
  for (const skill of parsed.skills) {
    for (const synonym of skill.synonyms) {
      const key = normaliseSkillText(synonym);
      if (!canonicalBySpelling.has(key)) canonicalBySpelling.set(key, skill.name);
    }
  }
  const canonical = (name: string) => canonicalBySpelling.get(normaliseSkillText(name)) ?? normaliseSkillText(name);
  const link = (a: string, b: string) => {
    if (a === b) return;
    let set = related.get(a);
    if (!set) related.set(a, (set = new Set()));
    set.add(b);
  };
  for (const skill of parsed.skills) {
    for (const other of skill.related) {
      const target = canonical(other);
      link(skill.name, target);
      link(target, skill.name);
    }
  }
  const spellings = [...canonicalBySpelling.entries()]
    .filter(([spelling]) => spelling.length >= 2)
    .sort((a, b) => b[0].length - a[0].length) as Array<readonly [string, string]>;

  return {
    canonical,
    relatedTo: (name) => related.get(name) ?? EMPTY,
    relation(asked, held) {
      if (asked === held) return 'exact';
      return related.get(asked)?.has(held) ? 'related' : 'none';
    },
    spellings,
    isKnown: (name) => known.has(name),
  };
}

/**
 * The canonical skills named in free text (an order's title and description), longest spelling first
 * so that 压力容器焊接 is read as 压力容器 rather than two skills. Used when an order lists no skills.
 */
export function detectSkills(taxonomy: SkillTaxonomy, text: string): string[] {
  let rest = normaliseSkillText(text);
  const found = new Set<string>();
  for (const [spelling, canonicalName] of taxonomy.spellings) {
    if (rest.includes(spelling)) {
      found.add(canonicalName);
      rest = rest.split(spelling).join('|');
    }
  }
  return [...found];
}
