import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/routes/index.js';
import { errorMessages } from '../../src/web/src/api/errors.js';
import { startTestEngine, type TestEngine } from '../helpers/engine.js';

describe('refusals people can read', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine();
  });
  afterAll(() => t.engine.close());

  it('when any route documents an error code, then the console has a zh-CN message for it', () => {
    const codes = new Set(apiRoutes(t.engine.services).flatMap((r) => r.errors ?? []));
    const missing = [...codes].filter((code) => !/[\u4e00-\u9fff]/.test(errorMessages[code] ?? ''));
    expect(missing).toEqual([]);
  });
});
