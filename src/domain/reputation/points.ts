import type { ReputationRules } from './rules.js';

export const pointRules = ['visit', 'hours', 'solved', 'high_rating'] as const;
export type PointRule = (typeof pointRules)[number];
export const pointRuleLabels: Record<PointRule, string> = { visit: '服务人次积分', hours: '服务时长积分', solved: '解决问题积分', high_rating: '好评奖励' };

/** 积分明细: one line of a craftsman's ledger. Append-only; at most one per order, craftsman and rule. */
export interface PointEntry {
  _id: string;
  craftsmanId: string;
  orderId: string;
  orderTitle: string;
  rule: PointRule;
  label: string;
  points: number;
  /** What the points were figured from. */
  basis: { visits?: number; hours?: number; rating?: number };
  /** Which rules applied (`reputation:org_522701`, `reputation:global`, `default`). */
  ruleSource: string;
  eventId: string;
  createdAt: string;
  [key: string]: unknown;
}

export const pointEntryId = (orderId: string, craftsmanId: string, rule: PointRule) => `pts_${orderId}_${craftsmanId}_${rule}`;

/**
 * The points a confirmed order earns its craftsman: per visit, per hour, for the solved problem, and
 * a bonus for a high rating. Visits and hours are those of the records that count; while a dispute
 * on one of them waits for staff (`disputesPending`), the visit and hour lines wait too, and are
 * credited once it is decided (each line is credited at most once per order).
 */
export function pointsForConfirmedOrder(
  input: { visits: number; hours: number; rating: number | null; disputesPending?: number },
  rules: ReputationRules['points'],
): { rule: PointRule; points: number; basis: PointEntry['basis'] }[] {
  const lines: { rule: PointRule; points: number; basis: PointEntry['basis'] }[] = [
    { rule: 'visit', points: input.visits * rules.perVisit, basis: { visits: input.visits } },
    { rule: 'hours', points: Math.round(input.hours * rules.perHour * 10) / 10, basis: { hours: input.hours } },
    { rule: 'solved', points: rules.perSolved, basis: {} },
  ];
  if (input.rating !== null && input.rating >= rules.highRatingMin) lines.push({ rule: 'high_rating', points: rules.highRatingBonus, basis: { rating: input.rating } });
  const held = (input.disputesPending ?? 0) > 0 ? new Set<PointRule>(['visit', 'hours']) : new Set<PointRule>();
  return lines.filter((l) => l.points > 0 && !held.has(l.rule));
}
