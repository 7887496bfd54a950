import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMeiliFilter, quoteFilterValue } from '../../../src/adapters/search/meilisearch-search/meili-filter.js';

/** Reads a quoted literal back the way Meilisearch's filter parser does; null when the quoting leaks. */
function readLiteral(literal: string): string | null {
  if (!literal.startsWith('"') || !literal.endsWith('"') || literal.length < 2) return null;
  let out = '';
  for (let i = 1; i < literal.length - 1; i += 1) {
    const c = literal[i]!;
    if (c === '\\') {
      const next = literal[i + 1];
      if (next === undefined || i + 1 === literal.length - 1) return null;
      out += next;
      i += 1;
    } else if (c === '"') return null;
    else out += c;
  }
  return out;
}

describe('buildMeiliFilter', () => {
  it('when fields are given, then they AND together, lists become IN and the region is an array equality', () => {
    expect(buildMeiliFilter('craftsmen', { regionPath: '522700', status: ['active'], skill: ['焊接', '电工'], honorLevel: ['national'] })).toBe(
      'regionPath = "522700" AND status = "active" AND skillKeys IN ["焊接", "电工"] AND honorLevels = "national"',
    );
    expect(buildMeiliFilter('orders', { enterpriseId: 'e1', serviceMode: ['remote'] })).toBe('enterpriseId = "e1" AND preferredModes = "remote"');
  });

  it('when studios are filtered by level and person, then the level attribute and the derived people list are used', () => {
    expect(buildMeiliFilter('studios', { studioLevel: ['county', 'national'], craftsmanId: 'c1', regionPath: '522700' })).toBe('level IN ["county", "national"] AND peopleIds = "c1" AND regionPath = "522700"');
  });

  it('when nothing is filtered, then there is no filter', () => {
    expect(buildMeiliFilter('craftsmen', {})).toBeUndefined();
    expect(buildMeiliFilter('craftsmen', { status: undefined })).toBeUndefined();
  });

  it('when a list is empty, then the filter matches nothing', () => {
    expect(buildMeiliFilter('craftsmen', { regionPath: '522700', ids: [] })).toBe('id NOT EXISTS');
  });

  it('when input carries quotes and backslashes, then it stays inside one literal', () => {
    expect(buildMeiliFilter('craftsmen', { status: ['" OR status = "suspended'] })).toBe('status = "\\" OR status = \\"suspended"');
    expect(buildMeiliFilter('craftsmen', { regionPath: 'a\\" OR id EXISTS OR x = \\' })).toBe('regionPath = "a\\\\\\" OR id EXISTS OR x = \\\\"');
  });

  it('for any string, the quoted literal reads back as exactly that string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', '\\', "'", ' ', 'a', '=', 'O', 'R', '焊', '\n') }), (value) => {
        expect(readLiteral(quoteFilterValue(value))).toBe(value);
      }),
    );
    fc.assert(fc.property(fc.string(), (value) => readLiteral(quoteFilterValue(value)) === value));
  });
});
