import { competitionRanks } from './ranking.js';
import { round } from './figures.js';
import type { Progress } from './targets.js';
import type { Cell, Table } from './table.js';

/** One child org's line of a 考核 table: its progress per metric, its mean completion and its rank. */
export interface AssessmentRow {
  org: { id: string; name: string; regionCode: string };
  progress: Progress[];
  /** Mean completion in percent over its cumulative targets (each capped at 100, so one overshoot cannot hide a shortfall); null without targets. */
  completion: number | null;
  /** 1 = furthest along; orgs without targets rank last together. */
  rank: number;
}

/** 县区考核表: each child org's progress against its own targets for the period, ranked by mean completion. */
export function assessmentRows(children: readonly { org: AssessmentRow['org']; targets: Progress[] | null }[]): AssessmentRow[] {
  const withCompletion = children.map((c) => {
    const counted = (c.targets ?? []).filter((p) => p.remaining !== null && p.target > 0);
    const completion = counted.length ? round(counted.reduce((sum, p) => sum + Math.min(100, ((p.value ?? 0) / p.target) * 100), 0) / counted.length, 1) : null;
    return { org: c.org, progress: c.targets ?? [], completion };
  });
  const ranks = competitionRanks(withCompletion, [(r) => r.completion ?? -1]);
  return withCompletion.map((r, i) => ({ ...r, rank: ranks[i] as number })).sort((a, b) => a.rank - b.rank || a.org.regionCode.localeCompare(b.org.regionCode));
}

/** The table people export: one row per child org, a column per metric (value / target), completion and rank. */
export function assessmentTable(rows: readonly AssessmentRow[]): Table {
  const metrics = [...new Map(rows.flatMap((r) => r.progress.map((p) => [p.metric, p.label] as const))).entries()];
  const cellOf = (row: AssessmentRow, metric: string): Cell => {
    const p = row.progress.find((x) => x.metric === metric);
    return p ? `${p.value ?? '—'} / ${p.target}` : '—';
  };
  return {
    headers: ['排名', '组织', ...metrics.map(([, label]) => `${label}（完成/目标）`), '平均完成率（%）'],
    rows: rows.map((r) => [r.rank, r.org.name, ...metrics.map(([metric]) => cellOf(r, metric)), r.completion]),
  };
}
