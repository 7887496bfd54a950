import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedSearch } from '../../src/adapters/search/embedded-search/embedded-search.js';
import { testConfig } from '../../src/config.js';
import { buildEngine, type Engine } from '../../src/engine.js';
import type { SearchPort } from '../../src/ports/search.js';
import { ADMIN, fastHasher } from '../helpers/engine.js';

/** The embedded search whose rebuild waits until the test lets it finish. */
function gatedSearch() {
  const inner = new EmbeddedSearch();
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const search: SearchPort = {
    adapter: 'embedded',
    connect: () => inner.connect(),
    ping: () => inner.ping(),
    close: () => inner.close(),
    upsert: (index, docs) => inner.upsert(index, docs),
    remove: (index, ids) => inner.remove(index, ids),
    search: (index, query) => inner.search(index, query),
    rebuild: async (index, docs, onProgress) => {
      await gate;
      return inner.rebuild(index, docs, onProgress);
    },
  };
  return { search, open: () => open() };
}

const query = { q: '焊接', page: 1, limit: 10 } as const;
let engine: Engine | null = null;
let dataDir = '';

afterEach(async () => {
  await engine?.close();
  engine = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(searchBuild: 'background' | 'blocking', search: SearchPort) {
  dataDir = mkdtempSync(join(tmpdir(), 'jx-search-build-'));
  engine = await buildEngine(testConfig({ dataDir, searchBuild }), { hasher: fastHasher(), search });
  return engine;
}

describe('search index built in the background at start', () => {
  it('when the index is still being built, then the engine answers, searches come from the store marked degraded, and readiness says degraded until it is built', async () => {
    const gated = gatedSearch();
    const e = await start('background', gated.search);
    expect((await e.services.search.searchCraftsmen(ADMIN, query)).degraded).toBe(true);
    const building = await request(e.app).get('/readyz').expect(200);
    expect(building.body).toMatchObject({ status: 'degraded', ports: { search: { state: 'degraded' } } });

    gated.open();
    await expect.poll(async () => (await request(e.app).get('/readyz')).body.status).toBe('ready');
    expect((await e.services.search.searchCraftsmen(ADMIN, query)).degraded).toBe(false);
  });

  it('when SEARCH_BUILD=blocking, then the engine is built only after the index and never answers degraded', async () => {
    const gated = gatedSearch();
    let built = false;
    const starting = start('blocking', gated.search).then((e) => {
      built = true;
      return e;
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(built).toBe(false);
    gated.open();
    const e = await starting;
    expect((await e.services.search.searchCraftsmen(ADMIN, query)).degraded).toBe(false);
    expect((await request(e.app).get('/readyz').expect(200)).body.status).toBe('ready');
  });
});
