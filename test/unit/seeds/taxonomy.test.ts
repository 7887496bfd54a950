import { describe, expect, it } from 'vitest';
import taxonomy from '../../../seeds/skill-taxonomy.json' with { type: 'json' };

const skills = taxonomy.skills;
const names = new Set(skills.map((s) => s.name));

describe('skill taxonomy', () => {
  it('when loaded, then it has 60–90 skills with unique canonical names', () => {
    expect(skills.length).toBeGreaterThanOrEqual(60);
    expect(skills.length).toBeLessThanOrEqual(90);
    expect(names.size).toBe(skills.length);
  });

  it('when synonyms are read, then each belongs to exactly one skill and is never another canonical name', () => {
    const owner = new Map<string, string>();
    for (const skill of skills) {
      for (const synonym of skill.synonyms) {
        expect(names.has(synonym), `${synonym} is a canonical name`).toBe(false);
        expect(owner.get(synonym), `${synonym} in ${owner.get(synonym)} and ${skill.name}`).toBeUndefined();
        owner.set(synonym, skill.name);
      }
    }
  });

  it('when related skills are read, then each names another canonical skill', () => {
    for (const skill of skills) {
      for (const related of skill.related) {
        expect(names.has(related), `${skill.name} → ${related}`).toBe(true);
        expect(related).not.toBe(skill.name);
      }
    }
  });

  it('when the Qiannan industries are looked for, then their skills are there', () => {
    for (const name of ['磷化工', '茶叶加工', '马尾绣', '建材生产', '配电线路', '设备维修', '数控车削', '焊接', '电工', 'PLC编程', '锅炉运行', '压力容器', '刺梨加工', '中药材种植', '导游讲解', '汽车维修', '建筑施工', '化工操作', '仪表维修', '安全生产']) {
      expect(names.has(name), name).toBe(true);
    }
  });

  it('when every skill is checked, then it has at least one trade and names fit the profile schema', () => {
    for (const skill of skills) {
      expect(skill.trades.length, skill.name).toBeGreaterThan(0);
      for (const text of [skill.name, ...skill.synonyms, ...skill.trades]) expect(text.length).toBeLessThanOrEqual(30);
    }
  });
});
