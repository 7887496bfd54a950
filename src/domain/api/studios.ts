import { z } from 'zod';
import { studioLevels } from '../studios/studio.js';
import { degradedSchema, facetsSchema, highlightSchema, idOf, pageOf, regionPathSchema, timestampSchema } from './common.js';

/** 工作室 as the API shows it: the stored studio with the names of its lead and members. */
export const studioSchema = z
  .strictObject({
    _id: idOf('工作室'),
    name: z.string().describe('工作室名称'),
    level: z.enum(studioLevels).describe('级别：national 全国级、provincial 省级、prefecture 州市级、county 县级、enterprise 企业级'),
    leadCraftsmanId: z.string().describe('领衔人（劳模工匠 id）'),
    leadName: z.string().describe('领衔人姓名'),
    memberIds: z.array(z.string()).describe('成员（劳模工匠 id，不含领衔人）'),
    members: z.array(z.strictObject({ craftsmanId: z.string().describe('劳模工匠 id'), name: z.string().describe('姓名') })).describe('成员及姓名'),
    specialities: z.array(z.string()).describe('专长'),
    regionCode: z.string().describe('所在地行政区划代码'),
    regionPath: regionPathSchema,
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
    createdBy: z.string().describe('登记人'),
  })
  .describe('劳模创新工作室 / 工匠工作室');
export const studioListSchema = pageOf(studioSchema, '工作室列表');
export const studioDeletedSchema = z.strictObject({ deleted: z.literal(true).describe('已撤销'), id: z.string().describe('工作室 id') }).describe('撤销结果');

export const studioSearchSchema = z
  .strictObject({
    hits: z.array(studioSchema.extend({ highlight: highlightSchema })).describe('命中的工作室'),
    total: z.number().int().min(0).describe('命中总数'),
    facets: facetsSchema,
    page: z.number().int().min(1),
    limit: z.number().int().min(1).max(100),
    degraded: degradedSchema,
  })
  .describe('工作室检索结果');
