import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, authorize, isPublic, may, policyActions, type PolicyAction } from '../../src/domain/access/policy.js';
import { ORDER_RULES } from '../../src/domain/orders/state-machine.js';
import { roles } from '../../src/domain/users/user.js';
import { apiRoutes } from '../../src/http/routes/index.js';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';

/** Actions services take on someone's behalf that no route names (the engine's own timers). */
const SERVICE_ONLY: PolicyAction[] = ['order.expire_offer', 'webhook.allow_private', 'queue_board.read'];

describe('every permission comes from the policy module', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('when the route list is enumerated, then every route names an action of the policy table and no route carries its own role list', () => {
    const routes = apiRoutes(t.engine.services);
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      expect(policyActions, `${route.method.toUpperCase()} ${route.path}`).toContain(route.action);
      expect(route, `${route.method.toUpperCase()} ${route.path}`).not.toHaveProperty('roles');
    }
  });

  it('when the policy table is enumerated, then every action is taken by some route or is one the engine takes itself', () => {
    const used = new Set<string>(apiRoutes(t.engine.services).map((r) => r.action));
    for (const action of policyActions) expect(used.has(action) || SERVICE_ONLY.includes(action), action).toBe(true);
  });

  it('when the services are read, then none decides access by comparing roles itself', () => {
    const dir = join(process.cwd(), 'src/services');
    const inline = /\.role\s*[!=]==|roles?\.includes\(|case '(admin|union_staff|enterprise|craftsman)'/;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      // Translating a token's claims into the actor (which subject a login speaks for) is not an access decision.
      const claimsToActor = /^if \(c\.role === '(enterprise|craftsman)' && c\.subjectId\) actor\.(enterpriseId|craftsmanId) = c\.subjectId;$/;
      const found = lines.map((line, i) => ({ line: line.trim(), at: i + 1 })).filter((l) => inline.test(l.line) && !claimsToActor.test(l.line));
      expect(found, file).toEqual([]);
    }
  });

  it('when nobody is signed in, then only signing in, reference data and the pages of 优秀案例 are open', () => {
    const open = policyActions.filter((a) => isPublic(a));
    expect(open.sort()).toEqual(['case.read_public', 'region.list', 'session.login']);
    for (const action of policyActions.filter((a) => !isPublic(a))) expect(may({ role: 'anonymous' }, action), action).toBe(false);
  });

  it('when the engine acts by itself, then it may only take the order transitions the state machine gives it', () => {
    const granted = policyActions.filter((a) => may({ role: 'system' }, a));
    expect(granted.sort()).toEqual(['order.expire_offer', 'order.offer']);
  });

  it('when an order transition is authorised, then the policy agrees with the state machine for every role', () => {
    const pairs: [PolicyAction, keyof typeof ORDER_RULES][] = [
      ['order.vet', 'vet_approve'], ['order.offer', 'offer'], ['order.claim', 'claim'], ['order.resolve', 'resolve'], ['order.confirm', 'confirm'],
      ['order.reopen', 'reopen'], ['order.cancel', 'cancel'], ['offer.accept', 'accept'], ['offer.decline', 'decline'], ['service_record.create', 'record_service'],
    ];
    for (const [action, transition] of pairs) {
      for (const role of [...roles, 'system', 'anonymous'] as const) expect(may({ role }, action), `${action} ${role}`).toBe((ORDER_RULES[transition].roles as readonly string[]).includes(role));
    }
  });

  it('when a role is refused, then the answer is 403 ACTION_NOT_ALLOWED naming the action', () => {
    expect(() => authorize({ role: 'craftsman' }, 'order.vet')).toThrowError(expect.objectContaining({ kind: 'forbidden', code: 'ACTION_NOT_ALLOWED', details: { action: 'order.vet', role: 'craftsman' } }));
    expect(authorize({ role: 'union_staff' }, 'order.vet')).toBe('reach');
    expect(Object.keys(POLICY['delivery.retry'])).toEqual(['admin']);
  });

  it('when an anonymous request reaches a signed-in route, then 401; a public route answers without a token', async () => {
    expect((await t.http().get('/api/orders')).status).toBe(401);
    expect((await t.http().get('/api/regions')).status).toBe(200);
  });
});
