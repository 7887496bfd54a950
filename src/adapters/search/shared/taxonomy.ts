import { readFileSync } from 'node:fs';
import { buildSkillTaxonomy, normaliseSkillText, type SkillTaxonomy, type SkillTaxonomyDoc } from '../../../domain/matching/skill-taxonomy.js';

const TAXONOMY_FILE = new URL('../../../../seeds/skill-taxonomy.json', import.meta.url);

/** The taxonomy document as shipped, for a taxonomy that grows on top of it. */
export function loadSkillTaxonomyDoc(file: URL | string = TAXONOMY_FILE): SkillTaxonomyDoc {
  return JSON.parse(readFileSync(file, 'utf8')) as SkillTaxonomyDoc;
}

/** The skill taxonomy from `seeds/skill-taxonomy.json`, read once per call (adapters keep it on the instance). */
export function loadSkillTaxonomy(file: URL | string = TAXONOMY_FILE): SkillTaxonomy {
  return buildSkillTaxonomy(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Synonym groups: every spelling of one canonical skill, the canonical name first.
 * Search treats the members of a group as the same word, in both adapters.
 */
export function synonymGroups(taxonomy: SkillTaxonomy): string[][] {
  const groups = new Map<string, string[]>();
  for (const [spelling, canonical] of taxonomy.spellings) {
    const key = normaliseSkillText(canonical);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = [key]));
    if (!group.includes(spelling)) group.push(spelling);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** spelling → the other spellings of its group (what a query word also matches). */
export function synonymLookup(taxonomy: SkillTaxonomy): Map<string, string[]> {
  const lookup = new Map<string, string[]>();
  for (const group of synonymGroups(taxonomy)) {
    for (const member of group) {
      const others = group.filter((m) => m !== member);
      lookup.set(member, [...new Set([...(lookup.get(member) ?? []), ...others])]);
    }
  }
  return lookup;
}

/** Canonical skill names, without repeats, in the order first seen. */
export function canonicalSkills(taxonomy: SkillTaxonomy, names: readonly string[]): string[] {
  return [...new Set(names.map((n) => taxonomy.canonical(n)))];
}
