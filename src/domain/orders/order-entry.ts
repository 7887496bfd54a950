import { z } from 'zod';
import { enterpriseCreateSchema } from '../enterprises/enterprise.js';
import { text } from '../shared/values.js';
import { orderCreateSchema, staffEntrySources } from './order.js';

/**
 * 代录: union staff enter a need on an enterprise's behalf — for a registered enterprise (`enterpriseId`)
 * or one they register on the spot (`enterprise`), exactly one of the two. The order records where
 * the need came from and who entered it.
 */
export const orderEntrySchema = orderCreateSchema
  .omit({ preferred: true })
  .extend({
    source: z.enum(staffEntrySources, { message: '需求来源应为：工会走访、12351 热线、企业工会主席收集、网格员上报或其他渠道' }),
    sourceNote: text(200, '来源备注').optional(),
    enterpriseId: z.string().min(1).max(64).optional(),
    enterprise: enterpriseCreateSchema.optional(),
  })
  .refine((v) => (v.enterpriseId === undefined) !== (v.enterprise === undefined), {
    message: '请选择已登记的企业，或当场登记一家新企业（二者选其一）',
    path: ['enterpriseId'],
  });
export type OrderEntryInput = z.infer<typeof orderEntrySchema>;
