import taxonomy from './skill-taxonomy.json' with { type: 'json' };

/** One standard skill of the taxonomy (技能分类). */
export interface TaxonomySkill {
  name: string;
  synonyms: string[];
  related: string[];
  trades: string[];
}

export const taxonomySkills: readonly TaxonomySkill[] = taxonomy.skills;
export const skillNames: readonly string[] = taxonomySkills.map((s) => s.name);
const byName = new Map(taxonomySkills.map((s) => [s.name, s]));

export function taxonomySkill(name: string): TaxonomySkill {
  const skill = byName.get(name);
  if (!skill) throw new Error(`技能分类中没有“${name}”`);
  return skill;
}

/** The trades (工种) that go with a set of skills, without repeats. */
export function tradesFor(skills: readonly string[]): string[] {
  return [...new Set(skills.flatMap((name) => taxonomySkill(name).trades))];
}
