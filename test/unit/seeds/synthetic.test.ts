import { describe, expect, it } from 'vitest';
import { craftsmanCreateSchema } from '../../../src/domain/craftsmen/craftsman.js';
import { isValidCreditCode } from '../../../src/domain/shared/credit-code.js';
import { regionPath } from '../../../src/domain/regions/region.js';
import { generateCraftsmen, generateEnterprises } from '../../../seeds/synthetic.js';
import { generateOrders, generateServiceRecords } from '../../../seeds/synthetic-orders.js';

const profileOf = (c: Record<string, unknown>) => {
  const { name, phone, regionCode, honors, skills, trades, industries, studio, serviceModes, capacity, bio } = c;
  return { name, phone, regionCode, honors, skills, trades, industries, studio, serviceModes, capacity, bio };
};

describe('synthetic generators', () => {
  it('when the same seed is used twice, then craftsmen, requests and service records are identical', () => {
    const a = generateCraftsmen(500, 42);
    const b = generateCraftsmen(500, 42);
    expect(a).toEqual(b);
    const ordersA = generateOrders(300, 42, a);
    expect(ordersA).toEqual(generateOrders(300, 42, b));
    expect(generateServiceRecords(ordersA, 42)).toEqual(generateServiceRecords(ordersA, 42));
    expect(generateCraftsmen(50, 43)).not.toEqual(a.slice(0, 50));
  });

  it('when craftsmen are generated, then they look like stored documents with valid profiles', () => {
    const craftsmen = generateCraftsmen(2000, 1);
    expect(new Set(craftsmen.map((c) => c._id)).size).toBe(2000);
    for (const c of craftsmen) {
      expect(() => craftsmanCreateSchema.parse(profileOf(c))).not.toThrow();
      expect(c.regionPath).toEqual(regionPath(c.regionCode));
      expect(c.regionCode.startsWith('52')).toBe(true);
      expect(c.activeCount).toBeLessThanOrEqual(c.capacity);
      expect(c.recentRatings.length).toBeLessThanOrEqual(c.ratingCount);
      expect(c.rating === null).toBe(c.recentRatings.length === 0);
    }
    const qiannan = craftsmen.filter((c) => c.regionPath[1] === '522700').length;
    expect(qiannan / craftsmen.length).toBeGreaterThan(0.6);
  });

  it('when 100,000 craftsmen are generated, then it takes a few seconds at most', () => {
    const started = performance.now();
    expect(generateCraftsmen(100_000, 7)).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('when enterprises are generated, then their credit codes are valid', () => {
    for (const e of generateEnterprises(300, 5)) expect(isValidCreditCode(e.creditCode)).toBe(true);
  });

  it('when requests are generated with craftsmen, then assigned ones go to an active craftsman with a required skill', () => {
    const craftsmen = generateCraftsmen(3000, 9);
    const byId = new Map(craftsmen.map((c) => [c._id, c]));
    const orders = generateOrders(1000, 9, craftsmen);
    for (const o of orders) {
      const assignee = o.craftsmanId ?? (o.status === 'offered' ? o.offeredCraftsmanIds[0] : null);
      if (['in_progress', 'resolved', 'closed', 'offered'].includes(o.status)) {
        const c = byId.get(assignee ?? '');
        expect(c, o._id).toBeDefined();
        expect(c?.status).toBe('active');
        expect(c?.skills.some((s) => o.requiredSkills.includes(s.name))).toBe(true);
      }
      expect(o.timeline[0]?.to).toBe('submitted');
      expect(o.timeline.at(-1)?.to).toBe(o.status);
      expect(o.rating === null).toBe(o.status !== 'closed');
    }
    const records = generateServiceRecords(orders, 9);
    const orderIds = new Map(orders.map((o) => [o._id, o]));
    for (const r of records) {
      const order = orderIds.get(r.orderId);
      expect(order?.craftsmanId).toBe(r.craftsmanId);
      if (r.kind === 'training') expect(r.attendees).toBeGreaterThan(0);
    }
  });

  it('when requests are generated without craftsmen, then none is assigned', () => {
    for (const o of generateOrders(200, 3)) expect(o.craftsmanId).toBeNull();
  });
});
