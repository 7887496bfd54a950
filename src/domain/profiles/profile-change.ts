import { z } from 'zod';
import { text } from '../shared/values.js';

/**
 * Who changes which field of a profile. A craftsman keeps its own contact, bio and service modes
 * current (availability is its pause/resume, a status change); everything that ranks it or places
 * it — region, honours, skills and their grades, capacity, studio, name, trades, industries — is
 * the union's record, changed by staff in reach. An enterprise likewise keeps its contact, address
 * and industry; its name, credit code and region are the union's. What a subject proposes beyond
 * its own fields waits for staff approval (资料变更待审核) with the difference shown.
 */
export const SELF_FIELDS = {
  craftsman: ['phone', 'bio', 'serviceModes'],
  enterprise: ['industry', 'address', 'contact'],
} as const satisfies Record<string, readonly string[]>;

/** The zh-CN name of each profile field, as a proposal's difference is shown to people. */
export const profileFieldLabels: Record<string, string> = {
  name: '名称',
  phone: '手机号',
  regionCode: '所在地区',
  honors: '荣誉',
  skills: '技能及等级',
  trades: '工种',
  industries: '行业',
  studio: '创新工作室',
  serviceModes: '服务方式',
  capacity: '同时承接上限',
  bio: '简介',
  creditCode: '统一社会信用代码',
  industry: '所属行业',
  address: '地址',
  contact: '联系人',
};

/** `所在地区、荣誉`: the fields of a proposal as one line. */
export const fieldListText = (fields: readonly string[]): string => fields.map((f) => profileFieldLabels[f] ?? f).join('、');

export const profileSubjects = ['craftsman', 'enterprise'] as const;
export type ProfileSubject = (typeof profileSubjects)[number];

export const profileChangeStatuses = ['pending', 'approved', 'rejected'] as const;
export type ProfileChangeStatus = (typeof profileChangeStatuses)[number];
export const profileChangeStatusLabels: Record<ProfileChangeStatus, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };

/** One field's difference: what is stored now and what is proposed. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** 资料变更申请: a subject's proposed change of fields only staff may set. One pending per subject. */
export interface ProfileChange {
  _id: string;
  subjectType: ProfileSubject;
  subjectId: string;
  subjectName: string;
  /** The subject's region path when proposed: staff reaching it decide. */
  regionPath: string[];
  status: ProfileChangeStatus;
  changes: Record<string, FieldChange>;
  proposedBy: string;
  proposedByName: string;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  [key: string]: unknown;
}

/** Splits a patch: fields the subject sets itself apply now, the rest are proposed. */
export function splitPatch<P extends Record<string, unknown>>(subject: ProfileSubject, patch: P): { direct: Partial<P>; proposed: Partial<P> } {
  const own: readonly string[] = SELF_FIELDS[subject];
  const direct: Record<string, unknown> = {};
  const proposed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    (own.includes(field) ? direct : proposed)[field] = value;
  }
  return { direct: direct as Partial<P>, proposed: proposed as Partial<P> };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `proposed` that differ from `current`, each with both values. */
export function diffProfile(current: Record<string, unknown>, proposed: Record<string, unknown>): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const [field, to] of Object.entries(proposed)) if (!same(current[field], to)) out[field] = { from: current[field] ?? null, to };
  return out;
}

/** A pending change with more proposals folded in: the first `from` of a field is kept, the latest `to` wins. */
export function mergeChanges(pending: Record<string, FieldChange>, next: Record<string, FieldChange>): Record<string, FieldChange> {
  const out = { ...pending };
  for (const [field, change] of Object.entries(next)) out[field] = { from: pending[field]?.from ?? change.from, to: change.to };
  return out;
}

/** The patch approval applies. */
export const patchOf = (changes: Record<string, FieldChange>): Record<string, unknown> => Object.fromEntries(Object.entries(changes).map(([field, c]) => [field, c.to]));

export const profileChangeDecisionSchema = z
  .strictObject({ approve: z.boolean(), reason: text(500, '原因').optional() })
  .refine((d) => d.approve || d.reason, { message: '驳回时需填写原因', path: ['reason'] });
export type ProfileChangeDecision = z.infer<typeof profileChangeDecisionSchema>;
