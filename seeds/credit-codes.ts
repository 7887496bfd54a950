import { creditCodeCheckChar } from '../src/domain/shared/credit-code.js';
import type { Rng } from './prng.js';

/** The characters allowed in the 9-character organisation code part (GB 32100: no I, O, Z, S, V). */
const ORG_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A valid 统一社会信用代码 for a company registered in `regionCode`:
 * 9 (工商) + 1 (企业) + region code + 9-character organisation code + check character.
 */
export function makeCreditCode(regionCode: string, rng: Rng): string {
  let orgCode = '';
  for (let i = 0; i < 8; i += 1) orgCode += rng.pick([...ORG_CODE_CHARS]);
  orgCode += rng.pick([...'0123456789X']);
  const first17 = `91${regionCode}${orgCode}`;
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new Error(`无法计算校验位：${first17}`);
  return `${first17}${check}`;
}
