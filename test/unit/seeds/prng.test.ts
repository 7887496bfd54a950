import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, weightedPicker } from '../../../seeds/prng.js';

const draw = (seed: number) => {
  const rng = createRng(seed);
  return [rng.next(), rng.int(1, 6), rng.pick(['a', 'b', 'c']), rng.sample([1, 2, 3, 4, 5], 3), rng.shuffle([1, 2, 3, 4]), rng.weighted([['x', 1], ['y', 5]] as const), rng.digits(8)];
};

describe('seeded PRNG', () => {
  it('when the same seed is used twice, then the draws are identical', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draw(seed)).toEqual(draw(seed));
      }),
    );
  });

  it('when different seeds are used, then the sequences differ', () => {
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('when ints are drawn, then they stay within the bounds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 100 }), (seed, min, span) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i += 1) {
          const n = rng.int(min, min + span);
          expect(n).toBeGreaterThanOrEqual(min);
          expect(n).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  it('when a sample is taken, then its items are distinct members of the list', () => {
    const rng = createRng(7);
    const sample = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    expect(rng.sample([1, 2], 5)).toHaveLength(2);
  });

  it('when a prepared weighted picker is used, then it chooses what rng.weighted would', () => {
    const entries = [['a', 1], ['b', 0], ['c', 3], ['d', 0.5]] as const;
    const pick = weightedPicker(entries);
    const a = createRng(99);
    const b = createRng(99);
    for (let i = 0; i < 500; i += 1) expect(pick(a)).toBe(b.weighted(entries));
  });

  it('when a weight is zero, then that value is never drawn', () => {
    const rng = createRng(3);
    for (let i = 0; i < 1000; i += 1) expect(rng.weighted([['never', 0], ['always', 1]] as const)).toBe('always');
  });
});
