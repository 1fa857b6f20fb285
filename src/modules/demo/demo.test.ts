// Tests of the demo district: reproducible, valid identifiers, and distributions that look like Jiulongpo.
import { describe, expect, it } from 'vitest';
import { fieldCodeSchema, honourKindSchema } from '../enterprises/fields.ts';
import { validateUscc } from '../enterprises/uscc.ts';
import {
  ABOVE_SCALE_REVENUE_YUAN,
  generateBuildings,
  generateDemoDistrict,
  generateEnterprises,
  jiulongpoSubdistricts,
  type DemoDistrictOptions,
  type DemoEnterprise,
} from './demo.ts';
import { BRAND_FIRST, BRAND_SECOND, BRAND_THIRD, NAME_TAILS } from './pools.ts';
import { affinePermutation, mulberry32 } from './prng.ts';

const AS_OF = '2026-03-31';
const opts = (over: Partial<DemoDistrictOptions> = {}): DemoDistrictOptions => ({
  seed: 20260331,
  enterprises: 1500,
  subdistricts: jiulongpoSubdistricts,
  asOf: AS_OF,
  ...over,
});

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const share = (es: DemoEnterprise[], p: (e: DemoEnterprise) => boolean) => es.filter(p).length / es.length;

describe('determinism', () => {
  it('gives the identical district for the same seed and options', () => {
    expect(generateDemoDistrict(opts({ enterprises: 400 }))).toEqual(
      generateDemoDistrict(opts({ enterprises: 400 })),
    );
  });

  it('gives a different district for a different seed', () => {
    const a = generateDemoDistrict(opts({ enterprises: 50 }));
    const b = generateDemoDistrict(opts({ enterprises: 50, seed: 7 }));
    expect(a.enterprises.map((e) => e.uscc)).not.toEqual(b.enterprises.map((e) => e.uscc));
  });

  it('yields the same enterprises one at a time as all at once', () => {
    const all = generateDemoDistrict(opts({ enterprises: 300 }));
    expect([...generateEnterprises(opts({ enterprises: 300 }))]).toEqual(all.enterprises);
    expect(generateBuildings(opts())).toEqual(all.buildings);
  });

  it('keeps the first enterprises unchanged when more are asked for', () => {
    const small = generateDemoDistrict(opts({ enterprises: 100 })).enterprises;
    const large = generateDemoDistrict(opts({ enterprises: 1500 })).enterprises;
    expect(large.slice(0, 100)).toEqual(small);
  });
});

