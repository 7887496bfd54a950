import { EmbeddedSearch } from '../../../src/adapters/search/embedded-search/embedded-search.js';
import { searchContract } from './search.contract.js';

searchContract('embedded', async () => {
  const search = new EmbeddedSearch();
  await search.connect();
  return search;
});
