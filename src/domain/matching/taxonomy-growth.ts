import { z } from 'zod';
import { buildSkillTaxonomy, normaliseSkillText, type SkillRelation, type SkillTaxonomy, type SkillTaxonomyDoc } from './skill-taxonomy.js';

/**
 * 技能分类扩充: the shipped taxonomy (seeds/skill-taxonomy.json) plus what union staff added — synonyms
 * (另一种写法, matched as the skill itself) and related skills (相关技能, partial credit). One taxonomy for
 * the whole engine, as skills are one vocabulary; each addition remembers who added it from which org.
 */
export const taxonomyAdditionKinds = ['synonym', 'related'] as const;
export type TaxonomyAdditionKind = (typeof taxonomyAdditionKinds)[number];
export const taxonomyAdditionKindLabels: Record<TaxonomyAdditionKind, string> = { synonym: '同义词', related: '相关技能' };

const termSchema = z
  .string({ error: '请填写技能名称' })
  .trim()
  .min(2, '技能名称至少 2 个字')
  .max(30, '技能名称最多 30 个字')
  .regex(/^[\p{L}\p{N}()（）·/+\- ]+$/u, '技能名称只能包含文字、数字和 ()·/+- 符号');

export const taxonomyAdditionSchema = z.strictObject({
  kind: z.enum(taxonomyAdditionKinds, { error: '类型只能是 synonym（同义词）或 related（相关技能）' }),
  /** A skill of the taxonomy (its name or any spelling of it). */
  skill: termSchema,
  /** The new spelling (synonym), or another skill of the taxonomy (related). */
  term: termSchema,
});
export type TaxonomyAdditionInput = z.infer<typeof taxonomyAdditionSchema>;

export interface TaxonomyAddition {
  _id: string;
  kind: TaxonomyAdditionKind;
  /** The canonical skill it extends. */
  skill: string;
  term: string;
  source: 'staff' | 'proposal';
  orgId: string | null;
  addedBy: string;
  at: string;
  [key: string]: unknown;
}

/** A stable id per (kind, skill, term): adding the same thing twice is one addition. */
export const additionId = (kind: TaxonomyAdditionKind, skill: string, term: string) => `${kind}:${normaliseSkillText(skill)}:${normaliseSkillText(term)}`;

export type AdditionProblem = { code: string; message: string };

/** Why an addition cannot be made to this taxonomy (null when it can), with the canonical skill it extends. */
export function checkAddition(taxonomy: SkillTaxonomy, input: TaxonomyAdditionInput): AdditionProblem | { skill: string; term: string } {
  const skill = taxonomy.canonical(input.skill);
  if (!taxonomy.isKnown(skill)) return { code: 'SKILL_NOT_IN_TAXONOMY', message: `「${input.skill}」不是技能分类中的技能，请先选择已有技能` };
  const termCanonical = taxonomy.canonical(input.term);
  if (input.kind === 'synonym') {
    if (termCanonical === skill) return { code: 'ALREADY_IN_TAXONOMY', message: `「${input.term}」已经是「${skill}」的写法` };
    if (taxonomy.isKnown(termCanonical)) return { code: 'TERM_IS_ANOTHER_SKILL', message: `「${input.term}」已是技能「${termCanonical}」的写法，不能再作为「${skill}」的同义词；可添加为相关技能` };
    return { skill, term: input.term.trim() };
  }
  if (!taxonomy.isKnown(termCanonical)) return { code: 'SKILL_NOT_IN_TAXONOMY', message: `相关技能「${input.term}」不在技能分类中；新的写法请添加为同义词` };
  if (termCanonical === skill) return { code: 'ALREADY_IN_TAXONOMY', message: `「${input.term}」就是「${skill}」本身` };
  if (taxonomy.relation(skill, termCanonical) !== 'none') return { code: 'ALREADY_IN_TAXONOMY', message: `「${skill}」与「${termCanonical}」已是相关技能` };
  return { skill, term: termCanonical };
}

export const isProblem = (x: AdditionProblem | { skill: string; term: string }): x is AdditionProblem => 'code' in x;

/** The shipped document with the additions applied (the base is not changed). */
export function withAdditions(base: SkillTaxonomyDoc, additions: readonly Pick<TaxonomyAddition, 'kind' | 'skill' | 'term'>[]): SkillTaxonomyDoc {
  const doc = structuredClone(base);
  const byName = new Map(doc.skills.map((s) => [s.name, s]));
  for (const a of additions) {
    const entry = byName.get(a.skill);
    if (!entry) continue;
    if (a.kind === 'synonym') (entry.synonyms ??= []).push(a.term);
    else (entry.related ??= []).push(a.term);
  }
  return doc;
}

/**
 * A taxonomy whose content can be replaced while everyone keeps the same object: matching, the
 * candidate index and order preparation read through it, so an accepted addition is seen at once
 * (profiles prepared under the old content must be prepared again — the matching service does that).
 */
export class GrowingTaxonomy implements SkillTaxonomy {
  private current: SkillTaxonomy;
  constructor(private readonly base: SkillTaxonomyDoc) {
    this.current = buildSkillTaxonomy(base);
  }
  /** Rebuilds from the shipped document and every addition. */
  replace(additions: readonly Pick<TaxonomyAddition, 'kind' | 'skill' | 'term'>[]): void {
    this.current = buildSkillTaxonomy(withAdditions(this.base, additions));
  }
  canonical(name: string): string {
    return this.current.canonical(name);
  }
  relatedTo(canonicalName: string): ReadonlySet<string> {
    return this.current.relatedTo(canonicalName);
  }
  relation(askedCanonical: string, heldCanonical: string): SkillRelation {
    return this.current.relation(askedCanonical, heldCanonical);
  }
  get spellings(): ReadonlyArray<readonly [spelling: string, canonical: string]> {
    return this.current.spellings;
  }
  isKnown(canonicalName: string): boolean {
    return this.current.isKnown(canonicalName);
  }
}
