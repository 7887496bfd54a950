import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/routes/index.js';
import { bearer, startTestEngine, type TestEngine } from '../helpers/engine.js';
import { adminToken, craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { beijingToday, enterpriseUnionToken, orderInProgress } from './helpers.js';

/** Fields no request may set: they are the engine's own (state, derived figures, identity, scope). */
const SERVER_OWNED = {
  _id: 'evil',
  status: 'closed',
  regionPath: ['520000'],
  activeCount: 0,
  completedCount: 99,
  points: 9999,
  rating: 5,
  role: 'admin',
  enterpriseId: 'ent_evil',
  craftsmanId: 'cra_evil',
  createdBy: 'evil',
  dispute: null,
};

describe('every body-taking POST, PUT and PATCH, tried by every role with fields it must not set', () => {
  let t: TestEngine;
  const tokens: Record<string, string | null> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestEngine();
    const ent = await enterpriseWithToken(t);
    const cra = await craftsmanWithToken(t, { capacity: 5 });
    const staff = await staffToken(t, '522700');
    tokens.anonymous = null;
    tokens.admin = await adminToken(t);
    tokens.union_staff = staff;
    tokens.enterprise_union = await enterpriseUnionToken(t, ent.enterprise._id);
    tokens.enterprise = ent.token;
    tokens.craftsman = cra.token;
    const orderId = await orderInProgress(t, { ent: ent.token, staff, cra: cra.token, craftsmanId: cra.craftsman._id });
    const record = await t.http().post(`/api/orders/${orderId}/service-records`).set(bearer(cra.token)).send({ kind: 'visit', date: beijingToday(t), hours: 2, summary: '现场指导' }).expect(201);
    const change = await t.http().patch(`/api/craftsmen/${cra.craftsman._id}`).set(bearer(cra.token)).send({ capacity: 9 }).expect(200);
    const offers = await t.http().get(`/api/offers?orderId=${orderId}`).set(bearer(staff)).expect(200);
    Object.assign(ids, {
      order: orderId,
      craftsman: cra.craftsman._id,
      enterprise: ent.enterprise._id,
      record: record.body._id,
      change: change.body.pendingChange._id,
      offer: offers.body.items[0]._id,
    });
  });
  afterAll(() => t.engine.close());

  /** A real id for the path's resource, so a refusal is about the body and the role, not a missing record. */
  function pathOf(path: string): string {
    const id = path.startsWith('/api/orders/')
      ? ids.order
      : path.startsWith('/api/craftsmen/')
        ? ids.craftsman
        : path.startsWith('/api/enterprises/')
          ? ids.enterprise
          : path.startsWith('/api/orgs/')
            ? 'org_522701'
            : path.startsWith('/api/service-records/')
              ? ids.record
              : path.startsWith('/api/profile-changes/')
                ? ids.change
                : path.startsWith('/api/offers/')
                  ? ids.offer
                  : 'x1';
    return path.replace(':id', id as string);
  }

  it('when any role sends server-owned fields to any write, then it is refused (400, 401, 403 or 404), never applied and never a 500', async () => {
    const before = {
      order: (await t.engine.store.collection('orders').findById(ids.order as string)) as Record<string, unknown>,
      craftsman: (await t.engine.store.collection('craftsmen').findById(ids.craftsman as string)) as Record<string, unknown>,
      enterprise: (await t.engine.store.collection('enterprises').findById(ids.enterprise as string)) as Record<string, unknown>,
    };
    const writes = apiRoutes(t.engine.services).filter((r) => r.method !== 'get' && r.body);
    expect(writes.length).toBeGreaterThan(20);
    const outcomes: string[] = [];
    for (const route of writes) {
      for (const [role, token] of Object.entries(tokens)) {
        const req = t.http()[route.method](pathOf(route.path));
        const res = await (token ? req.set(bearer(token)) : req).send(SERVER_OWNED);
        outcomes.push(`${role} ${route.method.toUpperCase()} ${route.path} → ${res.status}`);
        expect([400, 401, 403, 404], `${role} ${route.method.toUpperCase()} ${route.path}: ${JSON.stringify(res.body)}`).toContain(res.status);
      }
    }
    expect(outcomes.length).toBe(writes.length * Object.keys(tokens).length);
    const after = {
      order: (await t.engine.store.collection('orders').findById(ids.order as string)) as Record<string, unknown>,
      craftsman: (await t.engine.store.collection('craftsmen').findById(ids.craftsman as string)) as Record<string, unknown>,
      enterprise: (await t.engine.store.collection('enterprises').findById(ids.enterprise as string)) as Record<string, unknown>,
    };
    expect(after).toEqual(before);
  });

  it('when a valid edit carries one server-owned field beside it, then the whole request is refused with VALIDATION_FAILED', async () => {
    const own = await t.http().patch(`/api/craftsmen/${ids.craftsman}`).set(bearer(tokens.craftsman as string)).send({ bio: '新简介', activeCount: 0 });
    expect(own.status).toBe(400);
    expect(own.body.error.code).toBe('VALIDATION_FAILED');
    const staff = await t.http().patch(`/api/enterprises/${ids.enterprise}`).set(bearer(tokens.admin as string)).send({ address: '新地址', regionPath: ['520000'] });
    expect(staff.status).toBe(400);
    const order = await t.http().post('/api/orders').set(bearer(tokens.enterprise as string)).send({ title: 't', description: 'd', category: 'technical_problem', status: 'open' });
    expect(order.status).toBe(400);
  });
});
