import { describe, expect, it } from 'vitest';
import { checkAddition, GrowingTaxonomy, isProblem, proposeTaxonomyAdditions } from '../../../src/domain/matching/index.js';

const doc = {
  skills: [
    { name: '焊接', synonyms: ['电焊'], related: ['压力容器'], trades: [] },
    { name: '压力容器', synonyms: [], related: [], trades: [] },
    { name: '钳工', synonyms: [], related: [], trades: [] },
  ],
};

describe('a taxonomy that grows', () => {
  it('when a synonym and a related skill are added, then the same object answers with them', () => {
    const taxonomy = new GrowingTaxonomy(doc);
    expect(taxonomy.canonical('熔焊')).toBe('熔焊');
    taxonomy.replace([{ kind: 'synonym', skill: '焊接', term: '熔焊' }, { kind: 'related', skill: '焊接', term: '钳工' }]);
    expect(taxonomy.canonical('熔焊')).toBe('焊接');
    expect(taxonomy.relation('钳工', '焊接')).toBe('related');
    expect(taxonomy.spellings.map(([s]) => s)).toContain('熔焊');
    // The shipped document is not changed by additions.
    expect(doc.skills[0]!.synonyms).toEqual(['电焊']);
  });

  it('refuses a synonym that is another skill\'s spelling and a related skill that is already related', () => {
    const taxonomy = new GrowingTaxonomy(doc);
    const clash = checkAddition(taxonomy, { kind: 'synonym', skill: '电焊', term: '钳工' });
    expect(isProblem(clash) && clash.code).toBe('TERM_IS_ANOTHER_SKILL');
    const twice = checkAddition(taxonomy, { kind: 'related', skill: '焊接', term: '压力容器' });
    expect(isProblem(twice) && twice.code).toBe('ALREADY_IN_TAXONOMY');
    expect(checkAddition(taxonomy, { kind: 'synonym', skill: '电焊', term: '熔焊' })).toEqual({ skill: '焊接', term: '熔焊' });
  });

  it('proposes an unknown name done as a known skill as its synonym, and two known skills held together as related, with support', () => {
    const taxonomy = new GrowingTaxonomy(doc);
    const proposals = proposeTaxonomyAdditions(taxonomy, {
      profiles: [['焊接', '钳工'], ['电焊', '钳工'], ['焊接', '钳工'], ['钳工']],
      // Orders asking for 熔焊 were completed by welders three times, once by someone else.
      completions: [{ asked: ['熔焊'], held: ['焊接'] }, { asked: ['熔焊'], held: ['电焊'] }, { asked: ['熔焊'], held: ['焊接', '钳工'] }, { asked: ['熔焊'], held: ['压力容器'] }],
    });
    const synonym = proposals.find((p) => p.term === '熔焊' && p.skill === '焊接');
    expect(synonym).toMatchObject({ kind: 'synonym', support: { profiles: 0, orders: 3, total: 3 }, confidence: 0.75 });
    // 熔焊 is proposed for one skill only: the one it appears with most.
    expect(proposals.filter((p) => p.term === '熔焊')).toHaveLength(1);
    // An order pairs what was asked with what the doer holds, not the doer's skills among themselves.
    const related = proposals.find((p) => p.kind === 'related');
    expect(related).toMatchObject({ skill: '焊接', term: '钳工', support: { profiles: 3, orders: 0, total: 3 } });
    expect(proposeTaxonomyAdditions(taxonomy, { profiles: [['焊接', '钳工']], completions: [] })).toEqual([]);
    expect(proposeTaxonomyAdditions(taxonomy, { profiles: [['焊接', '钳工'], ['焊接', '钳工'], ['焊接', '钳工']], completions: [] }, { exclude: new Set([related!.id]) })).toEqual([]);
  });
});
