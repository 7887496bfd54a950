import { z } from 'zod';
import { accountSchema } from '../users/user.js';
import { creditCodeSchema, mobileSchema, regionCodeSchema, text } from '../shared/values.js';

/** 企业: an enterprise that posts requests (点单). */
export interface Enterprise {
  _id: string;
  name: string;
  creditCode: string;
  industry: string;
  regionCode: string;
  regionPath: string[];
  address: string;
  contact: { name: string; phone: string };
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

const contactSchema = z.strictObject({ name: text(40, '联系人姓名'), phone: mobileSchema });

export const enterpriseCreateSchema = z.strictObject({
  name: text(100, '企业名称'),
  creditCode: creditCodeSchema,
  industry: text(40, '所属行业'),
  regionCode: regionCodeSchema,
  address: text(200, '地址'),
  contact: contactSchema,
  account: accountSchema.optional(),
});
export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;

export const enterprisePatchSchema = z
  .strictObject({
    name: text(100, '企业名称'),
    creditCode: creditCodeSchema,
    industry: text(40, '所属行业'),
    regionCode: regionCodeSchema,
    address: text(200, '地址'),
    contact: contactSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, '至少修改一个字段');
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;
