import { describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../../src/adapters/store/embedded-store/embedded-store.js';
import { Leases } from '../../../src/workers/leases.js';

async function twoProcesses(ttlMs: number) {
  const store = new EmbeddedStore({ inMemory: true });
  await store.connect();
  return { store, first: new Leases(store, ttlMs), second: new Leases(store, ttlMs) };
}

describe('leases shared through the store', () => {
  it('when one process holds a lease, then another does not get it until it lapses', async () => {
    const { first, second } = await twoProcesses(200);
    expect(await first.hold('consumer:notify')).toBe(true);
    expect(await second.hold('consumer:notify')).toBe(false);
    expect(await second.hold('sla-sweep')).toBe(true);
    await new Promise((r) => setTimeout(r, 250));
    expect(await second.hold('consumer:notify')).toBe(true);
    expect(await first.hold('consumer:notify')).toBe(false);
  });

  it('when the holder gives its leases back, then another process takes them at once', async () => {
    const { first, second } = await twoProcesses(60_000);
    expect(await first.hold('sla-sweep')).toBe(true);
    await first.releaseAll();
    expect(await second.hold('sla-sweep')).toBe(true);
  });
});
