import { z } from 'zod';
import { daySchema } from '../stats/period.js';
import { idSchema, text } from '../shared/values.js';

/**
 * 师带徒结对: a mentor (a craftsman) and one or more apprentices of an enterprise, agreed goals, a start
 * and a planned end. Sessions are logged against the pairing (they are counted as mentoring sessions
 * and hours, never as new 人次), and outcomes — a higher skill grade, a certificate, 出师 — are recorded
 * by the mentor and count only once the enterprise or staff confirm them.
 */

/** National skill grades: 5 = 五级/初级工 … 1 = 一级/高级技师 (a promotion lowers the number). */
export const skillGradeSchema = z.number().int('技能等级为 1–5 的整数').min(1, '技能等级为 1–5（1 为高级技师，5 为初级工）').max(5, '技能等级为 1–5（1 为高级技师，5 为初级工）');

export const pairingStatuses = ['active', 'graduated'] as const;
export type PairingStatus = (typeof pairingStatuses)[number];
export const pairingStatusLabels: Record<PairingStatus, string> = { active: '带徒中', graduated: '已出师' };

export const milestoneKinds = ['promotion', 'certificate', 'graduation'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];
export const milestoneKindLabels: Record<MilestoneKind, string> = { promotion: '技能等级晋升', certificate: '取得证书', graduation: '出师' };

export const milestoneStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

/** 徒弟: one apprentice of a pairing. */
export interface Apprentice {
  /** `a1`, `a2` …: stable within the pairing. */
  id: string;
  name: string;
  /** The apprentice's employer (usually the pairing's enterprise). */
  enterpriseName: string;
  trade: string;
  startGrade: number;
  /** Grade after the confirmed promotions. */
  grade: number;
  /** Day of the confirmed 出师, or null. */
  graduatedOn: string | null;
}

/** 带徒记录: one mentoring session (not a 人次). */
export interface MentoringSession {
  _id: string;
  date: string;
  hours: number;
  content: string;
  /** Apprentices present (all when the mentor did not say). */
  apprenticeIds: string[];
  recordedBy: string;
  createdAt: string;
}