describe('a district of 1,500 enterprises', () => {
  const district = generateDemoDistrict(opts());
  const es = district.enterprises;
  const subCodes = new Set(jiulongpoSubdistricts.map((s) => s.code));
  const buildingByCode = new Map(district.buildings.map((b) => [b.code, b]));

  it('has the number of enterprises asked for', () => {
    expect(es).toHaveLength(1500);
  });

  it('gives every enterprise a valid, unique Jiulongpo enterprise USCC', () => {
    for (const e of es) {
      expect(validateUscc(e.uscc), e.uscc).toEqual({ ok: true });
      expect(e.uscc.slice(0, 8)).toBe('91500107');
    }
    expect(new Set(es.map((e) => e.uscc)).size).toBe(es.length);
  });

  it('uses old numeric organisation codes before the 2015 reform and MA codes after', () => {
    for (const e of es) {
      const isNew = e.uscc.slice(8, 10) === 'MA';
      expect(isNew, `${e.registrationDate} ${e.uscc}`).toBe(e.registrationDate >= '2015-10-01');
    }
  });

  it('gives unique, company-like names', () => {
    expect(new Set(es.map((e) => e.name)).size).toBe(es.length);
    for (const e of es)
      expect(e.name).toMatch(
        /^(重庆[\u4e00-\u9fa5]{2,3}|[\u4e00-\u9fa5]{2,3}（重庆）)[\u4e00-\u9fa5]+有限公司$/,
      );
  });

  it('has a median of about a dozen employees, a long tail, and few giants', () => {
    const employees = es.map((e) => e.employees);
    expect(median(employees)).toBeGreaterThanOrEqual(9);
    expect(median(employees)).toBeLessThanOrEqual(16);
    expect(share(es, (e) => e.employees > 100)).toBeGreaterThan(0.01);
    expect(share(es, (e) => e.employees > 100)).toBeLessThan(0.1);
    expect(share(es, (e) => e.employees >= 300)).toBeLessThan(0.02);
    expect(Math.min(...employees)).toBeGreaterThanOrEqual(1);
  });

  it('counts core talents within the workforce, at roughly one in seven overall', () => {
    for (const e of es) expect(e.coreTalents).toBeLessThanOrEqual(e.employees);
    const total = (k: 'coreTalents' | 'employees') => es.reduce((s, e) => s + e[k], 0);
    expect(total('coreTalents') / total('employees')).toBeGreaterThan(0.08);
    expect(total('coreTalents') / total('employees')).toBeLessThan(0.25);
  });

  it('records revenue as whole yuan, growing with headcount, with a minority above scale', () => {
    for (const e of es) {
      expect(Number.isSafeInteger(e.operatingRevenue)).toBe(true);
      expect(e.operatingRevenue).toBeGreaterThanOrEqual(0);
      expect(e.aboveScale).toBe(e.operatingRevenue >= ABOVE_SCALE_REVENUE_YUAN);
    }
    const small = es.filter((e) => e.employees <= 10).map((e) => e.operatingRevenue);
    const large = es.filter((e) => e.employees >= 50).map((e) => e.operatingRevenue);
    expect(median(large)).toBeGreaterThan(5 * median(small));
    expect(share(es, (e) => e.aboveScale)).toBeGreaterThan(0.04);
    expect(share(es, (e) => e.aboveScale)).toBeLessThan(0.16);
  });

  it('puts most firms in the 东三街 cluster and the 杨家坪/谢家湾 centre, few in the towns', () => {
    const cluster = new Set(['shiqiaopu-street', 'yuzhoulu-street', 'erlang-street']);
    const centre = new Set(['yangjiaping-street', 'xiejiawan-street']);
    const towns = new Set(jiulongpoSubdistricts.filter((s) => s.subkind === 'town').map((s) => s.code));
    expect(share(es, (e) => cluster.has(e.subdistrictCode))).toBeGreaterThan(0.45);
    expect(share(es, (e) => cluster.has(e.subdistrictCode) || centre.has(e.subdistrictCode))).toBeGreaterThan(
      0.65,
    );
    expect(share(es, (e) => towns.has(e.subdistrictCode))).toBeLessThan(0.15);
    for (const e of es) expect(subCodes.has(e.subdistrictCode)).toBe(true);
  });

  it('places a firm only in a building of its own subdistrict, and its address names the building', () => {
    const housed = es.filter((e) => e.buildingCode !== null);
    expect(housed.length / es.length).toBeGreaterThan(0.5);
    for (const e of housed) {
      const b = buildingByCode.get(e.buildingCode!);
      expect(b?.subdistrictCode).toBe(e.subdistrictCode);
      expect(e.address).toContain(b!.name);
    }
    for (const e of es) expect(e.address.startsWith('重庆市九龙坡区')).toBe(true);
  });

  it('registers firms from 2005 to asOf, more of them recently', () => {
    for (const e of es) {
      expect(e.registrationDate >= '2005-01-01' && e.registrationDate <= AS_OF).toBe(true);
    }
    const early = share(es, (e) => e.registrationDate < '2010-01-01');
    const late = share(es, (e) => e.registrationDate >= '2021-01-01');
    expect(late).toBeGreaterThan(2 * early);
  });

  it('lists known fields, the first one being the main one, without repeats', () => {
    for (const e of es) {
      expect(e.fields.length).toBeGreaterThanOrEqual(1);
      expect(e.fields.length).toBeLessThanOrEqual(3);
      expect(new Set(e.fields).size).toBe(e.fields.length);
      for (const f of e.fields) expect(fieldCodeSchema.safeParse(f).success).toBe(true);
    }
    const mains = new Set(es.map((e) => e.fields[0]));
    expect(mains.size).toBeGreaterThanOrEqual(12);
  });

  it('marks about 3 % as moved out or closed', () => {
    const gone = share(es, (e) => e.status !== 'active');
    expect(gone).toBeGreaterThan(0.01);
    expect(gone).toBeLessThan(0.07);
  });

  it('awards honours rarely, after registration, by asOf, each from a named list', () => {
    const honoured = es.flatMap((e) => e.honours.map((h) => ({ e, h })));
    expect(honoured.length / es.length).toBeLessThan(0.08);
    for (const { e, h } of honoured) {
      expect(honourKindSchema.safeParse(h.kind).success).toBe(true);
      expect(h.awardedOn > e.registrationDate && h.awardedOn <= AS_OF).toBe(true);
      expect(h.source.length).toBeGreaterThan(4);
    }
    expect(share(es, (e) => e.honours.some((h) => h.kind === 'littleGiant'))).toBeLessThan(0.02);
  });

  it('uses obviously fake mobile numbers', () => {
    for (const e of es) {
      expect(e.contact.phone).toMatch(/^1380000\d{4}$/);
      expect(e.contact.person).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
    }
  });
});

