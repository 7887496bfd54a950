import { z } from 'zod';

/**
 * Building blocks of the API's answers (响应). Each operation's answer is a zod schema built from the stored
 * shapes, so the OpenAPI document, the API tests' checks and the console's types all come from one place.
 */

/** A string rather than `z.iso.datetime()`: the same check (format date-time) without a 1 kB pattern repeated on every field. */
export const timestampSchema = z.string().meta({ format: 'date-time', description: '时间（ISO 8601）' });
export const nullableTimestamp = (what: string) => timestampSchema.nullable().describe(`${what}（未发生时为 null）`);
export const idOf = (what: string) => z.string().describe(`${what} id`);
export const regionPathSchema = z.array(z.string()).describe('行政区划路径：自省级起至本级的代码');

/** A paginated list: every list answers with this envelope (`limit` at most 100). */
export const pageOf = <T extends z.ZodType>(item: T, description: string) =>
  z
    .object({
      items: z.array(item).describe('本页条目'),
      total: z.number().int().min(0).describe('符合条件的总数'),
      page: z.number().int().min(1).describe('页码（从 1 开始）'),
      limit: z.number().int().min(1).max(100).describe('每页条数'),
    })
    .describe(description);

/** Facet counts of a full-text search: facet → value → count. */
export const facetsSchema = z.record(z.string(), z.record(z.string(), z.number().int().min(0))).describe('分面统计：维度 → 取值 → 数量');
/** Highlighted fragments of a search hit (matched words wrapped in <em>). */
export const highlightSchema = z.record(z.string(), z.string()).describe('高亮片段：字段 → 含 <em> 标记的文本');
/** True when the search backend was down and the answer came from the store without ranking or facets. */
export const degradedSchema = z.boolean().describe('检索服务不可用时为 true：结果来自存储，无相关度排序与分面');

/** The one error body of the API (`{ error: { code, message, details? } }`). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('稳定的错误码（英文大写），客户端据此判断'),
      message: z.string().describe('给人看的中文说明'),
      details: z.unknown().optional().describe('补充信息：校验失败的字段、请求 id 等'),
    }),
  })
  .describe('错误');
export type ErrorBody = z.infer<typeof errorBodySchema>;
