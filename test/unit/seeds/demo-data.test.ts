import { describe, expect, it } from 'vitest';
import { craftsmanCreateSchema } from '../../../src/domain/craftsmen/craftsman.js';
import { enterpriseCreateSchema } from '../../../src/domain/enterprises/enterprise.js';
import { orderCreateSchema, serviceRecordCreateSchema } from '../../../src/domain/orders/order.js';
import { isValidCreditCode } from '../../../src/domain/shared/credit-code.js';
import { buildDemoData, type DemoOrder } from '../../../seeds/demo-data.js';
import { CONCURRENT_STATES } from '../../../seeds/demo-orders.js';
import { skillNames } from '../../../seeds/taxonomy.js';

const data = buildDemoData();
const QIANNAN_COUNTIES = ['522701', '522702', '522722', '522723', '522725', '522726', '522727', '522728', '522729', '522730', '522731', '522732'];
const craftsmanByKey = new Map(data.craftsmen.map((c) => [c.key, c]));
const enterpriseByKey = new Map(data.enterprises.map((e) => [e.key, e]));
const assignedKey = (o: DemoOrder) => ('craftsmanKey' in o.script ? o.script.craftsmanKey : null);

describe('demo data', () => {
  it('when built, then it has at least 30 enterprises, 150 craftsmen and 60 requests with unique keys', () => {
    expect(data.enterprises.length).toBeGreaterThanOrEqual(30);
    expect(data.craftsmen.length).toBeGreaterThanOrEqual(150);
    expect(data.orders.length).toBeGreaterThanOrEqual(60);
    for (const list of [data.enterprises, data.craftsmen, data.orders]) expect(new Set(list.map((x) => x.key)).size).toBe(list.length);
  });

  it('when built twice with the same seed, then it is identical; another seed changes it', () => {
    expect(buildDemoData()).toEqual(data);
    expect(buildDemoData(1).craftsmen).not.toEqual(data.craftsmen);
  });

  it('when every enterprise is validated, then it passes the schema with a valid 企业 credit code in its county', () => {
    for (const { input } of data.enterprises) {
      expect(enterpriseCreateSchema.parse(input)).toEqual(input);
      expect(isValidCreditCode(input.creditCode)).toBe(true);
      expect(input.creditCode.slice(0, 8)).toBe(`91${input.regionCode}`);
    }
    expect(new Set(data.enterprises.map((e) => e.input.creditCode)).size).toBe(data.enterprises.length);
    expect(new Set(data.enterprises.map((e) => e.input.regionCode))).toEqual(new Set(QIANNAN_COUNTIES));
    expect(data.enterprises[0]).toMatchObject({ key: 'ent-001', input: { regionCode: '522701' } });
  });

  it('when every craftsman is validated, then it passes the schema with taxonomy skills and lives in Qiannan', () => {
    const known = new Set(skillNames);
    for (const { input } of data.craftsmen) {
      expect(craftsmanCreateSchema.parse(input)).toEqual(input);
      for (const skill of input.skills) expect(known.has(skill.name), skill.name).toBe(true);
      expect(input.skills.length).toBeLessThanOrEqual(4);
      expect(input.capacity).toBeLessThanOrEqual(5);
    }
    expect(new Set(data.craftsmen.map((c) => c.input.regionCode))).toEqual(new Set(QIANNAN_COUNTIES));
    expect(new Set(data.craftsmen.map((c) => c.input.phone)).size).toBe(data.craftsmen.length);
  });

  it('when people search for 张伟, then exactly one lives in 都匀市', () => {
    const zhangWei = data.craftsmen.filter((c) => c.input.name === '张伟');
    expect(zhangWei).toHaveLength(1);
    expect(zhangWei[0]?.input.regionCode).toBe('522701');
  });

  it('when the honours are counted, then national ones are few', () => {
    const national = data.craftsmen.filter((c) => c.input.honors.some((h) => h.level === 'national')).length;
    expect(national).toBeLessThan(data.craftsmen.length * 0.1);
  });

  it('when every request is validated, then it passes the schema and asks for taxonomy skills', () => {
    const known = new Set(skillNames);
    for (const order of data.orders) {
      expect(orderCreateSchema.parse(order.input)).toEqual(order.input);
      expect(enterpriseByKey.has(order.enterpriseKey)).toBe(true);
      for (const skill of order.input.requiredSkills) expect(known.has(skill), skill).toBe(true);
    }
    expect(new Set(data.orders.map((o) => o.input.category)).size).toBe(5);
  });

  it('when the scripts are read, then every state is used and most requests are open or closed', () => {
    const counts = new Map<string, number>();
    for (const o of data.orders) counts.set(o.script.state, (counts.get(o.script.state) ?? 0) + 1);
    for (const state of ['submitted', 'rejected', 'open', 'offered', 'in_progress', 'resolved', 'closed', 'cancelled']) expect(counts.get(state) ?? 0, state).toBeGreaterThanOrEqual(3);
    expect((counts.get('open') ?? 0) + (counts.get('closed') ?? 0)).toBeGreaterThan(data.orders.length / 2);
  });

  it('when a request goes to a craftsman, then the craftsman shares a required skill and works in the same prefecture', () => {
    for (const order of data.orders) {
      const key = assignedKey(order);
      if (!key) continue;
      const craftsman = craftsmanByKey.get(key);
      expect(craftsman, key).toBeDefined();
      const enterprise = enterpriseByKey.get(order.enterpriseKey);
      expect(craftsman?.input.regionCode.slice(0, 4)).toBe(enterprise?.input.regionCode.slice(0, 4));
      expect(craftsman?.input.skills.some((s) => order.input.requiredSkills.includes(s.name))).toBe(true);
    }
  });

  it('when concurrent work is counted, then no craftsman holds more than its capacity', () => {
    const load = new Map<string, number>();
    for (const order of data.orders) {
      const key = assignedKey(order);
      if (key && CONCURRENT_STATES.has(order.script.state)) load.set(key, (load.get(key) ?? 0) + 1);
    }
    for (const [key, count] of load) expect(count, key).toBeLessThanOrEqual(craftsmanByKey.get(key)?.input.capacity ?? 0);
  });

  it('when service records, ratings and reasons are read, then they fit their state', () => {
    for (const { script } of data.orders) {
      if (script.state === 'rejected' || script.state === 'cancelled') expect(script.reason.length).toBeGreaterThan(0);
      if (script.state === 'closed') {
        expect(script.rating).toBeGreaterThanOrEqual(3);
        expect(script.rating).toBeLessThanOrEqual(5);
        expect(script.comment.length).toBeGreaterThan(0);
      }
      if (script.state === 'in_progress' || script.state === 'resolved' || script.state === 'closed') {
        expect(script.serviceRecords.length).toBeLessThanOrEqual(3);
        for (const record of script.serviceRecords) {
          expect(serviceRecordCreateSchema.parse(record)).toMatchObject(record);
          expect(record.date >= '2026-01-01' && record.date <= '2026-11-24').toBe(true);
          if (record.kind === 'training') expect(record.attendees ?? 0).toBeGreaterThan(0);
        }
      }
    }
  });

  it('when the demo craftsman logs in, then three open 都匀 requests fit its skills and it has work in hand', () => {
    const demo = craftsmanByKey.get('cra-001');
    expect(demo?.input.regionCode).toBe('522701');
    const skills = new Set(demo?.input.skills.map((s) => s.name));
    const fitting = data.orders.filter(
      (o) => o.script.state === 'open' && o.input.regionCode === '522701' && o.input.requiredSkills.some((s) => skills.has(s)),
    );
    expect(fitting.length).toBeGreaterThanOrEqual(3);
    const own = data.orders.filter((o) => assignedKey(o) === 'cra-001').map((o) => o.script.state);
    expect(own).toEqual(expect.arrayContaining(['offered', 'in_progress', 'closed']));
  });

  it('when 福泉 enterprises are looked at, then at least two requests come from there', () => {
    const fuquan = data.orders.filter((o) => enterpriseByKey.get(o.enterpriseKey)?.input.regionCode === '522702');
    expect(fuquan.length).toBeGreaterThanOrEqual(2);
  });

  it('when the demo accounts are read, then each role points at something that exists', () => {
    const orgIds = new Set(data.orgs.map((o) => o._id));
    expect(data.accounts.map((a) => a.username)).toEqual(['admin', 'qn.union', 'dy.union', 'fq.union', 'ent.demo', 'craftsman.demo']);
    for (const account of data.accounts) {
      if (account.role === 'union_staff') expect(orgIds.has(account.orgId ?? '')).toBe(true);
      if (account.role === 'enterprise') expect(enterpriseByKey.has(account.enterpriseKey ?? '')).toBe(true);
      if (account.role === 'craftsman') expect(craftsmanByKey.has(account.craftsmanKey ?? '')).toBe(true);
    }
    expect(data.accounts.find((a) => a.username === 'qn.union')?.orgId).toBe('org_522700');
  });
});
