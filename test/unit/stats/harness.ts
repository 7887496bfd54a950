import request from 'supertest';
import type { Actor } from '../../../src/domain/users/user.js';
import { createApp } from '../../../src/http/app.js';
import { apiRoutes } from '../../../src/http/routes/index.js';
import { reportingRoutes } from '../../../src/http/routes/stats-routes.js';
import { buildReportingServices, type ReportingServices } from '../../../src/services/reporting.js';
import type { TestEngine } from '../../helpers/engine.js';

export interface Reporting {
  services: ReportingServices;
  http: () => ReturnType<typeof request>;
  /** Publishes pending events and waits until the stats and reputation consumers are idle. */
  settle(): Promise<void>;
  actorOf(token: string): Promise<Actor>;
}

/**
 * This area's services, consumers and routes on a test engine: the engine's own once the lead has
 * wired them into src/engine.ts, otherwise built here the same way.
 */
export async function withReporting(t: TestEngine): Promise<Reporting> {
  const base = t.engine.services as typeof t.engine.services & Partial<ReportingServices>;
  const wired = base.stats !== undefined && base.reputation !== undefined;
  const services: ReportingServices = wired ? (base as unknown as ReportingServices) : buildReportingServices(base.deps, { reference: base.reference, orders: base.orders, accounts: base.accounts, pdf: t.engine.parts.pdf });
  const app = wired
    ? t.engine.app
    : createApp({
        logger: t.engine.logger,
        bodyLimit: t.engine.config.bodyLimit,
        routes: [...reportingRoutes(services), ...apiRoutes(t.engine.services)],
        authenticate: (token) => t.engine.services.accounts.authenticate(token),
        readiness: t.engine.readiness,
      });
  return {
    services,
    http: () => request(app),
    async settle() {
      for (let i = 0; i < 3; i += 1) {
        await t.engine.relay.flush();
      }
    },
    actorOf: (token) => t.engine.services.accounts.authenticate(token),
  };
}

/** Plays one order through to the end with services: submit, vet, offer, accept, records, resolve, confirm. */
export async function completeOrder(
  t: TestEngine,
  who: { staff: Actor; enterprise: Actor; craftsman: Actor },
  options: { records?: { kind: 'visit' | 'remote' | 'training' | 'mentoring'; hours: number; attendees?: number }[]; rating?: number | null } = {},
) {
  const s = t.engine.services;
  const order = await s.orders.submit(who.enterprise, { title: '设备异响诊断', description: '生产线减速机异响，需要专家现场诊断。', category: 'equipment_repair', requiredSkills: ['设备维修'], urgency: 'normal', preferredModes: ['onsite'], expectedBy: null, autoDispatch: false });
  await s.orders.vet(who.staff, order._id, { approve: true });
  t.clock.advance(30 * 60_000);
  const offer = await s.dispatch.offer(who.staff, order._id, { craftsmanId: who.craftsman.craftsmanId as string, expiresInMinutes: 60 * 24 });
  t.clock.advance(45 * 60_000);
  await s.dispatch.accept(who.craftsman, offer._id);
  for (const rec of options.records ?? [{ kind: 'visit', hours: 2 }]) {
    await s.records.record(who.craftsman, order._id, { kind: rec.kind, date: t.clock.now().toISOString(), hours: rec.hours, attendees: rec.attendees, summary: '现场服务' });
  }
  await s.records.resolve(who.craftsman, order._id, '已解决');
  if (options.rating === null) return order._id;
  await s.orders.confirm(who.enterprise, order._id, { rating: options.rating ?? 5 });
  return order._id;
}
