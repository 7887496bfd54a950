import { z } from 'zod';
import type { OrderCategory } from '../orders/order.js';
import { text } from '../shared/values.js';

/**
 * 案例库: a closed order published as a solved case, so the next enterprise with the same problem
 * finds the solution and the person who solved it. Published by staff with the enterprise's consent
 * recorded; a case holds no contact details (no phone, e-mail or contact person), and any typed into
 * the text are blotted out ({@link withoutContacts}). Solved by a craftsman today; a studio joins
 * `solvedBy.kind` once studios are entities of their own.
 */
export interface SolvedCase {
  _id: string;
  orderId: string;
  orderNumber: string | null;
  title: string;
  problem: string;
  solution: string;
  category: OrderCategory;
  skills: string[];
  regionCode: string;
  regionPath: string[];
  craftsman: { id: string; name: string };
  /** The enterprise's name, only when it agreed to be named; null otherwise. */
  enterpriseName: string | null;
  /** The enterprise's consent as staff recorded it: who recorded it, when, and how it was given. */
  consent: { recordedBy: string; recordedByName: string; at: string; how: string; nameShown: boolean };
  /** 优秀案例: marked by staff for publicity; only these have a page anyone may open without signing in. */
  excellent: boolean;
  excellentAt: string | null;
  publishedBy: string;
  publishedAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export const casePublishSchema = z.strictObject({
  title: text(100, '案例标题').optional(),
  problem: text(5000, '问题描述').optional(),
  solution: text(5000, '解决办法').optional(),
  consent: z.strictObject({
    given: z.literal(true, { message: '发布案例需企业同意' }),
    how: text(200, '同意方式（如：企业负责人书面同意）'),
    showEnterpriseName: z.boolean().default(false),
  }),
});
export type CasePublish = z.infer<typeof casePublishSchema>;

export const caseMarkSchema = z.strictObject({ excellent: z.boolean() });

/** Similar cases for a text being written (a new order's title and description). */
export const similarCasesSchema = z.strictObject({ text: z.string().trim().min(2, '请至少输入两个字').max(5000), limit: z.number().int().min(1).max(20).default(5) });

const CONTACTS: readonly RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail
  /(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, // mobile
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, // landline with area code
];

/** The text with phone numbers and e-mail addresses replaced by ***: contact details never enter a case. */
export function withoutContacts(value: string): string {
  return CONTACTS.reduce((out, pattern) => out.replace(pattern, '***'), value);
}

/** How a case is filtered in search: `excellent` for 优秀案例. */
export const caseSearchStatus = (solved: Pick<SolvedCase, 'excellent'>): 'published' | 'excellent' => (solved.excellent ? 'excellent' : 'published');

/**
 * The few words of a text a similarity search looks for: distinct segments of two or more characters
 * (or Latin words of three or more), longest first, at most `max` — Meilisearch reads only the first
 * ten words of a query, and both adapters must see the same words.
 */
export function keyWords(segments: readonly string[], max = 10): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const raw of segments) {
    const word = raw.trim().toLowerCase();
    if (seen.has(word) || STOP_WORDS.has(word)) continue;
    const chinese = /[\u4e00-\u9fff]/.test(word);
    if (chinese ? [...word].length < 2 : !/^[a-z0-9]{3,}$/.test(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words
    .map((word, i) => ({ word, i }))
    .sort((a, b) => [...b.word].length - [...a.word].length || a.i - b.i)
    .slice(0, max)
    .map((w) => w.word);
}

/** Words every request uses: they say nothing about which problem it is. */
const STOP_WORDS = new Set(['需要', '我们', '企业', '公司', '问题', '出现', '进行', '现场', '指导', '专家', '帮助', '解决', '一个', '没有', '目前', '情况', '希望', '请求', '能够', '已经', '相关', '以及', '或者', '可以']);
