import { describe, expect, it } from 'vitest';
import { buildSkillTaxonomy, detectSkills } from '../../../src/domain/matching/index.js';
import { taxonomy } from './builders.js';

describe('skill taxonomy', () => {
  it('when a craftsman writes 电焊, then it is the same skill as 焊接', () => {
    expect(taxonomy.canonical('电焊')).toBe('焊接');
    expect(taxonomy.canonical(' 焊接 ')).toBe('焊接');
    expect(taxonomy.relation('焊接', taxonomy.canonical('气焊'))).toBe('exact');
  });

  it('when spellings differ only by case or full-width letters, then they normalise alike', () => {
    expect(taxonomy.canonical('plc')).toBe('PLC编程');
    expect(taxonomy.canonical('ＰＬＣ')).toBe('PLC编程');
  });

  it('when one skill lists another as related, then the relation holds both ways', () => {
    expect(taxonomy.relation('焊接', '管道安装')).toBe('related');
    expect(taxonomy.relation('管道安装', '焊接')).toBe('related');
    expect(taxonomy.relation('焊接', '茶叶加工')).toBe('none');
  });

  it('when a skill is unknown, then it passes through normalised and still matches itself', () => {
    expect(taxonomy.canonical('马尾绣 ')).toBe('马尾绣');
    expect(taxonomy.isKnown('马尾绣')).toBe(false);
  });

  it('when a synonym of one skill is the name of another, then the name wins', () => {
    const t = buildSkillTaxonomy({ skills: [{ name: '焊接', synonyms: ['焊工'] }, { name: '焊工', synonyms: [] }] });
    expect(t.canonical('焊工')).toBe('焊工');
  });

  it('when an order names skills only in its text, then the longest spelling is detected', () => {
    expect(detectSkills(taxonomy, '压力容器焊接接头探伤不合格')).toEqual(expect.arrayContaining(['压力容器', '无损检测']));
    expect(detectSkills(taxonomy, '压力容器焊接接头')).not.toContain('焊接');
  });
});
