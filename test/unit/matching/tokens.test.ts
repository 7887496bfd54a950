import { describe, expect, it } from 'vitest';
import { CandidateIndex, prepareCraftsman, prepareOrder, prepareQuery, rankCandidates, scoreTotal, TokenDictionary } from '../../../src/domain/matching/index.js';
import { buildCraftsman, buildOrder, context, segment, taxonomy } from './builders.js';

describe('profile words as ids', () => {
  it('when words repeat within and across profiles, then each is interned once and a profile keeps sorted distinct ids', () => {
    const dictionary = new TokenDictionary();
    const a = dictionary.setOf(['焊缝', '储罐', '焊缝']);
    const b = dictionary.setOf(['储罐', '裂纹']);
    expect(dictionary.size).toBe(3);
    expect([...a.ids]).toEqual([0, 1]);
    expect([...b]).toEqual(['储罐', '裂纹']);
    expect([a.has('储罐'), a.has('裂纹'), a.has('从未见过')]).toEqual([true, false, false]);
    expect(b.hasId(dictionary.idOf('裂纹'))).toBe(true);
  });

  it('when a profile prepared elsewhere is put in the index, then its words are re-interned and ranking still equals the full scan', () => {
    const index = new CandidateIndex(taxonomy, segment);
    index.upsert(buildCraftsman({ _id: 'a', bio: '常年处理储罐焊缝裂纹' }));
    index.upsertProfile(prepareCraftsman(buildCraftsman({ _id: 'b', bio: '储罐焊缝裂纹修复' }), taxonomy, segment));
    index.upsert(buildCraftsman({ _id: 'c', bio: '' }));
    const query = prepareOrder(buildOrder(), taxonomy, segment);
    const ctx = index.contextFor(context());
    const fast = index.rank(query, ctx, { limit: 3 });
    expect(fast.map((c) => [c.craftsmanId, c.total])).toEqual(rankCandidates(query, index.profiles(), ctx, { limit: 3 }).map((c) => [c.craftsmanId, c.total]));
    expect(fast.find((c) => c.craftsmanId === 'b')!.summary).toContain('描述相关');
    expect(index.idf('储罐')).toBeLessThan(index.idf('常年'));
  });

  it('when a word is first interned after an order was scored, then the same prepared order still finds it', () => {
    const index = new CandidateIndex(taxonomy, segment);
    const ctx = context();
    const prepared = prepareQuery(prepareOrder(buildOrder(), taxonomy, segment), ctx);
    const plain = scoreTotal(prepared, index.upsert(buildCraftsman({ _id: 'a', bio: '' })), ctx);
    const relevant = scoreTotal(prepared, index.upsert(buildCraftsman({ _id: 'b', bio: '储罐裂纹' })), ctx);
    expect(relevant).toBeGreaterThan(plain);
    expect(relevant).toBe(scoreTotal(prepareQuery(prepared.query, ctx), index.get('b')!, ctx));
  });
});
