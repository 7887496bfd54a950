import request from 'supertest';
import type { Actor } from '../../../src/domain/users/user.js';
import { createApp } from '../../../src/http/app.js';
import { apiRoutes } from '../../../src/http/routes/index.js';
import { reportingRoutes } from '../../../src/http/routes/stats-routes.js';
import { buildReportingServices, type ReportingServices } from '../../../src/services/stats-service.js';
import { startConsumers } from '../../../src/workers/outbox-relay.js';
import { reportingConsumers } from '../../../src/workers/stats-consumer.js';
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
  const services: ReportingServices = wired ? (base as unknown as ReportingServices) : buildReportingServices(base.deps, { reference: base.reference, orders: base.orders });
  if (!t.engine.consumers.some((c) => c.name === 'stats')) {
    const consumers = reportingConsumers(t.engine.store, services.reputation);
    t.engine.consumers.push(...consumers);
    await startConsumers(t.engine.queue, consumers);
  }
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
        await t.engine.queue.onIdle('stats');
        await t.engine.queue.onIdle('reputation');
      }
    },
    actorOf: (token) => t.engine.services.accounts.authenticate(token),
  };
}
