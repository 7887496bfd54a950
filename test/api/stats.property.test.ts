import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { Actor } from '../../src/domain/users/user.js';
import { ADDITIVE_PATHS, figureAt, type Figures } from '../../src/domain/stats/figures.js';
import { ADMIN, bearer, startTestEngine, tokenFor, type TestEngine } from '../helpers/engine.js';
import { buildCraftsman, buildEnterprise, buildOrder } from '../helpers/fixtures.js';
import { withReporting, type Reporting } from '../unit/stats/harness.js';
import { loadRaw, recount, withoutEquity } from '../unit/stats/recount.js';

/** Where enterprises sit: three counties of 黔南州 and the prefecture itself (its own figures). */
const PLACES = ['522701', '522702', '522722', '522700'] as const;
const COUNTIES = ['522701', '522702', '522722'] as const;

const recordArb = fc.record({
  kind: fc.constantFrom('visit', 'remote', 'training', 'mentoring'),
  quarters: fc.integer({ min: 1, max: 32 }),
  attendees: fc.integer({ min: 1, max: 60 }),
  dateOnly: fc.boolean(),
  // Often 0: several records by one craftsman for one order on one day, which count as one 人次.
  gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
  /** What the enterprise and then staff do about this record before the order is confirmed. */
  dispute: fc.constantFrom('none', 'none', 'open', 'upheld', 'dismissed'),
});
const orderArb = fc.record({
  place: fc.integer({ min: 0, max: PLACES.length - 1 }),
  craftsman: fc.integer({ min: 0, max: 2 }),
  /** Submitted by the enterprise online (null) or entered by staff (代录) from this source. */
  entered: fc.constantFrom(null, null, 'staff_visit', 'hotline', 'union_chair', 'grid_worker', 'other'),
  path: fc.constantFrom('reject', 'cancel_open', 'decline_then_accept', 'expire', 'accept', 'claim', 'stay_open'),
  records: fc.array(recordArb, { maxLength: 3 }),
  finish: fc.constantFrom('none', 'resolve', 'confirm', 'reopen_confirm'),
  rating: fc.integer({ min: 1, max: 5 }),
  /** Minutes the craftsman takes before reporting resolution: some orders miss the 7-day repair limit. */
  resolveDelay: fc.constantFrom(0, 0, 3_000, 12_000),
  /** 回访 after confirming: not reached yet, opened and left, or answered. */
  followUp: fc.constantFrom('none', 'open', 'solved', 'not_solved'),
  satisfaction: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })),
  gaps: fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 6, maxLength: 6 }),
  /** 双向评价: whether the craftsman rates the enterprise after resolving, and how. */
  cooperation: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  /** 投诉 while in service: by the enterprise (about the craftsman) or the craftsman (about the enterprise or the service), left open or decided after some minutes (over 5 days is late). */
  complaint: fc.record({
    by: fc.constantFrom('none', 'none', 'enterprise', 'craftsman', 'craftsman_service'),
    outcome: fc.constantFrom('open', 'upheld', 'dismissed'),
    after: fc.constantFrom(30, 2_000, 8_000),
  }),
  /** 点名 (online orders only): nobody, the craftsman who ends up taking it, or the one who may decline it. */
  named: fc.constantFrom('none', 'none', 'taker', 'other'),
});

type OrderScript = typeof orderArb extends fc.Arbitrary<infer T> ? T : never;

/** A 师带徒 pairing: started some days back, sessions on the way, outcomes recorded and then confirmed or rejected. */
const pairingArb = fc.record({
  place: fc.integer({ min: 0, max: PLACES.length - 1 }),
  craftsman: fc.integer({ min: 0, max: 2 }),
  apprentices: fc.integer({ min: 1, max: 3 }),
  back: fc.integer({ min: 0, max: 12 }),
  steps: fc.array(
    fc.oneof(
      fc.record({ do: fc.constant('session' as const), gap: fc.integer({ min: 0, max: 3000 }), quarters: fc.integer({ min: 1, max: 24 }) }),
      fc.record({
        do: fc.constant('outcome' as const),
        gap: fc.integer({ min: 0, max: 3000 }),
        apprentice: fc.integer({ min: 0, max: 2 }),
        kind: fc.constantFrom('promotion', 'certificate', 'graduation', 'graduation'),
        decision: fc.constantFrom('enterprise', 'staff', 'reject', 'leave'),
      }),
    ),
    { maxLength: 8 },
  ),
});
type PairingScript = typeof pairingArb extends fc.Arbitrary<infer T> ? T : never;

