import type { Craftsman } from '../craftsmen/craftsman.js';
import { optimisticTotal, prepareQuery, type MatchContext, type PreparedQuery } from './factors.js';
import { matchFactors, type MatchingPolicy } from './policy.js';
import { cheapBound, CandidateColumns, modeMask, type CheapBoundQuery } from './candidate-columns.js';
import { prepareCraftsman, type CraftsmanProfile, type OrderQuery, type Segment } from './profile.js';
import { explainCandidate, ineligibility, scoreTotal, TopK, type RankedCandidate, type RankOptions } from './score.js';
import { askedUnitsFor } from './skill-fit.js';
import { SIMILAR_SKILL_CREDIT, type AskedUnits } from './skill-similarity.js';
import { RELATED_SKILL_CREDIT, type SkillTaxonomy } from './skill-taxonomy.js';
import { TokenDictionary, type TokenSet } from './tokens.js';

export interface ScoredProfile {
  profile: CraftsmanProfile;
  /** Unrounded total 0..100. */
  score: number;
}

export interface RankStats {
  /** Craftsmen that passed the first look from the columns and the hard filters. */
  considered: number;
  /** Of those, the ones whose full total was computed (the rest could not reach the top k). */
  scored: number;
  /** Which candidate tiers were opened: skill, related, county, prefecture, province, all. */
  tiers: string[];
}

/**
 * 候选人索引: the craftsmen pool kept ready for ranking, updated one craftsman at a time.
 *
 * Ranking opens candidates in tiers, best-possible first: (1) holders of an asked skill, (2) holders
 * of a related skill, (3) the rest of the order's county, (4) prefecture, (5) province, (6) everyone. Before opening
 * a tier it compares the current k-th best total with the highest total anyone in that tier *could*
 * reach (no skill match means the skill and grade factors are 0, and the tier caps the region factor).
 * When the k-th best is already above that bound the tier is skipped, because nobody in it can enter
 * the top k. So the result is the same as scoring everyone (the naive scan) — not a heuristic —
 * and most orders stop after the first tier. It degrades to a full scan only when too few skill
 * holders score well (e.g. an order naming no known skill in a thin pool); `RankStats` says so.
 */
export class CandidateIndex {
  // Craftsmen live in numbered slots so postings and the "seen" marks are integers, not string hashes.
  private readonly slots: Array<CraftsmanProfile | undefined> = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly bySkill = new Map<string, Set<number>>();
  private readonly byRegion = new Map<string, Set<number>>();
  /** `skill|county` → holders there: the same-county holders are scored first without walking the whole skill list. */
  private readonly bySkillCounty = new Map<string, Set<number>>();
  /** Skill-name unit (word id) → craftsmen whose written skill names contain it: where similar names are found. */
  private readonly bySkillUnit = new Map<number, Set<number>>();
  /** The same for skills the taxonomy does not know: the only names a known asked skill is compared with. */
  private readonly byUnknownSkillUnit = new Map<number, Set<number>>();
  private readonly columns = new CandidateColumns();
  /** Every profile word of the pool, once; profiles keep word ids. */
  private readonly dictionary = new TokenDictionary();
  /** Profiles containing each word, by word id. */
  private documentFrequency = new Uint32Array(1024);
  private seenMark = new Uint32Array(1024);
  private generation = 0;

  constructor(
    private readonly taxonomy: SkillTaxonomy,
    private readonly segment: Segment,
  ) {}

  get size(): number {
    return this.slotOf.size;
  }

  *profiles(): Iterable<CraftsmanProfile> {
    for (const profile of this.slots) if (profile) yield profile;
  }

  get(craftsmanId: string): CraftsmanProfile | undefined {
    const slot = this.slotOf.get(craftsmanId);
    return slot === undefined ? undefined : this.slots[slot];
  }

  /** Adds or replaces a craftsman; call on every change that matters to matching (status, load, skills, ratings). */
  upsert(craftsman: Craftsman): CraftsmanProfile {
    const profile = prepareCraftsman(craftsman, this.taxonomy, this.segment, this.dictionary);
    this.upsertProfile(profile);
    return profile;
  }

