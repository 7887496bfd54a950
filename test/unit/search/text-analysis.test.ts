import { describe, expect, it } from 'vitest';
import { markText } from '../../../src/adapters/search/shared/highlight.js';
import { analyzeQuery, editDistanceWithin, pinyinKeys } from '../../../src/adapters/search/shared/text-analysis.js';
import { topK } from '../../../src/adapters/search/embedded-search/top-k.js';

describe('search text analysis', () => {
  it('when a name is Chinese, then its pinyin, initials and syllables are keys (surnames read as surnames)', () => {
    expect(pinyinKeys('张伟')).toEqual(['zhangwei', 'zw', 'zhang', 'wei']);
    expect(pinyinKeys('单雄信')[0]).toBe('shanxiongxin');
    expect(pinyinKeys('Lee')).toEqual([]);
  });

  it('when a query names a skill spelling, then it stays one word carrying its synonyms; the rest is segmented', () => {
    const synonyms = new Map([['维修电工', ['电工']]]);
    const terms = analyzeQuery('维修电工 数控机床的老师傅', synonyms, ['维修电工']);
    expect(terms[0]).toMatchObject({ text: '维修电工', alternatives: [{ tokens: ['维修电工'], synonym: false }, { tokens: ['电工'], synonym: true }] });
    expect(terms.map((t) => t.text)).not.toContain('的');
    expect(terms.at(-1)!.last).toBe(true);
  });

  it('when words differ by a swap or one letter, then the distance is one; beyond the budget it stops early', () => {
    expect(editDistanceWithin('zhangwie', 'zhangwei', 1)).toBe(1);
    expect(editDistanceWithin('zhangwi', 'zhangwei', 1)).toBe(1);
    expect(editDistanceWithin('lina', 'zhangwei', 1)).toBe(2);
  });

  it('when marking, then text is escaped, longest needles win and Latin needles need word boundaries', () => {
    expect(markText('<焊接>压力容器焊接', ['焊接', '压力容器焊接'])).toBe('&lt;<em>焊接</em>&gt;<em>压力容器焊接</em>');
    expect(markText('会用 PLC 和 plcx', ['plc'])).toBe('会用 <em>PLC</em> 和 plcx');
    expect(markText('无关', ['焊接'])).toBeNull();
  });

  it('when taking the top k, then the k best come back in order', () => {
    expect(topK([5, 1, 9, 3, 7, 9], 3, (a, b) => a > b)).toEqual([9, 9, 7]);
    expect(topK([1, 2], 5, (a, b) => a < b)).toEqual([1, 2]);
  });
});
