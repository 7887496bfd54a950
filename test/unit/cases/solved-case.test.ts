import { describe, expect, it } from 'vitest';
import { keyWords, withoutContacts } from '../../../src/domain/cases/solved-case.js';

describe('solved cases: contacts and key words', () => {
  it('when a text holds mobiles, landlines or e-mail addresses, then each is blotted out and the rest kept', () => {
    expect(withoutContacts('请联系王经理 13885412345 或 0854-8221234，邮箱 wang@example.com。')).toBe('请联系王经理 *** 或 ***，邮箱 ***。');
    expect(withoutContacts('手机 138 8541 2345')).toBe('手机 ***');
    expect(withoutContacts('反应釜容积 2000 升，压力 1.6 MPa')).toBe('反应釜容积 2000 升，压力 1.6 MPa');
  });

  it('when key words are taken from segments, then single characters, stop words and repeats go and longer words come first, at most ten', () => {
    expect(keyWords(['我们', '的', '反应釜', '焊缝', '渗漏', '焊缝', '需要', 'PLC', 'a'])).toEqual(['反应釜', 'plc', '焊缝', '渗漏']);
    expect(keyWords(Array.from({ length: 30 }, (_, i) => `词语${i}`))).toHaveLength(10);
  });
});
