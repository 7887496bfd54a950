import type { Actor } from '../users/user.js';

/** What the matching trail records (匹配策略与技能分类变更记录). */
export const matchingAuditActions = ['matching_policy.updated', 'matching_policy.proposal_accepted', 'taxonomy.synonym_added', 'taxonomy.related_added', 'taxonomy.proposal_accepted', 'taxonomy.proposal_rejected'] as const;
export type MatchingAuditAction = (typeof matchingAuditActions)[number];
export const matchingAuditActionLabels: Record<MatchingAuditAction, string> = {
  'matching_policy.updated': '修改匹配策略',
  'matching_policy.proposal_accepted': '采纳学习得出的匹配权重',
  'taxonomy.synonym_added': '新增技能同义词',
  'taxonomy.related_added': '新增相关技能',
  'taxonomy.proposal_accepted': '采纳技能分类建议',
  'taxonomy.proposal_rejected': '驳回技能分类建议',
};

/** One change to matching: who, when, on which org, what it was before and after. Never changed once written. */
export interface MatchingAuditEntry {
  _id: string;
  at: string;
  actorId: string;
  actorName: string;
  orgId: string;
  action: MatchingAuditAction;
  before: unknown;
  after: unknown;
  details: Record<string, unknown>;
  [key: string]: unknown;
}

export function matchingAuditEntry(input: {
  id: string;
  at: string;
  actor: Pick<Actor, 'userId' | 'displayName'>;
  orgId: string;
  action: MatchingAuditAction;
  before: unknown;
  after: unknown;
  details?: Record<string, unknown> | undefined;
}): MatchingAuditEntry {
  return { _id: input.id, at: input.at, actorId: input.actor.userId, actorName: input.actor.displayName, orgId: input.orgId, action: input.action, before: input.before, after: input.after, details: input.details ?? {} };
}
