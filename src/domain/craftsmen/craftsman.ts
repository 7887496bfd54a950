import { z } from 'zod';
import { accountSchema } from '../users/user.js';
import { mobileSchema, regionCodeSchema, serviceModeSchema, text, type ServiceMode } from '../shared/values.js';

/** 荣誉级别: 全国 / 省部级 / 州市级 / 县级. */
export const honorLevels = ['national', 'provincial', 'prefecture', 'county'] as const;
export type HonorLevel = (typeof honorLevels)[number];
export const honorLevelLabels: Record<HonorLevel, string> = { national: '全国', provincial: '省级', prefecture: '州级', county: '县级' };

/** 职业技能等级: 1 = 一级/高级技师 … 5 = 五级/初级工. */
export const skillGradeLabels: Record<number, string> = { 1: '一级/高级技师', 2: '二级/技师', 3: '三级/高级工', 4: '四级/中级工', 5: '五级/初级工' };

export const craftsmanStatuses = ['active', 'paused', 'suspended', 'exited'] as const;
export type CraftsmanStatus = (typeof craftsmanStatuses)[number];
export const craftsmanStatusLabels: Record<CraftsmanStatus, string> = { active: '在库', paused: '暂停接单', suspended: '停用', exited: '已退出' };

export interface Honor {
  title: string;
  level: HonorLevel;
  year: number;
}
export interface Skill {
  name: string;
  grade: number;
}

/** 劳模/工匠: a model worker or master craftsman in the talent pool. */
export interface Craftsman {
  _id: string;
  name: string;
  phone: string;
  regionCode: string;
  regionPath: string[];
  honors: Honor[];
  skills: Skill[];
  trades: string[];
  industries: string[];
  studio: string | null;
  serviceModes: ServiceMode[];
  capacity: number;
  bio: string;
  status: CraftsmanStatus;
  statusReason?: string;
  /** Derived: shrunk windowed average of confirmed ratings (null before the first). */
  rating: number | null;
  ratingCount: number;
  /** The latest confirmed ratings, newest last (the rating window). */
  recentRatings: number[];
  completedCount: number;
  activeCount: number;
  /** When offers or claims last went to this craftsman (spreads work). */
  lastAssignedAt: string | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

const honorSchema = z.strictObject({
  title: text(60, '荣誉称号'),
  level: z.enum(honorLevels),
  year: z.number().int().min(1950).max(2100),
});
const skillSchema = z.strictObject({ name: text(30, '技能名称'), grade: z.number().int().min(1).max(5) });
const tagList = (label: string) => z.array(text(30, label)).max(20);

const profileFields = {
  name: text(40, '姓名'),
  phone: mobileSchema,
  regionCode: regionCodeSchema,
  honors: z.array(honorSchema).max(20),
  skills: z.array(skillSchema).min(1, '至少填写一项技能').max(30),
  trades: tagList('工种'),
  industries: tagList('行业'),
  studio: text(80, '创新工作室').nullable(),
  serviceModes: z.array(serviceModeSchema).min(1, '至少选择一种服务方式').max(4),
  capacity: z.number().int().min(1).max(20),
  bio: z.string().trim().max(2000),
};

export const craftsmanCreateSchema = z.strictObject({
  ...profileFields,
  honors: profileFields.honors.default([]),
  trades: profileFields.trades.default([]),
  industries: profileFields.industries.default([]),
  studio: profileFields.studio.default(null),
  capacity: profileFields.capacity.default(3),
  bio: profileFields.bio.default(''),
  account: accountSchema.optional(),
});
export type CraftsmanCreate = z.infer<typeof craftsmanCreateSchema>;

export const craftsmanPatchSchema = z
  .strictObject(profileFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, '至少修改一个字段');
export type CraftsmanPatch = z.infer<typeof craftsmanPatchSchema>;

export const craftsmanStatusChangeSchema = z.strictObject({ status: z.enum(craftsmanStatuses), reason: text(200, '原因') });

/** The best honour level a craftsman holds (national first), or null. */
export function topHonor(honors: Honor[]): Honor | null {
  let best: Honor | null = null;
  for (const h of honors) if (!best || honorLevels.indexOf(h.level) < honorLevels.indexOf(best.level)) best = h;
  return best;
}

/** The phone as people without a need to call see it: 138****5678. */
export const maskPhone = (phone: string) => (phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****');
