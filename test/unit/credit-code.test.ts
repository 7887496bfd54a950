import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCodeCheckChar, isValidCreditCode } from '../../src/domain/shared/credit-code.js';
import { makeCreditCode } from '../../seeds/credit-codes.js';
import { createRng } from '../../seeds/prng.js';

describe('统一社会信用代码', () => {
  it('when a real published code is checked, then it is valid', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
  });

  it('when the check character of a real code is changed, then it is invalid', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4A')).toBe(false);
  });

  it('when the code is too short or uses a forbidden letter, then it is invalid', () => {
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100O43')).toBe(false);
    expect(creditCodeCheckChar('91350100M000100I4')).toBeNull();
  });

  it('when seed codes are made for any seed, then they are valid and carry 企业, 工商 and the region', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.constantFrom('522701', '522702', '522732', '520102'), (seed, region) => {
        const code = makeCreditCode(region, createRng(seed));
        expect(isValidCreditCode(code)).toBe(true);
        expect(code.slice(0, 2)).toBe('91');
        expect(code.slice(2, 8)).toBe(region);
      }),
    );
  });
});
