import { z } from 'zod';
import { figureAt, round, type Figures } from './figures.js';
import { daysBetween, periodRange, periodSchema, type Period } from './period.js';

/** The metrics a union sets targets for (目标任务), and where each one's value is in the figures. */
export const targetMetrics = {
  serviceVisits: { path: 'service.visits', label: '服务企业人次', cumulative: true },
  problemsSolved: { path: 'problemsSolved', label: '解决问题数', cumulative: true },
  enterprisesServed: { path: 'enterprisesServed', label: '服务企业数', cumulative: true },
  trainingAttendees: { path: 'service.trainingAttendees', label: '培训人数', cumulative: true },
  serviceHours: { path: 'service.hours', label: '服务时长（小时）', cumulative: true },
  satisfaction: { path: 'satisfaction.average', label: '满意度（平均评分）', cumulative: false },
  pairingsStarted: { path: 'mentoring.pairingsStarted', label: '师带徒结对数', cumulative: true },
  apprenticesGraduated: { path: 'mentoring.apprenticesGraduated', label: '出师徒弟数', cumulative: true },
  apprenticesPromoted: { path: 'mentoring.apprenticesPromoted', label: '技能等级晋升徒弟数', cumulative: true },
  mentoringSessions: { path: 'mentoring.sessions', label: '带徒次数', cumulative: true },
} as const;
export type TargetMetric = keyof typeof targetMetrics;
export const targetMetricNames = Object.keys(targetMetrics) as TargetMetric[];

const count = (label: string) => z.number().int(`${label}应为整数`).min(0).max(10_000_000);
export const targetValuesSchema = z
  .strictObject({
    serviceVisits: count('服务企业人次目标'),
    problemsSolved: count('解决问题数目标'),
    enterprisesServed: count('服务企业数目标'),
    trainingAttendees: count('培训人数目标'),
    serviceHours: z.number().min(0).max(10_000_000),
    satisfaction: z.number().min(1, '满意度目标为 1–5').max(5, '满意度目标为 1–5'),
    pairingsStarted: count('师带徒结对数目标'),
    apprenticesGraduated: count('出师徒弟数目标'),
    apprenticesPromoted: count('技能等级晋升徒弟数目标'),
    mentoringSessions: count('带徒次数目标'),
  })
  .partial()
  .refine((m) => Object.keys(m).length > 0, '至少设置一项目标');
export type TargetValues = z.infer<typeof targetValuesSchema>;

export const targetPutSchema = z.strictObject({ period: periodSchema, metrics: targetValuesSchema });

/** 目标任务: one org's own targets for one period (a parent's target is its own, not its children's sum). */
export interface Target {
  _id: string;
  orgId: string;
  period: Period;
  metrics: TargetValues;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export const targetId = (orgId: string, period: Period) => `${orgId}:${period}`;

export interface Progress {
  metric: TargetMetric;
  label: string;
  value: number | null;
  target: number;
  /** value / target in percent, one decimal. */
  percent: number | null;
  /** Cumulative metrics: what is left, and the daily and monthly pace needed to finish on time. */
  remaining: number | null;
  daysLeft: number;
  neededPerDay: number | null;
  neededPerMonth: number | null;
  /** Where a steady pace would be by today. */
  expectedByNow: number | null;
  onTrack: boolean | null;
  /** For a parent: the sum of its children's own targets, shown beside its own. */
  childTargetSum?: number;
}

/** Progress of `figures` (over the whole period) against `targets`, as of `today`. */
export function progressOf(period: Period, targets: TargetValues, figures: Figures, today: string): Progress[] {
  const range = periodRange(period);
  const totalDays = daysBetween(range.from, range.to) + 1;
  const elapsed = Math.min(totalDays, Math.max(0, daysBetween(range.from, today) + 1));
  const daysLeft = totalDays - elapsed;
  const out: Progress[] = [];
  for (const metric of targetMetricNames) {
    const target = targets[metric];
    if (target === undefined) continue;
    const def = targetMetrics[metric];
    const value = figureAt(figures, def.path);
    const percent = value === null || target === 0 ? null : round((value / target) * 100, 1);
    if (!def.cumulative) {
      out.push({ metric, label: def.label, value, target, percent, remaining: null, daysLeft, neededPerDay: null, neededPerMonth: null, expectedByNow: null, onTrack: value === null ? null : value >= target });
      continue;
    }
    const have = value ?? 0;
    const remaining = Math.max(0, round(target - have, 2));
    const neededPerDay = remaining === 0 ? 0 : daysLeft > 0 ? round(remaining / daysLeft, 2) : null;
    const expectedByNow = round((target * elapsed) / totalDays, 1);
    out.push({
      metric,
      label: def.label,
      value: have,
      target,
      percent,
      remaining,
      daysLeft,
      neededPerDay,
      neededPerMonth: neededPerDay === null ? null : round(neededPerDay * 30, 1),
      expectedByNow,
      onTrack: have >= expectedByNow,
    });
  }
  return out;
}
