import { z } from 'zod';
import { text } from '../shared/values.js';
import type { OrderStatus } from './order.js';

/**
 * 投诉: an enterprise or a craftsman complains about an order — about the other party or about the
 * union's service — with a category and text. Staff reaching the order handle it within a time limit
 * (the org's service-limit policy, `complaintDays`) with a recorded outcome and reason, and the
 * complainant is told. A complaint upheld against a craftsman counts towards the exit rule (退出机制).
 */
export const complaintStatuses = ['open', 'upheld', 'dismissed'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintStatusLabels: Record<ComplaintStatus, string> = { open: '待处理', upheld: '投诉成立', dismissed: '投诉不成立' };

/** Whom the complaint is about: the craftsman (filed by the enterprise), the enterprise (filed by the craftsman), or the union's service. */
export const complaintTargets = ['craftsman', 'enterprise', 'service'] as const;
export type ComplaintTarget = (typeof complaintTargets)[number];
export const complaintTargetLabels: Record<ComplaintTarget, string> = { craftsman: '劳模工匠', enterprise: '企业', service: '工会服务' };

export const complaintCategories = ['attitude', 'quality', 'delay', 'no_show', 'cooperation', 'integrity', 'other'] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export const complaintCategoryLabels: Record<ComplaintCategory, string> = {
  attitude: '服务态度',
  quality: '服务质量',
  delay: '拖延超时',
  no_show: '爽约未到',
  cooperation: '配合不到位',
  integrity: '违规收费或转包',
  other: '其他',
};

export const DEFAULT_COMPLAINT_DAYS = 5;

/** Orders a complaint may be filed on: someone has taken the work (a craftsman accepted or claimed it). */
export const COMPLAINABLE_ORDER_STATES: readonly OrderStatus[] = ['in_progress', 'resolved', 'closed', 'cancelled'];

export const complaintCreateSchema = z.strictObject({
  target: z.enum(complaintTargets, { message: '投诉对象为 craftsman（劳模工匠）、enterprise（企业）或 service（工会服务）' }),
  category: z.enum(complaintCategories, { message: '请选择投诉类别' }),
  text: text(2000, '投诉内容'),
});
export type ComplaintCreate = z.infer<typeof complaintCreateSchema>;

export const complaintDecisionSchema = z.strictObject({
  uphold: z.boolean({ message: '请选择投诉是否成立' }),
  reason: text(1000, '处理意见'),
});
export type ComplaintDecision = z.infer<typeof complaintDecisionSchema>;

/** 投诉 as stored: one per filing, in the order's region (so staff reach decides who sees it). */
export interface Complaint {
  _id: string;
  orderId: string;
  orderTitle: string;
  orderNumber: string | null;
  enterpriseId: string;
  enterpriseName: string;
  /** The craftsman who took the order (the one complained about when `target` is `craftsman`). */
  craftsmanId: string | null;
  regionCode: string;
  regionPath: string[];
  complainantRole: 'enterprise' | 'craftsman';
  complainantUserId: string;
  complainantName: string;
  target: ComplaintTarget;
  category: ComplaintCategory;
  text: string;
  status: ComplaintStatus;
  filedAt: string;
  /** Handling is due by then (`complaintDays` after filing). */
  dueAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  [key: string]: unknown;
}

/** Whom each side may complain about: the other party, or the union's service. */
export function targetAllowed(role: 'enterprise' | 'craftsman', target: ComplaintTarget): boolean {
  return target === 'service' || (role === 'enterprise' ? target === 'craftsman' : target === 'enterprise');
}

export const complaintDueAt = (filedAt: string, days: number): string => new Date(Date.parse(filedAt) + days * 86_400_000).toISOString();

/** Handled after its due time, or still open past it. */
export const complaintOverdue = (c: Pick<Complaint, 'status' | 'dueAt' | 'decidedAt'>, now: string): boolean => (c.decidedAt ?? now) > c.dueAt;

/** Whether a decided complaint counts against the craftsman in the exit rule. */
export const upheldAgainstCraftsman = (c: Pick<Complaint, 'status' | 'target'>): boolean => c.status === 'upheld' && c.target === 'craftsman';