  /**
   * For callers that prepared profiles already (a status or load change needs no re-segmentation).
   * A profile prepared with another dictionary is stored with its words re-interned in this pool's.
   */
  upsertProfile(prepared: CraftsmanProfile): void {
    const profile = prepared.tokens.dictionary === this.dictionary ? prepared : this.reintern(prepared);
    const id = profile.craftsman._id;
    this.remove(id);
    const slot = this.freeSlots.pop() ?? this.slots.length;
    this.slots[slot] = profile;
    this.slotOf.set(id, slot);
    if (slot >= this.seenMark.length) {
      const grown = new Uint32Array(this.seenMark.length * 2);
      grown.set(this.seenMark);
      this.seenMark = grown;
    }
    this.columns.set(slot, profile);
    for (const skill of profile.skillGrades.keys()) {
      addTo(this.bySkill, skill, slot);
      addTo(this.bySkillCounty, `${skill}|${profile.craftsman.regionCode}`, slot);
    }
    for (const code of profile.craftsman.regionPath) addTo(this.byRegion, code, slot);
    for (const held of profile.heldSkills) {
      for (const unit of held.units) {
        addTo(this.bySkillUnit, unit, slot);
        if (!held.known) addTo(this.byUnknownSkillUnit, unit, slot);
      }
    }
    if (this.dictionary.size > this.documentFrequency.length) {
      const grown = new Uint32Array(Math.max(this.dictionary.size, this.documentFrequency.length * 2));
      grown.set(this.documentFrequency);
      this.documentFrequency = grown;
    }
    for (const word of profile.tokens.ids) this.documentFrequency[word]!++;
  }

  remove(craftsmanId: string): void {
    const slot = this.slotOf.get(craftsmanId);
    if (slot === undefined) return;
    const old = this.slots[slot]!;
    this.slotOf.delete(craftsmanId);
    this.slots[slot] = undefined;
    this.freeSlots.push(slot);
    this.columns.clear(slot);
    for (const skill of old.skillGrades.keys()) {
      removeFrom(this.bySkill, skill, slot);
      removeFrom(this.bySkillCounty, `${skill}|${old.craftsman.regionCode}`, slot);
    }
    for (const code of old.craftsman.regionPath) removeFrom(this.byRegion, code, slot);
    for (const held of old.heldSkills) {
      for (const unit of held.units) {
        removeFrom(this.bySkillUnit, unit, slot);
        if (!held.known) removeFrom(this.byUnknownSkillUnit, unit, slot);
      }
    }
    for (const word of old.tokens.ids) this.documentFrequency[word]!--;
  }

  private reintern(prepared: CraftsmanProfile): CraftsmanProfile {
    const words = (ids: Uint32Array) => [...ids].map((id) => prepared.tokens.dictionary.wordOf(id)!);
    const tokens = this.dictionary.setOf(prepared.tokens);
    const heldSkills = prepared.heldSkills.map((h) => ({ ...h, units: this.dictionary.setOf(words(h.units)).ids }));
    return { ...prepared, tokens, heldSkills };
  }

  /**
   * The order's heaviest words, as ids of this pool's dictionary, that a profile must hold at least one
   * of for its text share to reach `textMin`: the rest weigh less than textMin × the whole together.
   */
  private textHead(weights: ReadonlyArray<readonly [token: string, weight: number]>, sum: number, textMin: number): Int32Array {
    if (!Number.isFinite(textMin)) return new Int32Array(0);
    const head: number[] = [];
    let tail = sum;
    for (const [token, weight] of weights) {
      if (tail < textMin * sum) break;
      head.push(this.dictionary.idOf(token));
      tail -= weight;
    }
    return Int32Array.from(head.filter((id) => id >= 0));
  }

