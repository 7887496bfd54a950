import { z } from 'zod';
import { regionCodeSchema, text } from '../shared/values.js';

/** 工作室级别: recognised nationally (全国), by a province, a prefecture, a county, or by its enterprise. */
export const studioLevels = ['national', 'provincial', 'prefecture', 'county', 'enterprise'] as const;
export type StudioLevel = (typeof studioLevels)[number];
export const studioLevelLabels: Record<StudioLevel, string> = { national: '全国级', provincial: '省级', prefecture: '州市级', county: '县级', enterprise: '企业级' };

/**
 * 劳模创新工作室 / 工匠工作室: a studio led by a model worker or craftsman, with members and
 * specialities, recognised at a level. A studio can take on an order as a team (its lead and the
 * members who go). Members are craftsmen of the talent pool; the lead is never listed among them.
 */
export interface Studio {
  _id: string;
  name: string;
  level: StudioLevel;
  leadCraftsmanId: string;
  memberIds: string[];
  /** 专长: what the studio works on, in the skill vocabulary (matched like craftsmen's skills). */
  specialities: string[];
  regionCode: string;
  regionPath: string[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  [key: string]: unknown;
}

const studioFields = {
  name: text(80, '工作室名称'),
  level: z.enum(studioLevels, { message: '工作室级别应为 national、provincial、prefecture、county 或 enterprise' }),
  leadCraftsmanId: z.string().min(1).max(64),
  memberIds: z.array(z.string().min(1).max(64)).max(50, '工作室成员不能超过 50 人'),
  specialities: z.array(text(30, '专长')).min(1, '至少填写一项专长').max(20),
  regionCode: regionCodeSchema,
};

export const studioCreateSchema = z.strictObject({ ...studioFields, memberIds: studioFields.memberIds.default([]) });
export type StudioCreate = z.infer<typeof studioCreateSchema>;

export const studioPatchSchema = z
  .strictObject(studioFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, '至少修改一个字段');
export type StudioPatch = z.infer<typeof studioPatchSchema>;

/** Members without repeats and without the lead (who leads, and is counted once). */
export function normaliseMembers(leadCraftsmanId: string, memberIds: readonly string[]): string[] {
  return [...new Set(memberIds)].filter((id) => id !== leadCraftsmanId);
}

/** Everyone in the studio: the lead first, then the members. */
export const studioPeople = (studio: Pick<Studio, 'leadCraftsmanId' | 'memberIds'>): string[] => [studio.leadCraftsmanId, ...studio.memberIds];
