import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTypesOf } from '../../scripts/api-client-types.js';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';
import { craftsmanWithToken, enterpriseWithToken, staffToken } from '../helpers/fixtures.js';
import { walkThreePartyFlow } from './typed-client/three-party-flow.js';
import type { Transport } from './typed-client/client.js';

const CLIENT_FILE = new URL('../../src/web/src/api/generated/openapi.ts', import.meta.url);

describe('the client generated from /api/openapi.json', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('is up to date with the document the engine serves (else run `npm run api:client`)', async () => {
    const { body } = await t.http().get('/api/openapi.json').expect(200);
    const generated = await clientTypesOf(body);
    const checkedIn = await readFile(CLIENT_FILE, 'utf8');
    expect(checkedIn === generated, 'src/web/src/api/generated/openapi.ts is stale: run `npm run api:client` and commit it').toBe(true);
  });

  it('when an integrator walks the three-party flow with it, then the order closes with every step on its timeline', async () => {
    const { token: enterprise } = await enterpriseWithToken(t);
    const { craftsman, token: craftsmanToken } = await craftsmanWithToken(t);
    const staff = await staffToken(t, '522701');
    // Every call goes through the checked supertest agent, so each answer is also validated against the document.
    const transport: Transport = async ({ method, url, token, body }) => {
      const call = t.http()[method](url).set('Authorization', `Bearer ${token}`);
      const res = body === undefined ? await call : await call.send(body as object);
      return { status: res.status, body: res.body };
    };
    const result = await walkThreePartyFlow(transport, { enterprise, staff, craftsman: craftsmanToken }, craftsman._id);
    expect(result).toMatchObject({ vettedStatus: 'open', offerStatus: 'pending', hours: 3, status: 'closed', rating: 5 });
    expect(result.candidateCount).toBeGreaterThan(0);
    expect(result.timeline).toEqual(expect.arrayContaining(['submit', 'offer', 'accept', 'resolve', 'confirm']));
  });
});
