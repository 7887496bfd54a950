import { serviceModes, type ServiceMode } from '../shared/values.js';
import { gradeValue } from './factors.js';
import type { MatchingPolicy } from './policy.js';
import type { CraftsmanProfile } from './profile.js';

const HONOR_VALUE = { national: 1, provincial: 0.75, prefecture: 0.5, county: 0.25 } as const;
const DAY_MS = 86_400_000;

export const modeMask = (modes: readonly ServiceMode[]) => modes.reduce((mask, m) => mask | (1 << serviceModes.indexOf(m)), 0);

/**
 * The few numbers the first look at a candidate needs, in flat typed arrays by index slot. Walking
 * 100,000 profile objects scattered over the heap costs a cache miss per field; these columns let
 * the index reject most candidates (unavailable, wrong service mode, or unable to reach the current
 * top k even with perfect text and experience) without touching the profile at all.
 */
export class CandidateColumns {
  available = new Uint8Array(0);
  modes = new Uint8Array(0);
  region = new Int32Array(0);
  honor = new Float32Array(0);
  /** gradeValue of the best grade held in any skill: no skill covers an asked one at a better grade. */
  gradeCap = new Float32Array(0);
  ratingSum = new Float32Array(0);
  ratingCount = new Float32Array(0);
  load = new Float32Array(0);
  lastAssignedMs = new Float64Array(0);

  set(slot: number, profile: CraftsmanProfile): void {
    this.ensure(slot);
    const c = profile.craftsman;
    this.available[slot] = c.status === 'active' && c.activeCount < c.capacity ? 1 : 0;
    this.modes[slot] = modeMask(c.serviceModes);
    this.region[slot] = Number.parseInt(c.regionCode, 10) || 0;
    this.honor[slot] = profile.topHonor ? HONOR_VALUE[profile.topHonor.level] : 0;
    let gradeCap = 0;
    for (const grade of profile.skillGrades.values()) gradeCap = Math.max(gradeCap, gradeValue(grade));
    this.gradeCap[slot] = gradeCap;
    this.ratingSum[slot] = profile.ratingSum;
    this.ratingCount[slot] = profile.ratingCount;
    this.load[slot] = Math.max(0, 1 - c.activeCount / Math.max(1, c.capacity));
    this.lastAssignedMs[slot] = profile.lastAssignedMs ?? Number.NaN;
  }

  clear(slot: number): void {
    if (slot < this.available.length) this.available[slot] = 0;
  }

  private ensure(slot: number): void {
    if (slot < this.available.length) return;
    const size = Math.max(1024, this.available.length * 2, slot + 1);
    const grow = <A extends Uint8Array | Int32Array | Float32Array | Float64Array>(old: A, make: (n: number) => A): A => {
      const next = make(size);
      next.set(old as never);
      return next;
    };
    this.available = grow(this.available, (n) => new Uint8Array(n));
    this.modes = grow(this.modes, (n) => new Uint8Array(n));
    this.region = grow(this.region, (n) => new Int32Array(n));
    this.honor = grow(this.honor, (n) => new Float32Array(n));
    this.gradeCap = grow(this.gradeCap, (n) => new Float32Array(n));
    this.ratingSum = grow(this.ratingSum, (n) => new Float32Array(n));
    this.ratingCount = grow(this.ratingCount, (n) => new Float32Array(n));
    this.load = grow(this.load, (n) => new Float32Array(n));
    this.lastAssignedMs = grow(this.lastAssignedMs, (n) => new Float64Array(n));
  }
}

export interface CheapBoundQuery {
  orderModes: number;
  orderRegion: number;
  remoteOnly: boolean;
  nowMs: number;
  /** Weights in `matchFactors` order scaled to a 0..100 total. */
  scaledWeights: Float64Array;
  policy: MatchingPolicy;
}

/**
 * −∞ when the slot is unavailable or shares no service mode; otherwise an upper bound on its total
 * with skill at most `skillCredit`, grade at most `skillCredit` × the best grade held (each asked
 * skill's grade credit is its skill credit times the value of a grade the craftsman holds), and text
 * and experience at 1 (everything else exact, as in `optimisticTotal`). Float32 columns round, so a
 * small margin keeps the bound an upper bound.
 */
export function cheapBound(cols: CandidateColumns, slot: number, q: CheapBoundQuery, skillCredit: number): number {
  if (cols.available[slot] !== 1 || (cols.modes[slot]! & q.orderModes) === 0) return -Infinity;
  const w = q.scaledWeights;
  const region = cols.region[slot]!;
  const proximity = region === q.orderRegion ? 3 : Math.floor(region / 100) === Math.floor(q.orderRegion / 100) ? 2 : Math.floor(region / 10000) === Math.floor(q.orderRegion / 10000) ? 1 : 0;
  const c = q.policy.ratingPriorWeight;
  const n = cols.ratingCount[slot]!;
  const rating = c + n === 0 ? q.policy.ratingPriorMean : (c * q.policy.ratingPriorMean + cols.ratingSum[slot]!) / (c + n);
  const last = cols.lastAssignedMs[slot]!;
  const recency = Number.isNaN(last) ? 1 : Math.min(1, Math.max(0, (q.nowMs - last) / DAY_MS) / q.policy.recencyWindowDays);
  return (
    (w[0]! + w[1]! * cols.gradeCap[slot]!) * skillCredit +
    w[2]! +
    w[3]! * (q.remoteOnly ? 0.5 + proximity / 6 : proximity / 3) +
    w[4]! * cols.honor[slot]! +
    w[5]! * ((rating - 1) / 4) +
    w[6]! +
    w[7]! * cols.load[slot]! +
    w[8]! * recency +
    1e-3
  );
}
