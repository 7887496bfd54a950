/** Splits Chinese (and mixed) text into words; jieba in production, so matching and search agree. */
export type Segmenter = (text: string) => string[];
