/**
 * `npm run bench:match -- --replay`: top-3 agreement with staff choices on recorded dispatch history,
 * before and after fitting per-org weights (src/domain/matching/preference-fit.ts).
 *
 * The history is a deterministic simulation, not real decisions: the engine ranks each order of a
 * generated pool with the default policy and shows the top 10, and "staff" choose among those 10 by a
 * hidden preference the engine does not know — place counts twice as much (region 10 instead of 5) and
 * honours far less (0.5 instead of 2) — plus seeded noise (a Gumbel draw of 2 points on the 0..100 scale, `-- --noise N` to change it,
 * so staff sometimes pick against their own rule, as people do). Decisions are recorded exactly as the
 * service records them (`dispatchDecision`), fitted on the oldest 70 % and measured on the newest 30 %.
 */
import {
  CandidateIndex,
  DEFAULT_MATCHING_POLICY,
  dispatchDecision,
  matchFactors,
  prepareOrder,
  type DispatchDecision,
  type MatchingPolicy,
} from '../../src/domain/matching/index.js';
import { fitAndMeasure, isStaffDecision, preferencePairs, topKAgreement, type Weights } from '../../src/domain/matching/preference-fit.js';
import { createRng, deriveSeed } from '../../seeds/prng.js';
import { BENCH_NOW, generateCraftsmen, generateOrders, loadTaxonomy, segment } from './match-fixtures.js';

const POOL = 4_000;
const DECISIONS = 600;
/** Gumbel scale of the staff's noise in points of 100 (`-- --noise 1`); 2 by default. */
const noiseArg = process.argv.indexOf('--noise');
const NOISE = noiseArg > 0 ? Number(process.argv[noiseArg + 1]) : 2;

/** What the simulated staff weigh, hidden from the fit. */
export const HIDDEN_PREFERENCE: Weights = { ...DEFAULT_MATCHING_POLICY.weights, region: 10, honor: 0.5 };

/** The recorded history: one staff decision per order, oldest first. */
export function simulateHistory(seed = 22): DispatchDecision[] {
  const taxonomy = loadTaxonomy();
  const index = new CandidateIndex(taxonomy, segment);
  for (const c of generateCraftsmen(POOL, deriveSeed(seed, 'pool'))) index.upsert(c);
  const policy: MatchingPolicy = DEFAULT_MATCHING_POLICY;
  const rng = createRng(deriveSeed(seed, 'staff'));
  const hidden = Float64Array.from(matchFactors, (f) => HIDDEN_PREFERENCE[f]);
  const hiddenSum = hidden.reduce((s, x) => s + x, 0);
  const out: DispatchDecision[] = [];
  const orders = generateOrders(DECISIONS, deriveSeed(seed, 'orders'));
  orders.forEach((order, i) => {
    const ranked = index.rank(prepareOrder(order, taxonomy, segment), { taxonomy, policy, now: BENCH_NOW }, { limit: 10 });
    if (ranked.length < 2) return;
    let best = ranked[0]!;
    let bestUtility = -Infinity;
    for (const c of ranked) {
      const values = matchFactors.map((f) => c.factors.find((x) => x.factor === f)!.value);
      const fit = c.weakFit ? 0 : 1_000;
      const gumbel = -Math.log(-Math.log(Math.max(1e-12, rng.next())));
      const utility = fit + (100 * values.reduce((s, v, k) => s + v * hidden[k]!, 0)) / hiddenSum + NOISE * gumbel;
      if (utility > bestUtility) [best, bestUtility] = [c, utility];
    }
    const decidedAt = new Date(BENCH_NOW + i * 3_600_000).toISOString();
    out.push(dispatchDecision({ offerId: `off_${i}`, orderId: order._id, org: { _id: 'org_522700', ancestorIds: [] }, kind: 'manual', decidedBy: 'usr_sim', decidedAt, policy, ranked, chosen: best }));
  });
  return out;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

export function replay(): void {
  const started = performance.now();
  const history = simulateHistory();
  const simulatedMs = performance.now() - started;
  const current = DEFAULT_MATCHING_POLICY.weights;
  const fitStarted = performance.now();
  const fit = fitAndMeasure(history, current);
  const fitMs = performance.now() - fitStarted;
  const staff = history.filter(isStaffDecision);
  const train = staff.slice(0, fit.fitted);
  console.log(`\n派单决策回放 (simulated history: ${staff.length} staff decisions over ${POOL.toLocaleString()} craftsmen, top 10 shown; staff prefer place 10 / honours 0.5 with noise ${NOISE}; ${simulatedMs.toFixed(0)} ms to simulate, ${fitMs.toFixed(0)} ms to fit)`);
  console.log(`fitted on the oldest ${fit.fitted} decisions (${fit.pairs} pairs: chosen ≻ each candidate ranked above it), measured on the newest ${fit.heldOut}`);
  const test = staff.slice(fit.fitted);
  console.table({
    'staff choice in top 3, held out, hidden preference (ceiling)': { current: pct(topKAgreement(test, HIDDEN_PREFERENCE)), fitted: '' },
    'staff choice in top 3, held out': { current: pct(fit.before), fitted: pct(fit.after) },
    'staff choice in top 3, fitted on': { current: pct(topKAgreement(train, current)), fitted: pct(topKAgreement(train, fit.proposed)) },
    'staff choice ranked 1st, held out': { current: pct(topKAgreement(staff.slice(fit.fitted), current, 1)), fitted: pct(topKAgreement(staff.slice(fit.fitted), fit.proposed, 1)) },
  });
  console.table(Object.fromEntries(matchFactors.map((f) => [f, { current: current[f], fitted: fit.proposed[f], 'hidden (staff)': HIDDEN_PREFERENCE[f] }])));
  console.log(`pairs over the whole history: ${preferencePairs(staff).length}`);
}
