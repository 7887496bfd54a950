import type { Craftsman } from '../craftsmen/craftsman.js';
import { prepareQuery, type MatchContext } from './factors.js';
import { matchFactors, type MatchingPolicy } from './policy.js';
import { prepareCraftsman, type CraftsmanProfile, type OrderQuery, type Segment } from './profile.js';
import { explainCandidate, ineligibility, scoreTotal, TopK, type RankedCandidate, type RankOptions } from './score.js';
import type { SkillTaxonomy } from './skill-taxonomy.js';

export interface ScoredProfile {
  profile: CraftsmanProfile;
  /** Unrounded total 0..100. */
  score: number;
}

export interface RankStats {
  /** Craftsmen whose total was computed. */
  scored: number;
  /** Which candidate tiers had to be opened: skill, county, prefecture, province, all. */
  tiers: string[];
}

/**
 * 候选人索引: the craftsmen pool kept ready for ranking, updated one craftsman at a time.
 *
 * Ranking opens candidates in tiers, best-possible first: (1) holders of an asked skill or a related
 * one, (2) the rest of the order's county, (3) prefecture, (4) province, (5) everyone. Before opening
 * a tier it compares the current k-th best total with the highest total anyone in that tier *could*
 * reach (no skill match means the skill and grade factors are 0, and the tier caps the region factor).
 * When the k-th best is already above that bound the tier is skipped, because nobody in it can enter
 * the top k. So the result is the same as scoring everyone (the naive scan) — not a heuristic —
 * and most orders stop after the first tier. It degrades to a full scan only when too few skill
 * holders score well (e.g. an order naming no known skill in a thin pool); `RankStats` says so.
 */
export class CandidateIndex {
  private readonly profilesById = new Map<string, CraftsmanProfile>();
  private readonly bySkill = new Map<string, Set<string>>();
  private readonly byRegion = new Map<string, Set<string>>();
  private readonly documentFrequency = new Map<string, number>();

  constructor(
    private readonly taxonomy: SkillTaxonomy,
    private readonly segment: Segment,
  ) {}

  get size(): number {
    return this.profilesById.size;
  }

  profiles(): Iterable<CraftsmanProfile> {
    return this.profilesById.values();
  }

  get(craftsmanId: string): CraftsmanProfile | undefined {
    return this.profilesById.get(craftsmanId);
  }

  upsert(craftsman: Craftsman): CraftsmanProfile {
    const profile = prepareCraftsman(craftsman, this.taxonomy, this.segment);
    this.upsertProfile(profile);
    return profile;
  }

  /** For callers that prepared profiles already (a status or load change needs no re-segmentation). */
  upsertProfile(profile: CraftsmanProfile): void {
    this.remove(profile.craftsman._id);
    const id = profile.craftsman._id;
    this.profilesById.set(id, profile);
    for (const skill of profile.skillGrades.keys()) addTo(this.bySkill, skill, id);
    for (const code of profile.craftsman.regionPath) addTo(this.byRegion, code, id);
    for (const token of profile.tokens) this.documentFrequency.set(token, (this.documentFrequency.get(token) ?? 0) + 1);
  }

  remove(craftsmanId: string): void {
    const old = this.profilesById.get(craftsmanId);
    if (!old) return;
    this.profilesById.delete(craftsmanId);
    for (const skill of old.skillGrades.keys()) removeFrom(this.bySkill, skill, craftsmanId);
    for (const code of old.craftsman.regionPath) removeFrom(this.byRegion, code, craftsmanId);
    for (const token of old.tokens) {
      const n = (this.documentFrequency.get(token) ?? 1) - 1;
      if (n <= 0) this.documentFrequency.delete(token);
      else this.documentFrequency.set(token, n);
    }
  }

