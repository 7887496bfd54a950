import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { MeilisearchSearch } from '../../../src/adapters/search/meilisearch-search/meilisearch-search.js';
import { searchContract } from './search.contract.js';

// Meilisearch cannot be installed on the development machines: this runs wherever MEILI_URL points
// at a server (CI or a developer's own). Each case gets indexes under its own prefix.
const url = process.env.MEILI_URL;
describe.skipIf(!url)('meilisearch', () => {
  searchContract('meilisearch', async () => {
    const search = new MeilisearchSearch({ url: url!, apiKey: process.env.MEILI_MASTER_KEY, indexPrefix: `t_${randomUUID().slice(0, 8)}_` });
    await search.connect();
    return search;
  });
});
