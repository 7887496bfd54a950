import { UnavailableError } from '../../src/errors.js';
import { EmbeddedSearch } from '../../src/adapters/search/embedded-search/embedded-search.js';
import type { SearchPort } from '../../src/ports/search.js';

/** The embedded search behind a switch: while `down`, every call fails as a backend outage would. */
export class SwitchableSearch implements SearchPort {
  readonly adapter = 'embedded' as const;
  down = false;
  private readonly inner = new EmbeddedSearch();

  private guard(): void {
    if (this.down) throw new UnavailableError('搜索服务（测试中已关闭）');
  }

  connect = async () => {
    this.guard();
    await this.inner.connect();
  };
  ping = async () => !this.down && (await this.inner.ping());
  close = () => this.inner.close();
  upsert: SearchPort['upsert'] = async (index, docs) => {
    this.guard();
    await this.inner.upsert(index, docs);
  };
  remove: SearchPort['remove'] = async (index, ids) => {
    this.guard();
    await this.inner.remove(index, ids);
  };
  search: SearchPort['search'] = async (index, query) => {
    this.guard();
    return this.inner.search(index, query);
  };
  rebuild: SearchPort['rebuild'] = async (index, docs, onProgress) => {
    this.guard();
    return this.inner.rebuild(index, docs, onProgress);
  };
}