  /** BM25-style inverse document frequency over the pool: rare words (反应釜) weigh more than common ones (设备). */
  readonly idf = (token: string): number => {
    const n = this.profilesById.size;
    const df = this.documentFrequency.get(token) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  /** The context ranking uses: the caller's, with this pool's idf unless the caller brought its own. */
  contextFor(ctx: MatchContext): MatchContext {
    return ctx.idf ? ctx : { ...ctx, idf: this.idf };
  }

  rank(query: OrderQuery, ctx: MatchContext, options: RankOptions = {}): RankedCandidate[] {
    return this.rankWithStats(query, ctx, options).candidates;
  }

  rankWithStats(query: OrderQuery, ctx: MatchContext, options: RankOptions = {}): { candidates: RankedCandidate[]; stats: RankStats } {
    const context = this.contextFor(ctx);
    const { entries, stats } = this.topScored(query, context, options);
    const prepared = prepareQuery(query, context);
    return { candidates: entries.map((e) => explainCandidate(prepared, e.profile, context)), stats };
  }

  /** The best `limit` eligible craftsmen with their totals, unexplained: what batch planning needs for its edges. */
  topScored(query: OrderQuery, ctx: MatchContext, options: RankOptions = {}): { entries: ScoredProfile[]; stats: RankStats } {
    const context = this.contextFor(ctx);
    const prepared = prepareQuery(query, context);
    const reach = options.reach ?? null;
    const top = new TopK<CraftsmanProfile>(options.limit ?? 20);
    const seen = new Set<string>();
    const stats: RankStats = { scored: 0, tiers: [] };
    const consider = (ids: Iterable<string>) => {
      for (const id of ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        const profile = this.profilesById.get(id);
        if (!profile || ineligibility(query.order, profile.craftsman, reach) !== null) continue;
        stats.scored++;
        top.offer(scoreTotal(prepared, profile, context), id, profile);
      }
    };

    stats.tiers.push('skill');
    for (const skill of query.skills) {
      consider(this.bySkill.get(skill) ?? []);
      for (const related of this.taxonomy.relatedTo(skill)) consider(this.bySkill.get(related) ?? []);
    }
    const path = query.order.regionPath.length > 0 ? query.order.regionPath : [query.order.regionCode];
    // Widening rings around the order: its own county first (region factor 1), then its prefecture, province, everyone.
    const rings: Array<[name: string, ids: Iterable<string> | undefined, proximity: number]> = [
      ['county', this.byRegion.get(path[path.length - 1] ?? ''), 3],
      ['prefecture', path.length >= 2 ? this.byRegion.get(path[1] ?? '') : undefined, 2],
      ['province', this.byRegion.get(path[0] ?? ''), 1],
      ['all', this.profilesById.keys(), 0],
    ];
    for (const [name, ids, proximity] of rings) {
      // Everyone not yet seen lacks every asked and related skill, and the ring caps how close they can be.
      if (top.threshold > bestTotalWithoutSkill(context.policy, prepared.remoteOnly, proximity)) break;
      stats.tiers.push(name);
      if (ids) consider(ids);
    }
    return { entries: top.sortedEntries().map((e) => ({ profile: e.item, score: e.score })), stats };
  }
}

/**
 * The highest total a craftsman holding none of the asked (or related) skills can reach when no closer
 * than `proximityCap` (3 same county … 0 elsewhere): skill and grade are 0, every other factor at 1.
 * Before a ring is opened, everyone unseen lies outside the rings already scanned, so the ring's own
 * proximity caps them all.
 */
export function bestTotalWithoutSkill(policy: MatchingPolicy, remoteOnly: boolean, proximityCap: number): number {
  const w = policy.weights;
  const total = matchFactors.reduce((sum, f) => sum + w[f], 0) || 1;
  const region = remoteOnly ? 0.5 + proximityCap / 6 : proximityCap / 3;
  const others = matchFactors.filter((f) => f !== 'skill' && f !== 'grade' && f !== 'region').reduce((sum, f) => sum + w[f], 0);
  return (100 * (others + w.region * region)) / total;
}

function addTo(map: Map<string, Set<string>>, key: string, id: string) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