/** 成果: a promotion, a certificate or 出师 of one apprentice, recorded by the mentor, confirmed by the enterprise or staff. */
export interface Milestone {
  _id: string;
  apprenticeId: string;
  kind: MilestoneKind;
  date: string;
  /** promotion: the grade reached. */
  grade: number | null;
  /** certificate: its name. */
  certificate: string | null;
  note: string;
  status: MilestoneStatus;
  recordedBy: string;
  recordedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface Pairing {
  _id: string;
  mentorId: string;
  mentorName: string;
  enterpriseId: string;
  enterpriseName: string;
  /** The union org it belongs to: the federation of the enterprise's county. */
  orgId: string;
  regionCode: string;
  regionPath: string[];
  /** The mentoring order that started it, if any (one pairing per order). */
  orderId?: string;
  apprentices: Apprentice[];
  goals: string;
  startDate: string;
  plannedEndDate: string;
  status: PairingStatus;
  /** Day the last apprentice graduated. */
  graduatedOn: string | null;
  sessions: MentoringSession[];
  milestones: Milestone[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

const apprenticeInputSchema = z.strictObject({
  name: text(30, '徒弟姓名'),
  enterpriseName: text(100, '徒弟所在企业').optional(),
  trade: text(30, '工种'),
  startGrade: skillGradeSchema,
});

const pairingTermsSchema = z.strictObject({
  apprentices: z.array(apprenticeInputSchema).min(1, '至少一名徒弟').max(20, '一个结对最多 20 名徒弟'),
  goals: text(1000, '带徒目标'),
  startDate: daySchema,
  plannedEndDate: daySchema,
});

const endAfterStart = (v: { startDate: string; plannedEndDate: string }) => v.plannedEndDate > v.startDate;
const endAfterStartIssue = { message: '计划结束日期应晚于开始日期', path: ['plannedEndDate'] };

/** Staff start a pairing of a craftsman in reach with an enterprise in reach. */
export const pairingCreateSchema = pairingTermsSchema.extend({ mentorId: idSchema, enterpriseId: idSchema }).refine(endAfterStart, endAfterStartIssue);
export type PairingCreate = z.infer<typeof pairingCreateSchema>;

/** From a mentoring order: the mentor and enterprise are the order's. */
export const pairingFromOrderSchema = pairingTermsSchema.refine(endAfterStart, endAfterStartIssue);
export type PairingFromOrder = z.infer<typeof pairingFromOrderSchema>;

export const sessionCreateSchema = z.strictObject({
  date: daySchema,
  hours: z.number().positive('时长应大于 0').max(12, '一次带徒不超过 12 小时'),
  content: text(1000, '带徒内容'),
  apprenticeIds: z.array(z.string().max(8)).max(20).optional(),
});
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

export const milestoneCreateSchema = z
  .strictObject({
    apprenticeId: z.string().min(1).max(8),
    kind: z.enum(milestoneKinds),
    date: daySchema,
    grade: skillGradeSchema.optional(),
    certificate: text(100, '证书名称').optional(),
    note: z.string().trim().max(500).default(''),
  })
  .refine((m) => m.kind !== 'promotion' || m.grade !== undefined, { message: '技能等级晋升需填写晋升后的等级', path: ['grade'] })
  .refine((m) => m.kind !== 'certificate' || m.certificate !== undefined, { message: '取得证书需填写证书名称', path: ['certificate'] });
export type MilestoneCreate = z.infer<typeof milestoneCreateSchema>;

export const milestoneDecisionSchema = z.strictObject({ confirm: z.boolean(), note: z.string().trim().max(500).optional() });

/** Why a milestone cannot be recorded for this apprentice, or null. */
export function milestoneRefusal(pairing: Pick<Pairing, 'startDate' | 'milestones' | 'apprentices'>, input: MilestoneCreate, today: string): { code: string; message: string; field?: string } | null {
  const apprentice = pairing.apprentices.find((a) => a.id === input.apprenticeId);
  if (!apprentice) return { code: 'APPRENTICE_NOT_FOUND', message: '该结对中没有这名徒弟', field: 'apprenticeId' };
  if (input.date < pairing.startDate || input.date > today) return { code: 'MILESTONE_DATE_INVALID', message: '成果日期应在结对开始之后、今天之前', field: 'date' };
  if (apprentice.graduatedOn) return { code: 'APPRENTICE_GRADUATED', message: '这名徒弟已出师', field: 'apprenticeId' };
  const open = pairing.milestones.find((m) => m.apprenticeId === input.apprenticeId && m.kind === input.kind && m.status === 'pending');
  if (open) return { code: 'MILESTONE_PENDING', message: '这名徒弟的同类成果尚待确认', field: 'kind' };
  if (input.kind === 'promotion' && (input.grade as number) >= apprentice.grade) return { code: 'GRADE_NOT_HIGHER', message: '晋升后的等级应高于当前等级（数字更小）', field: 'grade' };
  return null;
}

/** The pairing after a milestone is confirmed: the apprentice's grade or graduation, and the pairing's status. */
export function applyConfirmed(pairing: Pairing, milestone: Milestone): Pick<Pairing, 'apprentices' | 'status' | 'graduatedOn'> {
  const apprentices = pairing.apprentices.map((a) => {
    if (a.id !== milestone.apprenticeId) return a;
    if (milestone.kind === 'promotion' && milestone.grade !== null) return { ...a, grade: Math.min(a.grade, milestone.grade) };
    if (milestone.kind === 'graduation') return { ...a, graduatedOn: milestone.date };
    return a;
  });
  const all = apprentices.every((a) => a.graduatedOn !== null);
  const last = all ? apprentices.map((a) => a.graduatedOn as string).sort().at(-1) ?? null : null;
  return { apprentices, status: all ? 'graduated' : 'active', graduatedOn: last };
}