describe('statistics agree with a brute-force recount over random histories', () => {
  let t: TestEngine;
  let r: Reporting;
  let staff: Actor;
  let enterprises: { actor: Actor; place: string }[];

  beforeAll(async () => {
    t = await startTestEngine();
    r = await withReporting(t);
    // Random histories leave many orders unfinished per enterprise: lift the limit on unfinished orders.
    await t.engine.services.orderLimits.put(ADMIN, 'org_520000', { maxOpenOrders: 1000 });
    staff = await r.actorOf(await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' }));
    enterprises = [];
    for (const place of PLACES) {
      const e = await t.engine.services.enterprises.create(ADMIN, buildEnterprise({ regionCode: place }));
      enterprises.push({ actor: await r.actorOf(await tokenFor(t, { role: 'enterprise', subjectId: e._id })), place });
    }
  });
  afterAll(() => t.engine.close());

  async function craftsmen(): Promise<Actor[]> {
    const out: Actor[] = [];
    for (const code of COUNTIES) {
      const c = await t.engine.services.craftsmen.create(ADMIN, buildCraftsman({ regionCode: code, capacity: 20 }));
      out.push(await r.actorOf(await tokenFor(t, { role: 'craftsman', subjectId: c._id })));
    }
    return out;
  }

  async function play(script: OrderScript, crafts: Actor[]) {
    const s = t.engine.services;
    const ent = enterprises[script.place] as { actor: Actor };
    const cra = crafts[script.craftsman] as Actor;
    const other = crafts[(script.craftsman + 1) % crafts.length] as Actor;
    const step = (i: number) => t.clock.advance((script.gaps[i] ?? 1) * 60_000);
    if (script.entered) {
      // Entered by staff: it starts open (the one who entered it vouches for it); "reject" becomes a cancellation.
      const order = await s.entries.enter(staff, { ...buildOrder({ category: 'equipment_repair' }), source: script.entered, enterpriseId: ent.actor.enterpriseId as string });
      step(0);
      if (script.path === 'reject') return s.orders.cancel(staff, order._id, '企业已另行解决');
      return continueFromOpen(script, order._id, ent, cra, other, step);
    }
    const namedId = script.named === 'taker' ? cra.craftsmanId : script.named === 'other' ? other.craftsmanId : undefined;
    const preferred = namedId ? { preferred: { kind: 'craftsman' as const, id: namedId, reason: '曾合作过' } } : {};
    const order = await s.orders.submit(ent.actor, buildOrder({ category: 'equipment_repair', ...preferred }));
    step(0);
    if (script.path === 'reject') return s.orders.vet(staff, order._id, { approve: false, reason: '不属于服务范围' });
    await s.orders.vet(staff, order._id, { approve: true });
    return continueFromOpen(script, order._id, ent, cra, other, step);
  }

  async function continueFromOpen(script: OrderScript, orderId: string, ent: { actor: Actor }, cra: Actor, other: Actor, step: (i: number) => void) {
    const s = t.engine.services;
    const order = { _id: orderId };
    step(1);
    if (script.path === 'cancel_open') return s.orders.cancel(staff, order._id, '企业已自行解决');
    if (script.path === 'stay_open') return;
    if (script.path === 'claim') {
      await s.dispatch.claim(cra, order._id);
    } else {
      if (script.path === 'decline_then_accept') {
        const first = await s.dispatch.offer(staff, order._id, { craftsmanId: other.craftsmanId as string });
        step(2);
        await s.dispatch.decline(other, first._id, '时间冲突');
      }
      const expiresInMinutes = script.path === 'expire' ? 600 : 60 * 24 * 14;
      // Naming the taker, staff dispatch in one action; otherwise they choose.
      const offer =
        script.named === 'taker' && !script.entered
          ? await s.dispatch.offerNamed(staff, order._id, { expiresInMinutes })
          : await s.dispatch.offer(staff, order._id, { craftsmanId: cra.craftsmanId as string, expiresInMinutes });
      step(3);
      if (script.path === 'expire') {
        t.clock.advance(601 * 60_000);
        return s.dispatch.expire(offer._id);
      }
      await s.dispatch.accept(cra, offer._id);
    }
    const recorded: { id: string; dispute: string }[] = [];
    for (const rec of script.records) {
      t.clock.advance(rec.gap * 60_000);
      const date = rec.dateOnly ? new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10) : t.clock.now().toISOString();
      try {
        const saved = await s.records.record(cra, order._id, { kind: rec.kind, date, hours: rec.quarters / 4, attendees: rec.kind === 'training' ? rec.attendees : undefined, summary: '现场指导' });
        recorded.push({ id: saved._id, dispute: rec.dispute });
      } catch (error) {
        // The daily hours cap refuses a record: it is not stored, so neither side counts it.
        if (!(error instanceof AppError && error.code === 'DAILY_HOURS_EXCEEDED')) throw error;
      }
    }
    if (script.complaint.by !== 'none') {
      const byEnterprise = script.complaint.by === 'enterprise';
      const filed = await s.complaints.file(byEnterprise ? ent.actor : cra, order._id, {
        target: byEnterprise ? 'craftsman' : script.complaint.by === 'craftsman' ? 'enterprise' : 'service',
        category: 'other',
        text: '服务中出现分歧',
      });
      if (script.complaint.outcome !== 'open') {
        t.clock.advance(script.complaint.after * 60_000);
        await s.complaints.decide(staff, filed._id, { uphold: script.complaint.outcome === 'upheld', reason: '已核实' });
      }
    }
    if (script.finish === 'none') return;
    step(4);
    t.clock.advance(script.resolveDelay * 60_000);
    await s.records.resolve(cra, order._id, '已解决');
    if (script.cooperation !== null) await s.ratings.rateEnterprise(cra, order._id, { rating: script.cooperation });
    for (const rec of recorded) {
      if (rec.dispute === 'none') continue;
      await s.records.dispute(ent.actor, rec.id, '未见现场服务');
      if (rec.dispute !== 'open') await s.records.decideDispute(staff, rec.id, { uphold: rec.dispute === 'upheld', reason: '已核实' });
    }
    if (script.finish === 'resolve') return;
    if (script.finish === 'reopen_confirm') {
      await s.orders.reopen(ent.actor, order._id, '问题复发');
      step(5);
      await s.records.resolve(cra, order._id, '再次处理完毕');
    }
    step(5);
    await s.orders.confirm(ent.actor, order._id, { rating: script.rating });
    if (script.followUp === 'none') return;
    // Follow-ups open 7 days after closing; other orders' follow-ups may open on the way too.
    t.clock.advance(7 * 86_400_000);
    await s.followUps.openDue();
    if (script.followUp === 'open') return;
    const [craftsmanSatisfaction, unionSatisfaction] = script.satisfaction;
    await s.followUps.answerSurvey(ent.actor, order._id, { stillSolved: script.followUp === 'solved', craftsmanSatisfaction, unionSatisfaction });
  }

  /** Refusals a random script runs into (a graduated apprentice, an outcome still pending …): nothing is stored, neither side counts. */
  const REFUSALS = ['APPRENTICE_GRADUATED', 'APPRENTICE_NOT_FOUND', 'MILESTONE_PENDING', 'GRADE_NOT_HIGHER', 'PAIRING_NOT_ACTIVE'];

  async function playPairing(script: PairingScript, crafts: Actor[]) {
    const s = t.engine.services;
    const ent = enterprises[script.place] as { actor: Actor };
    const mentor = crafts[script.craftsman] as Actor;
    const beijingToday = () => new Date(t.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const startDate = new Date(Date.parse(`${beijingToday()}T00:00:00Z`) - script.back * 86_400_000).toISOString().slice(0, 10);
    const plannedEndDate = new Date(Date.parse(`${startDate}T00:00:00Z`) + 365 * 86_400_000).toISOString().slice(0, 10);
    const apprentices = Array.from({ length: script.apprentices }, (_, i) => ({ name: `徒弟${i + 1}`, trade: '焊工', startGrade: 5 - (i % 2) }));
    let pairing = await s.pairings.start(staff, { mentorId: mentor.craftsmanId as string, enterpriseId: ent.actor.enterpriseId as string, apprentices, goals: '出师', startDate, plannedEndDate });
    for (const step of script.steps) {
      t.clock.advance(step.gap * 60_000);
      try {
        if (step.do === 'session') {
          pairing = await s.pairings.logSession(mentor, pairing._id, { date: beijingToday(), hours: step.quarters / 4, content: '带徒' });
          continue;
        }
        const apprentice = pairing.apprentices[step.apprentice % pairing.apprentices.length] as { id: string; grade: number };
        pairing = await s.pairings.recordMilestone(mentor, pairing._id, {
          apprenticeId: apprentice.id,
          kind: step.kind,
          date: beijingToday(),
          grade: step.kind === 'promotion' ? Math.max(1, apprentice.grade - 1) : undefined,
          certificate: step.kind === 'certificate' ? '职业技能等级证书' : undefined,
          note: '',
        });
        if (step.decision === 'leave') continue;
        const milestone = pairing.milestones.at(-1) as { _id: string };
        pairing = await s.pairings.decideMilestone(step.decision === 'enterprise' ? ent.actor : staff, pairing._id, milestone._id, { confirm: step.decision !== 'reject' });
      } catch (error) {
        if (!(error instanceof AppError && REFUSALS.includes(error.code))) throw error;
      }
    }
  }

  it('when any history of orders, offers, records, complaints and 师带徒 pairings has been played, then the prefecture report equals the recount for its subtree, its own part and each county, over ragged days, whole months and a whole year', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(orderArb, { minLength: 1, maxLength: 6 }), fc.array(pairingArb, { maxLength: 3 }), fc.integer({ min: 0, max: 20 }), async (scripts, pairingScripts, shrinkDays) => {
        const crafts = await craftsmen();
        for (const script of scripts) await play(script, crafts);
        for (const script of pairingScripts) await playPairing(script, crafts);
        await r.settle();
        const raw = await loadRaw(t.engine.store);
        const token = await tokenFor(t, { role: 'union_staff', orgRegionCode: '522700' });
        const to = new Date(t.clock.now().getTime() + 8 * 3600_000 - shrinkDays * 86_400_000).toISOString().slice(0, 10);
        const edge = { from: '2026-06-03', to: to < '2026-06-03' ? '2026-06-03' : to };
        // Whole months and a whole year read month and year rollups: they must agree as well.
        const now = new Date(t.clock.now().getTime() + 8 * 3600_000);
        const endOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
        for (const range of [edge, { from: '2026-05-20', to: endOfMonth }, { from: '2026-01-01', to: '2026-12-31' }]) {
          const res = await r.http().get(`/api/orgs/org_522700/stats?from=${range.from}&to=${range.to}`).set(bearer(token));
          expect(res.status).toBe(200);
          const report = res.body as { total: Figures; own: Figures; children: (Figures & { org: { regionCode: string } })[] };
          const check = (got: Figures & { org?: unknown; targets?: unknown }, want: ReturnType<typeof recount>) => {
            const { org: _org, targets: _targets, ...figures } = got;
            expect(withoutEquity(figures)).toEqual(withoutEquity(want));
            expect(got.equity.craftsmen).toBe(want.equity.craftsmen);
            for (const key of ['busiestTenthShare', 'gini'] as const) {
              if (want.equity[key] === null) expect(got.equity[key]).toBeNull();
              else expect(got.equity[key]).toBeCloseTo(want.equity[key] as number, 3);
            }
          };
          check(report.total, recount(raw, { code: '522700' }, range));
          const childCodes = report.children.map((c) => c.org.regionCode);
          expect(childCodes).toHaveLength(12);
          check(report.own, recount(raw, { code: '522700', exclude: childCodes }, range));
          for (const child of report.children) check(child, recount(raw, { code: child.org.regionCode }, range));
          for (const path of ADDITIVE_PATHS) {
            const sum = report.children.reduce((a, c) => a + (figureAt(c, path) ?? 0), figureAt(report.own, path) ?? 0);
            expect(Math.round(sum * 100) / 100, path).toBe(figureAt(report.total, path));
          }
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});