describe('buildings', () => {
  it('number about forty, have unique codes, and stand in the given subdistricts', () => {
    const buildings = generateBuildings(opts());
    expect(buildings.length).toBeGreaterThanOrEqual(35);
    expect(buildings.length).toBeLessThanOrEqual(50);
    expect(new Set(buildings.map((b) => b.code)).size).toBe(buildings.length);
    const codes = new Set(jiulongpoSubdistricts.map((s) => s.code));
    for (const b of buildings) {
      expect(codes.has(b.subdistrictCode)).toBe(true);
      expect(b.totalArea).toBeGreaterThan(0);
      expect(Number.isInteger(b.totalArea)).toBe(true);
    }
  });

  it('include the carriers the seed plan names', () => {
    const names = generateBuildings(opts()).map((b) => b.name);
    for (const n of [
      '清研理工创业大街',
      '空天信息产业园',
      '润泽（西南）国际信息港',
      '重庆卫视数字文创基地',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('still belong to the given subdistricts when a district has only a few, unknown ones', () => {
    const subdistricts = [
      { code: 'n1', name: '新城街道', subkind: 'street' as const },
      { code: 'n2', name: '东山镇', subkind: 'town' as const },
    ];
    const d = generateDemoDistrict(opts({ subdistricts, enterprises: 200 }));
    for (const b of d.buildings) expect(['n1', 'n2']).toContain(b.subdistrictCode);
    for (const e of d.enterprises) expect(['n1', 'n2']).toContain(e.subdistrictCode);
    expect(share(d.enterprises, (e) => e.subdistrictCode === 'n1')).toBeGreaterThan(0.6);
  });
});

describe('options', () => {
  it('refuses impossible options', () => {
    expect(() => generateDemoDistrict(opts({ enterprises: -1 }))).toThrow(RangeError);
    expect(() => generateDemoDistrict(opts({ enterprises: 1.5 }))).toThrow(RangeError);
    expect(() => generateDemoDistrict(opts({ asOf: '2026-02-30' }))).toThrow(RangeError);
    expect(() => generateDemoDistrict(opts({ asOf: '2004-12-31' }))).toThrow(RangeError);
    expect(() => generateDemoDistrict(opts({ subdistricts: [] }))).toThrow(RangeError);
    const twice = [jiulongpoSubdistricts[0]!, jiulongpoSubdistricts[0]!];
    expect(() => generateDemoDistrict(opts({ subdistricts: twice }))).toThrow(RangeError);
  });

  it('registers nothing after asOf even for an early asOf', () => {
    const d = generateDemoDistrict(opts({ asOf: '2012-06-30', enterprises: 300 }));
    for (const e of d.enterprises) {
      expect(e.registrationDate <= '2012-06-30').toBe(true);
      expect(e.honours).toEqual([]); // no honour programme had started
      expect(validateUscc(e.uscc).ok).toBe(true);
    }
  });
});

describe('scale', () => {
  it('generates 100,000 enterprises with all USCCs and names still unique', () => {
    const usccs = new Set<string>();
    const names = new Set<string>();
    let n = 0;
    for (const e of generateEnterprises(opts({ enterprises: 100_000 }))) {
      usccs.add(e.uscc);
      names.add(e.name);
      n++;
    }
    expect(n).toBe(100_000);
    expect(usccs.size).toBe(n);
    expect(names.size).toBe(n);
  });
});

describe('the pieces uniqueness rests on', () => {
  it('brand pools are disjoint, and no name tail starts with a third brand character', () => {
    const [a, b, c] = [new Set(BRAND_FIRST), new Set(BRAND_SECOND), new Set(BRAND_THIRD)];
    expect(a.size).toBe(BRAND_FIRST.length);
    expect(b.size).toBe(BRAND_SECOND.length);
    expect(c.size).toBe(BRAND_THIRD.length);
    for (const ch of a) expect(b.has(ch) || c.has(ch)).toBe(false);
    for (const ch of b) expect(c.has(ch)).toBe(false);
    expect(a.has('重')).toBe(false);
    for (const tail of Object.values(NAME_TAILS).flat()) expect(c.has(tail.charAt(0))).toBe(false);
  });

  it('affinePermutation is a bijection', () => {
    for (const [size, seed] of [
      [1000, 1],
      [10_000, 42],
      [31 ** 3, 7],
      [1, 3],
    ] as const) {
      const perm = affinePermutation(size, seed);
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) seen.add(perm(i));
      expect(seen.size).toBe(size);
      expect(Math.max(...seen)).toBe(size - 1);
    }
  });

  it('mulberry32 is reproducible and spreads over [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
