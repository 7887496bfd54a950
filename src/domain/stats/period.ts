import { z } from 'zod';

/**
 * Reporting periods and days. Unions report by Beijing calendar days, so an instant is bucketed by
 * its date at UTC+8 (China has no daylight saving time).
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const PERIOD_FORMAT = '统计周期格式应为 2025、2025Q3、2025-07、规划期 2021-2025 或自定义 2024-03-01..2025-02-28';
const PLAN = /^(\d{4})-(\d{4})$/;
const CUSTOM = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
const isDay = (day: string) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().startsWith(day);

/** Whether a multi-year plan period or a custom range is well formed: in order, at most 10 years. */
function spanIsSound(period: string): boolean {
  const plan = PLAN.exec(period);
  if (plan) return Number(plan[1]) < Number(plan[2]) && Number(plan[2]) - Number(plan[1]) < 10;
  const custom = CUSTOM.exec(period);
  if (custom) return isDay(custom[1] as string) && isDay(custom[2] as string) && (custom[1] as string) <= (custom[2] as string) && Number((custom[2] as string).slice(0, 4)) - Number((custom[1] as string).slice(0, 4)) <= 10;
  return true;
}

/**
 * 统计周期: a year `2025`, a quarter `2025Q3`, a month `2025-07`, a multi-year plan period `2021-2025`
 * (十四五: targets "到十四五末") or a custom range of days `2024-03-01..2025-02-28`.
 */
export const periodSchema = z
  .string()
  .regex(/^((\d{4})(Q[1-4]|-(0[1-9]|1[0-2]))?|\d{4}-\d{4}|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/, PERIOD_FORMAT)
  .refine(spanIsSound, '规划期或自定义区间应起止有序、不超过 10 年');
export type Period = z.infer<typeof periodSchema>;

/** A calendar day `YYYY-MM-DD`. */
export const daySchema = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export interface DayRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Beijing date of an ISO instant; a bare `YYYY-MM-DD` is already a day. */
export function dayOf(value: string): string {
  if (value.length === 10 && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(Date.parse(value) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last day of a month (1-based). */
function lastDayOfMonth(year: number, month: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(days)}`;
}

/** The days a period covers. */
export function periodRange(period: Period): DayRange {
  const plan = PLAN.exec(period);
  if (plan) return { from: `${plan[1]}-01-01`, to: `${plan[2]}-12-31` };
  const custom = CUSTOM.exec(period);
  if (custom) return { from: custom[1] as string, to: custom[2] as string };
  const year = Number(period.slice(0, 4));
  if (period.length === 4) return { from: `${year}-01-01`, to: `${year}-12-31` };
  if (period[4] === 'Q') {
    const q = Number(period[5]);
    const first = (q - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, first + 2) };
  }
  const month = Number(period.slice(5, 7));
  return { from: `${year}-${pad(month)}-01`, to: lastDayOfMonth(year, month) };
}

/** The year a day falls in, as a period. */
export const yearOf = (day: string): Period => day.slice(0, 4);

/** `YYYY-MM` of a day. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Whole days from `a` to `b` (b − a), both `YYYY-MM-DD`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every month key from the month of `from` to the month of `to`. */
export function monthsIn(range: DayRange): string[] {
  const out: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const end = monthOf(range.to);
  for (;;) {
    const key = `${year}-${pad(month)}`;
    out.push(key);
    if (key >= end || out.length > 1200) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/** Every day from `from` to `to`, inclusive. */
export function daysIn(range: DayRange): string[] {
  const out: string[] = [];
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const count = daysBetween(range.from, range.to);
  for (let i = 0; i <= count && i <= 3660; i += 1) out.push(new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return out;
}

/** Minutes between two ISO instants, to one decimal. */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 6_000) / 10;
}

export const inRange = (day: string, range: DayRange) => day >= range.from && day <= range.to;

/** A range cut into the rollup buckets that cover it exactly: whole years, whole months, and runs of days. */
export interface RangePieces {
  /** First days of the whole years in the range. */
  years: string[];
  /** First days of the whole months in the range not inside a whole year. */
  months: string[];
  /** Runs of days not inside a whole month (at most one at each edge). */
  days: DayRange[];
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * The fewest rollup buckets covering `range`, using grains up to `coarsest`: a year's report reads
 * one bucket per region, a report from 10 February to 20 November reads 19 days, 8 months and 20 days.
 */
export function rangePieces(range: DayRange, coarsest: 'day' | 'month' | 'year' = 'year'): RangePieces {
  const out: RangePieces = { years: [], months: [], days: [] };
  let day = range.from;
  let run: DayRange | null = null;
  const closeRun = () => {
    if (run) out.days.push(run);
    run = null;
  };
  while (day <= range.to) {
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    if (coarsest === 'year' && day.slice(5) === '01-01' && `${year}-12-31` <= range.to) {
      closeRun();
      out.years.push(day);
      day = `${year + 1}-01-01`;
    } else if (coarsest !== 'day' && day.slice(8) === '01' && lastDayOfMonth(year, month) <= range.to) {
      closeRun();
      out.months.push(day);
      day = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
    } else {
      if (run) run.to = day;
      else run = { from: day, to: day };
      day = nextDay(day);
    }
  }
  closeRun();
  return out;
}

/** The spans of the rollup buckets covering a range (`2025`, `2025-03`, `2025-03-15`): what a report reads by equality. */
export function rangeSpans(range: DayRange, coarsest: 'day' | 'month' | 'year' = 'year'): string[] {
  const pieces = rangePieces(range, coarsest);
  return [...pieces.years.map(yearOf), ...pieces.months.map(monthOf), ...pieces.days.flatMap(daysIn)];
}

/** Five-year plan periods by name, for headings. */
const FIVE_YEAR_PLANS: Record<string, string> = { '2016-2020': '十三五', '2021-2025': '十四五', '2026-2030': '十五五' };

/** The kind of a period: what the console's picker offers. */
export function periodKind(period: Period): 'year' | 'quarter' | 'month' | 'plan' | 'custom' {
  if (PLAN.test(period)) return 'plan';
  if (CUSTOM.test(period)) return 'custom';
  if (period.length === 4) return 'year';
  return period[4] === 'Q' ? 'quarter' : 'month';
}

/** A period in words for a report's heading: 2026 年, 2026 年第 3 季度, 2026 年 7 月. */
export function periodLabel(period: Period): string {
  const plan = PLAN.exec(period);
  if (plan) return `${plan[1]}–${plan[2]} 年${FIVE_YEAR_PLANS[period] ? `（${FIVE_YEAR_PLANS[period]}）` : ''}`;
  const custom = CUSTOM.exec(period);
  if (custom) return `${custom[1]} 至 ${custom[2]}`;
  const year = period.slice(0, 4);
  if (period.length === 4) return `${year} 年`;
  if (period[4] === 'Q') return `${year} 年第 ${period[5]} 季度`;
  return `${year} 年 ${Number(period.slice(5, 7))} 月`;
}

/** The range in words, with its period when it is one: 2026-01-01 至 2026-12-31（2026 年）. */
export function rangeLabel(range: DayRange, period?: Period): string {
  return `${range.from} 至 ${range.to}${period ? `（${periodLabel(period)}）` : ''}`;
}
