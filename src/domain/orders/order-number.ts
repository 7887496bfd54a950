/**
 * 需求单编号: the number people say on the phone and write on paper, `黔南-2026-0042`: the
 * prefecture's short name, the Beijing year of submission, and a sequence that starts at 1 for each
 * prefecture and year (at least four digits; the 10,000th order of a year reads `黔南-2026-10000`).
 * The internal `_id` stays what the API and links use; the number is what people read.
 */

/**
 * Ethnic groups named in the official names of autonomous prefectures (自治州): stripped, with
 * 族 and 自治州, to get the short name people use (黔南布依族苗族自治州 → 黔南). Longest first, so
 * 土家 is taken before anything shorter could match inside it.
 */
const ETHNIC_NAMES = ['柯尔克孜', '哈萨克', '土家', '布依', '景颇', '哈尼', '傈僳', '蒙古', '朝鲜', '苗', '侗', '彝', '藏', '羌', '傣', '白', '壮', '回', '水', '瑶'];

/** Administrative suffixes of a prefecture-level name that people leave out. */
const SUFFIXES = ['自治州', '地区', '市', '盟', '州'];

/**
 * The short name of a prefecture-level division: 黔南布依族苗族自治州 → 黔南, 贵阳市 → 贵阳,
 * 巴音郭楞蒙古自治州 → 巴音郭楞. Never shorter than two characters: a name that would shrink below
 * that keeps its last suffix (a one-character place name reads badly alone).
 */
export function prefectureShortName(officialName: string): string {
  const name = officialName.trim();
  for (const suffix of SUFFIXES) {
    if (!name.endsWith(suffix)) continue;
    let stem = name.slice(0, -suffix.length);
    if (suffix === '自治州') stem = stripEthnicNames(stem);
    return [...stem].length >= 2 ? stem : name;
  }
  return name;
}

function stripEthnicNames(stem: string): string {
  let rest = stem;
  for (;;) {
    const withoutZu = rest.endsWith('族') ? rest.slice(0, -1) : rest;
    const ethnic = ETHNIC_NAMES.find((e) => withoutZu.endsWith(e) && [...withoutZu].length - [...e].length >= 2);
    if (!ethnic) return rest;
    rest = withoutZu.slice(0, -ethnic.length);
  }
}

/** `黔南-2026-0042`. */
export function formatOrderNumber(prefectureShort: string, year: number, sequence: number): string {
  return `${prefectureShort}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** What an order number looks like, so a search for one can be answered exactly. */
export const ORDER_NUMBER_PATTERN = /^[\p{Script=Han}A-Za-z]{1,12}-\d{4}-\d{4,7}$/u;

export const isOrderNumber = (text: string): boolean => ORDER_NUMBER_PATTERN.test(text.trim());

/** The counter document of one prefecture and year (collection `counters`). */
export const orderNumberCounterId = (prefectureCode: string, year: number) => `order-number:${prefectureCode}:${year}`;

export interface Counter {
  _id: string;
  /** The last number handed out. */
  value: number;
  [key: string]: unknown;
}