  private nextGeneration(): number {
    if (++this.generation === 0xffffffff) {
      this.seenMark.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** BM25-style inverse document frequency over the pool: rare words (反应釜) weigh more than common ones (设备). */
  readonly idf = (token: string): number => {
    const n = this.slotOf.size;
    const word = this.dictionary.idOf(token);
    const df = word < 0 ? 0 : (this.documentFrequency[word] ?? 0);
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
    // One preparation for scoring and explaining: its word and skill-name look-ups are then resolved once.
    const prepared = prepareQuery(query, context);
    const { entries, stats } = this.topScoredPrepared(query, prepared, context, options);
    return { candidates: entries.map((e) => explainCandidate(prepared, e.profile, context)), stats };
  }

  /** The best `limit` eligible craftsmen with their totals, unexplained: what batch planning needs for its edges. */
  topScored(query: OrderQuery, ctx: MatchContext, options: RankOptions = {}): { entries: ScoredProfile[]; stats: RankStats } {
    const context = this.contextFor(ctx);
    return this.topScoredPrepared(query, prepareQuery(query, context), context, options);
  }

  private topScoredPrepared(query: OrderQuery, prepared: PreparedQuery, context: MatchContext, options: RankOptions): { entries: ScoredProfile[]; stats: RankStats } {
    if ((options.limit ?? 20) <= 0) return { entries: [], stats: { considered: 0, scored: 0, tiers: [] } };
    const reach = options.reach ?? null;
    const top = new TopK<CraftsmanProfile>(options.limit ?? 20);
    const stats: RankStats = { considered: 0, scored: 0, tiers: [] };
    const mark = this.nextGeneration();
    const seen = this.seenMark;
    const cols = this.columns;
    const boundQuery: CheapBoundQuery = {
      orderModes: modeMask(query.order.preferredModes),
      orderRegion: Number.parseInt(query.order.regionCode, 10) || -1,
      remoteOnly: prepared.remoteOnly,
      nowMs: prepared.nowMs,
      scaledWeights: prepared.scaledWeights,
      policy: context.policy,
    };
    // skillCredit: the most skill and grade can give anyone in the tier (1 asked skill, 0.4 related, 0 none);
    // heldCredit narrows it per holder when the order asks for several skills.
    // In the rings nobody unseen has any skill credit, so only text can make them fit; without fit their
    // total stays below the weak cap. Once the k-th best is above that cap, a profile holding none of the
    // order's heaviest words (those without which the text share stays under the evidence line) cannot
    // enter, and is turned away after a few lookups instead of being scored.
    const weakCap = prepared.gate.weakShare * 100;
    let textHead: Int32Array | null = null;
    const consider = (slots: Iterable<number>, skillCredit: number, heldCredit?: (slot: number) => number) => {
      for (const slot of slots) {
        if (seen[slot] === mark) continue;
        seen[slot] = mark;
        // First look from the columns: unavailable, wrong mode, or hopeless even with perfect text — skipped.
        if (cheapBound(cols, slot, boundQuery, heldCredit ? heldCredit(slot) : skillCredit) < top.threshold) continue;
        const profile = this.slots[slot];
        if (!profile) continue;
        if (skillCredit === 0 && !heldCredit && top.threshold > weakCap) {
          textHead ??= this.textHead(prepared.tokenWeights, prepared.tokenWeightSum, prepared.gate.textMin);
          if (!holdsAny(profile.tokens, textHead)) continue;
        }
        if (ineligibility(query.order, profile.craftsman, reach) !== null) continue;
        stats.considered++;
        // Strictly below the k-th best: cannot enter even on a tie (ties go to the smaller id).
        if (optimisticTotal(prepared, profile, context) < top.threshold) continue;
        stats.scored++;
        top.offer(scoreTotal(prepared, profile, context), profile.id, profile);
      }
    };

    // Holders of an asked skill first, then writers of a similar skill name; holders of only a related
    // skill (at most RELATED_SKILL_CREDIT on skill and grade) only if they could still reach the top k.
    stats.tiers.push('skill');
    // Same-county holders first: they usually fill the top k with high totals early, so the bound
    // check turns most of the others away before their text is compared.
    const holders = query.skills.map((skill) => this.bySkill.get(skill));
    // Whoever writes a skill name sharing one of an asked phrase's heavy units: the only ones who can
    // reach the least similarity (see AskedUnits.headCount), so everyone else has no similar credit.
    const similarHolders = askedUnitsFor(prepared.skillFit, this.dictionary).map((asked: AskedUnits, i) => {
      const postings = prepared.skillFit.askedKnown[i] ? this.byUnknownSkillUnit : this.bySkillUnit;
      const slots = new Set<number>();
      for (let u = 0; u < asked.headCount; u++) for (const slot of asked.ids[u]! >= 0 ? (postings.get(asked.ids[u]!) ?? []) : []) slots.add(slot);
      return slots;
    });
    const asked = Math.max(1, holders.length, similarHolders.length);
    // The skill factor of a holder of some of several asked skills: 1 for each held, at most the larger of
    // the related credit (when the taxonomy relates something) and the similar-name credit (when a name
    // shares a heavy unit) for each not held, over the number asked.
    const heldCredit =
      asked < 2
        ? undefined
        : (slot: number) => {
            let credit = 0;
            for (let i = 0; i < asked; i++) {
              if (holders[i]?.has(slot)) credit += 1;
              else credit += Math.max((prepared.relatedSkills[i]?.length ?? 0) > 0 ? RELATED_SKILL_CREDIT : 0, similarHolders[i]?.has(slot) ? SIMILAR_SKILL_CREDIT : 0);
            }
            return credit / asked;
          };
    for (const skill of query.skills) consider(this.bySkillCounty.get(`${skill}|${query.order.regionCode}`) ?? [], 1, heldCredit);
    for (const skill of query.skills) consider(this.bySkill.get(skill) ?? [], 1, heldCredit);
    for (const slots of similarHolders) consider(slots, SIMILAR_SKILL_CREDIT, heldCredit);
    if (top.threshold > bestTotalUnseen(context.policy, prepared.remoteOnly, 3, RELATED_SKILL_CREDIT)) {
      return { entries: top.sortedEntries().map((e) => ({ profile: e.item, score: e.score })), stats };
    }
    stats.tiers.push('related');
    for (const related of new Set(prepared.relatedSkills.flat())) consider(this.bySkill.get(related) ?? [], RELATED_SKILL_CREDIT);
    const path = query.order.regionPath.length > 0 ? query.order.regionPath : [query.order.regionCode];
    // Widening rings around the order: its own county first (region factor 1), then its prefecture, province, everyone.
    const rings: Array<[name: string, slots: Iterable<number> | undefined, proximity: number]> = [
      ['county', this.byRegion.get(path[path.length - 1] ?? ''), 3],
      ['prefecture', path.length >= 2 ? this.byRegion.get(path[1] ?? '') : undefined, 2],
      ['province', this.byRegion.get(path[0] ?? ''), 1],
      ['all', this.slots.keys(), 0],
    ];
    for (const [name, slots, proximity] of rings) {
      // Everyone not yet seen lacks every asked and related skill, and the ring caps how close they can be.
      if (top.threshold > bestTotalUnseen(context.policy, prepared.remoteOnly, proximity, 0)) break;
      stats.tiers.push(name);
      if (slots) consider(slots, 0);
    }
    return { entries: top.sortedEntries().map((e) => ({ profile: e.item, score: e.score })), stats };
  }
}

/**
 * The highest total an unseen craftsman can reach: one holding none of the asked skills (so skill and
 * grade are at most `skillCredit` — 0 without even a related skill, RELATED_SKILL_CREDIT with one) and
 * no closer than `proximityCap` (3 same county … 0 elsewhere), every other factor at its maximum of 1.
 * Before a ring is opened, everyone unseen lies outside the rings already scanned, so the ring's own
 * proximity caps them all.
 */
export function bestTotalUnseen(policy: MatchingPolicy, remoteOnly: boolean, proximityCap: number, skillCredit: number): number {
  const w = policy.weights;
  const total = matchFactors.reduce((sum, f) => sum + w[f], 0) || 1;
  const region = remoteOnly ? 0.5 + proximityCap / 6 : proximityCap / 3;
  const others = matchFactors.filter((f) => f !== 'skill' && f !== 'grade' && f !== 'region').reduce((sum, f) => sum + w[f], 0);
  return (100 * (others + w.region * region + (w.skill + w.grade) * skillCredit)) / total;
}

function holdsAny(tokens: TokenSet, ids: Int32Array): boolean {
  for (let i = 0; i < ids.length; i++) if (tokens.hasId(ids[i]!)) return true;
  return false;
}

function addTo<K>(map: Map<K, Set<number>>, key: K, id: number) {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom<K>(map: Map<K, Set<number>>, key: K, id: number) {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
