import { z } from 'zod';
import { orderCategories } from '../orders/order.js';
import { degradedSchema, facetsSchema, highlightSchema, idOf, nullableTimestamp, regionPathSchema, timestampSchema } from './common.js';

const publicCaseFields = {
  _id: idOf('案例'),
  orderNumber: z.string().nullable().describe('原需求单编号'),
  title: z.string().describe('案例标题'),
  problem: z.string().describe('问题描述（不含联系方式）'),
  solution: z.string().describe('解决办法（不含联系方式）'),
  category: z.enum(orderCategories).describe('类别'),
  skills: z.array(z.string()).describe('涉及技能'),
  regionCode: z.string().describe('所在地行政区划代码'),
  regionPath: regionPathSchema,
  craftsman: z.object({ id: z.string().describe('劳模工匠 id'), name: z.string().describe('解决问题的劳模工匠') }).describe('解决问题的劳模工匠'),
  enterpriseName: z.string().nullable().describe('企业名称（企业同意署名时才显示，否则为 null）'),
  excellent: z.boolean().describe('是否为优秀案例'),
  excellentAt: nullableTimestamp('评为优秀案例的时间'),
  publishedAt: timestampSchema.describe('发布时间'),
  updatedAt: timestampSchema,
};

/** 优秀案例 as its public page shows it (no login): no consent record, no staff ids. */
export const publicCaseSchema = z.object(publicCaseFields).describe('优秀案例（公开页面）');

/** 案例 as signed-in people in scope see it, with the enterprise's consent as staff recorded it. */
export const caseSchema = z
  .object({
    ...publicCaseFields,
    orderId: z.string().describe('原需求单'),
    consent: z
      .object({
        recordedBy: z.string().describe('记录人账号'),
        recordedByName: z.string().describe('记录人'),
        at: timestampSchema.describe('记录时间'),
        how: z.string().describe('企业同意的方式'),
        nameShown: z.boolean().describe('企业是否同意署名'),
      })
      .describe('企业同意发布的记录'),
    publishedBy: z.string().describe('发布人账号'),
  })
  .describe('案例');

export const caseSearchSchema = z
  .object({
    items: z.array(caseSchema.extend({ highlight: highlightSchema.optional() })).describe('命中的案例'),
    total: z.number().int().min(0),
    facets: facetsSchema,
    page: z.number().int().min(1),
    limit: z.number().int().min(1).max(100),
    degraded: degradedSchema,
  })
  .describe('案例库检索结果');

export const similarCasesAnswerSchema = z
  .object({
    words: z.array(z.string()).describe('用于检索相似案例的关键词'),
    items: z.array(caseSchema.extend({ highlight: highlightSchema.optional() })).describe('相似案例，最相似的在前（含解决问题的劳模工匠）'),
  })
  .describe('相似案例');

/** The solved cases on a craftsman's profile. */
export const craftsmanCasesSchema = z.object({ items: z.array(caseSchema) }).describe('劳模工匠解决的案例');
