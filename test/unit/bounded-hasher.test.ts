import { describe, expect, it } from 'vitest';
import { BoundedHasher } from '../../src/adapters/security/bounded-hasher.js';
import type { PasswordHasher } from '../../src/ports/security.js';

/** A hasher whose calls finish only when the test says so, counting how many run at once. */
function gatedHasher() {
  let active = 0;
  let peak = 0;
  const gates: Array<() => void> = [];
  const hasher: PasswordHasher = {
    async hash(password) {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise<void>((resolve) => gates.push(resolve));
      active -= 1;
      return `h:${password}`;
    },
    async verify(hash, password) {
      return (await this.hash(password)) === hash;
    },
  };
  return { hasher, peak: () => peak, release: () => gates.splice(0).forEach((open) => open()), started: () => gates.length };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('bounded password hashing', () => {
  it('when many hashes are asked at once, then no more than the bound run together and all finish', async () => {
    const gated = gatedHasher();
    const bounded = new BoundedHasher(gated.hasher, { concurrency: 2 });
    const all = Promise.all(Array.from({ length: 7 }, (_, i) => bounded.hash(`p${i}`)));
    for (let round = 0; round < 10; round += 1) {
      await tick();
      expect(gated.started()).toBeLessThanOrEqual(2);
      gated.release();
    }
    expect(await all).toEqual(Array.from({ length: 7 }, (_, i) => `h:p${i}`));
    expect(gated.peak()).toBe(2);
    expect(bounded.load).toEqual({ running: 0, waiting: 0 });
  });

  it('when the queue is full, then further hashes are refused at once with 503 LOGIN_BUSY', async () => {
    const gated = gatedHasher();
    const bounded = new BoundedHasher(gated.hasher, { concurrency: 1, maxWaiting: 2 });
    const admitted = [bounded.hash('a'), bounded.hash('b'), bounded.hash('c')];
    await expect(bounded.hash('d')).rejects.toMatchObject({ kind: 'unavailable', code: 'LOGIN_BUSY' });
    for (let round = 0; round < 5; round += 1) {
      await tick();
      gated.release();
    }
    expect(await Promise.all(admitted)).toEqual(['h:a', 'h:b', 'h:c']);
  });
});
