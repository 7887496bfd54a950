import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from '../../ports/text.js';

/** jieba's search-mode cut (long words also yield their parts), loaded once per process. */
export function jiebaSegmenter(): Segmenter {
  const jieba = Jieba.withDict(dict);
  return (text) => jieba.cutForSearch(text, true);
}
