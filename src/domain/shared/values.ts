import { z } from 'zod';
import { isValidCreditCode } from './credit-code.js';

/** GB/T 2260 six-digit administrative division code (行政区划代码). */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字');

/** Mainland China mobile number. */
export const mobileSchema = z.string().regex(/^1[3-9]\d{9}$/, '手机号格式不正确（11 位大陆手机号）');

/** 统一社会信用代码 with its check character verified (GB 32100-2015). */
export const creditCodeSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isValidCreditCode, '统一社会信用代码无效（长度、字符或校验位不正确）');

export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601，例如 2026-01-31T08:00:00+08:00' });

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'id 格式不正确');

/** Short human text: trimmed, non-empty. */
export const text = (max: number, label: string) =>
  z.string().trim().min(1, `${label}不能为空`).max(max, `${label}不能超过 ${max} 个字`);

export const serviceModes = ['onsite', 'remote', 'training', 'mentoring'] as const;
export const serviceModeSchema = z.enum(serviceModes);
export type ServiceMode = z.infer<typeof serviceModeSchema>;
export const serviceModeLabels: Record<ServiceMode, string> = { onsite: '上门服务', remote: '远程指导', training: '技能培训', mentoring: '师带徒' };

/** Pagination every list accepts: `limit` (1–100, default 20) and a 1-based `page`. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}
