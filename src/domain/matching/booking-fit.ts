import { bookedSolid, type TimeWindow } from '../orders/appointment.js';
import type { RankedCandidate } from './score.js';

/** Said first among a booked-solid candidate's reasons: it is why a strong candidate sits low. */
export const BOOKED_SOLID_REASON = '企业期望时段内已排满预约';

/**
 * 预约日程 in matching: a craftsman whose confirmed visits leave no free half hour in any of the
 * order's preferred windows cannot come when the enterprise asked, so it is listed after every
 * candidate who can, whatever its score (the scores themselves are left as they are, so their factor
 * contributions still add up), and its reasons say why. Without preferred windows nothing moves.
 */
export function demoteBookedSolid(ranked: readonly RankedCandidate[], windows: readonly TimeWindow[], booked: ReadonlyMap<string, readonly TimeWindow[]>): RankedCandidate[] {
  if (windows.length === 0) return [...ranked];
  const free: RankedCandidate[] = [];
  const solid: RankedCandidate[] = [];
  for (const candidate of ranked) {
    if (!bookedSolid(windows, booked.get(candidate.craftsmanId) ?? [])) {
      free.push(candidate);
      continue;
    }
    const reasons = [candidate.reasons[0] ?? '', BOOKED_SOLID_REASON, ...candidate.reasons.slice(1)].filter((r) => r !== '');
    solid.push({ ...candidate, reasons, summary: reasons.join(' · ') });
  }
  return [...free, ...solid];
}

/** The span from the first window's start to the last window's end: where bookings can matter. */
export function windowsSpan(windows: readonly TimeWindow[]): TimeWindow | null {
  if (windows.length === 0) return null;
  return { start: windows.reduce((a, w) => (w.start < a ? w.start : a), windows[0]!.start), end: windows.reduce((a, w) => (w.end > a ? w.end : a), windows[0]!.end) };
}
