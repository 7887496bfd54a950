import { describe, expect, it } from 'vitest';
import { RandomIds } from '../../src/adapters/system/system-clock.js';

describe('ids', () => {
  it('are unique, prefixed, url-safe and sort by creation time', () => {
    const ids = new RandomIds();
    const made = Array.from({ length: 50_000 }, () => ids.next('ord'));
    expect(new Set(made).size).toBe(made.length);
    for (const id of made.slice(0, 100)) expect(id).toMatch(/^ord_[0-9a-z]{20}$/);
    const a = ids.next('x');
    const later = new RandomIds();
    const b = `x_${(Date.now() + 5).toString(36).padStart(10, '0')}`;
    expect(a < b).toBe(true);
    expect(later.next('x').slice(0, 12) >= a.slice(0, 12)).toBe(true);
  });
});
