// Tests of the demo monthly reports: invariants, determinism, and district totals that look like Jiulongpo's.
import { describe, expect, it } from 'vitest';
import { daysBetween, parseCivilDate } from '../../platform/time/date.ts';
import { periodOfDate, previousPeriod } from '../../platform/time/period.ts';
import {
  generateDemoDistrict,
  generateEnterprises,
  jiulongpoSubdistricts,
  type DemoDistrictOptions,
} from './demo.ts';
import {
  generateReports,
  iterateReports,
  settlementOf,
  type DemoReport,
  type DemoReportOptions,
  type DemoReportRow,
  type DemoReportingEnterprise,
} from './reports.ts';

const SEED = 20260331;
const AS_OF = '2026-03-31';
const district = (over: Partial<DemoDistrictOptions> = {}): DemoDistrictOptions => ({
  seed: SEED,
  enterprises: 1500,
  subdistricts: jiulongpoSubdistricts,
  asOf: AS_OF,
  ...over,
});
const reportOpts = (over: Partial<DemoReportOptions> = {}): DemoReportOptions => ({
  seed: SEED,
  from: '2024-01',
  to: '2026-03',
  asOf: AS_OF,
  ...over,
});

const enterprises = generateDemoDistrict(district()).enterprises;
const firms: DemoReportingEnterprise[] = enterprises.map((e, index) => ({
  ...e,
  ...settlementOf(e, index, SEED, AS_OF),
  index,
}));
const rows = (over: Partial<DemoReportOptions> = {}): DemoReportRow[] => [
  ...iterateReports(enterprises, reportOpts(over)),
];
/** Complete series: nobody forgets, so district totals compare month with month. */
const complete = rows({ missingRate: 0 });
const withGaps = rows();

const sumBy = <R extends DemoReport>(rs: readonly R[], key: (r: R) => string, value: (r: R) => number) => {
  const m = new Map<string, number>();
  for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + value(r));
  return m;
};
const byPeriod = (value: (r: DemoReportRow) => number) => sumBy(complete, (r) => r.period, value);

describe('settlementOf', () => {
  const settlements = firms.map((f) => ({ f, settledOn: f.settledOn, leftOn: f.leftOn }));

  it('is deterministic in seed and index', () => {
    const e = enterprises[7]!;
    expect(settlementOf(e, 7, SEED, AS_OF)).toEqual(settlementOf(e, 7, SEED, AS_OF));
  });

  it('settles most firms on their registration day and ~15 % later, never after asOf', () => {
    let later = 0;
    for (const { f, settledOn } of settlements) {
      expect(settledOn >= f.registrationDate, f.uscc).toBe(true);
      expect(settledOn <= AS_OF).toBe(true);
      if (settledOn > f.registrationDate) {
        later++;
        const years = daysBetween(parseCivilDate(f.registrationDate), parseCivilDate(settledOn)) / 365;
        expect(years).toBeLessThanOrEqual(4.01);
      }
    }
    expect(later / firms.length).toBeGreaterThan(0.11);
    expect(later / firms.length).toBeLessThan(0.19);
  });

  it('gives a leaving day from 2025-01 to asOf to moved-out and closed firms only, after they settled', () => {
    for (const { f, settledOn, leftOn } of settlements) {
      if (f.status === 'active') {
        expect(leftOn).toBeNull();
      } else {
        expect(leftOn).not.toBeNull();
        expect(leftOn! >= '2025-01-01' && leftOn! <= AS_OF, leftOn!).toBe(true);
        expect(leftOn! > settledOn).toBe(true);
      }
    }
    expect(settlements.some((s) => s.leftOn !== null)).toBe(true);
  });

  it('rejects an asOf that is not a date', () => {
    expect(() => settlementOf(enterprises[0]!, 0, SEED, '2026-02-30')).toThrow(RangeError);
  });
});

describe('each report', () => {
  it('has whole, non-negative figures that nest: core ≤ employees, product ≤ software ≤ operating revenue', () => {
    const wrong: string[] = [];
    const flows = [
      'employees',
      'coreTalents',
      'operatingRevenue',
      'softwareRevenue',
      'softwareProductRevenue',
      'rdExpense',
    ] as const;
    for (const r of withGaps) {
      const at = `${r.uscc} ${r.period}`;
      for (const k of flows) if (!Number.isSafeInteger(r[k]) || r[k] < 0) wrong.push(`${at} ${k}=${r[k]}`);
      if (r.coreTalents > r.employees) wrong.push(`${at} core talents > employees`);
      if (r.softwareProductRevenue > r.softwareRevenue) wrong.push(`${at} product > software`);
      if (r.softwareRevenue > r.operatingRevenue) wrong.push(`${at} software > operating`);
      if (!(r.usedArea > 0) || Math.round(r.usedArea * 100) / 100 !== r.usedArea)
        wrong.push(`${at} area ${r.usedArea}`);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.period)) wrong.push(`${at} period`);
    }
    expect(wrong).toEqual([]);
    expect(withGaps.length).toBeGreaterThan(30_000);
  });

  it('falls between the month the firm settled and the month before it left, oldest first', () => {
    const byFirm = new Map<string, string[]>();
    for (const r of withGaps) byFirm.set(r.uscc, [...(byFirm.get(r.uscc) ?? []), r.period]);
    const wrong: string[] = [];
    for (const f of firms) {
      const periods = byFirm.get(f.uscc) ?? [];
      if (periods.join() !== [...new Set(periods)].sort().join()) wrong.push(`${f.uscc} order`);
      for (const p of periods) {
        if (p < f.settledOn.slice(0, 7) || p < '2024-01' || p > '2026-03')
          wrong.push(`${f.uscc} ${p} outside`);
        if (f.leftOn !== null && p >= f.leftOn.slice(0, 7))
          wrong.push(`${f.uscc} ${p} after leaving ${f.leftOn}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the series ends at the register', () => {
  const lastOf = new Map<string, DemoReportRow>();
  for (const r of complete) lastOf.set(r.uscc, r);

  it("reports the register's headcount and core talents in the anchor month (the last one a departed firm had)", () => {
    for (const f of firms) {
      const last = lastOf.get(f.uscc);
      if (!last) continue; // left before 2024 or settled after the window: not possible here, but harmless
      const expected = f.leftOn === null ? '2026-03' : previousPeriod(periodOfDate(f.leftOn));
      expect(last.period).toBe(expected);
      expect(last.employees).toBe(f.employees);
      expect(last.coreTalents).toBe(f.coreTalents);
    }
  });

  it('sums the last twelve months of revenue to the register operating revenue (an annual figure)', () => {
    const ttm = sumBy(
      complete.filter((r) => r.period >= '2025-04'),
      (r) => r.uscc,
      (r) => r.operatingRevenue,
    );
    let checked = 0;
    for (const f of firms) {
      // a full year here: active, and settled before the window opened
      if (f.status !== 'active' || f.settledOn >= '2025-04-01') continue;
      checked++;
      expect(Math.abs(ttm.get(f.uscc)! - f.operatingRevenue), f.uscc).toBeLessThanOrEqual(12);
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('sums a young firm’s months since registration to its part-year revenue', () => {
    const young = firms.filter(
      (f) => f.registrationDate >= '2025-06-01' && f.settledOn === f.registrationDate,
    );
    expect(young.length).toBeGreaterThan(20);
    for (const f of young) {
      const total = generateReports(f, reportOpts({ missingRate: 0 })).reduce(
        (s, r) => s + r.operatingRevenue,
        0,
      );
      expect(Math.abs(total - f.operatingRevenue)).toBeLessThanOrEqual(12);
    }
  });
});

describe('determinism', () => {
  it('gives the same series for the same seed and index', () => {
    const f = firms[42]!;
    expect(generateReports(f, reportOpts())).toEqual(generateReports({ ...f }, reportOpts()));
  });

  it('gives a firm the same series however many firms are generated', () => {
    const small = [...iterateReports(generateEnterprises(district({ enterprises: 100 })), reportOpts())];
    const first100 = new Set(enterprises.slice(0, 100).map((e) => e.uscc));
    expect(small).toEqual(withGaps.filter((r) => first100.has(r.uscc)));
  });

  it('gives a month the same figures whatever window it is asked in', () => {
    for (const f of firms.slice(0, 200)) {
      const wide = generateReports(f, reportOpts({ from: '2022-01', missingRate: 0 }));
      const narrow = generateReports(f, reportOpts({ from: '2025-07', missingRate: 0 }));
      expect(wide.filter((r) => r.period >= '2025-07')).toEqual(narrow);
    }
  });

  it('continues past asOf from the same anchor', () => {
    const f = firms.find((x) => x.status === 'active' && x.settledOn < '2024-01-01')!;
    const toMarch = generateReports(f, reportOpts({ missingRate: 0 }));
    const toOctober = generateReports(f, reportOpts({ to: '2026-10', missingRate: 0 }));
    expect(toOctober.slice(0, toMarch.length)).toEqual(toMarch);
    expect(toOctober.at(-1)!.period).toBe('2026-10');
  });

  it('ends at `to` when asOf is not given', () => {
    const f = firms.find((x) => x.status === 'active' && x.settledOn < '2024-01-01')!;
    const last = generateReports(f, { seed: SEED, from: '2025-01', to: '2025-06', missingRate: 0 }).at(-1)!;
    expect(last.period).toBe('2025-06');
    expect(last.employees).toBe(f.employees);
  });

  it('gives a different history for a different seed', () => {
    const f = firms[3]!;
    expect(generateReports(f, reportOpts({ seed: 7 }))).not.toEqual(generateReports(f, reportOpts()));
  });
});

describe('the district', () => {
  const employees = byPeriod((r) => r.employees);
  const growth = (a: string, b: string) => employees.get(b)! / employees.get(a)! - 1;

  it('grows its workforce by 8–12 % a year', () => {
    expect(growth('2024-03', '2025-03')).toBeGreaterThan(0.08);
    expect(growth('2024-03', '2025-03')).toBeLessThan(0.12);
    expect(growth('2025-03', '2026-03')).toBeGreaterThan(0.08);
    expect(growth('2025-03', '2026-03')).toBeLessThan(0.12);
  });

  it('keeps headcount sticky: most firms change it in few months', () => {
    const changes = new Map<string, number>();
    for (let k = 1; k < complete.length; k++) {
      const [a, b] = [complete[k - 1]!, complete[k]!];
      if (a.uscc === b.uscc && a.employees !== b.employees)
        changes.set(b.uscc, (changes.get(b.uscc) ?? 0) + 1);
    }
    const seldom = firms.filter((f) => (changes.get(f.uscc) ?? 0) <= 4).length;
    expect(seldom / firms.length).toBeGreaterThan(0.6);
  });

  it('puts its product revenue at 22–26 % of software revenue', () => {
    const year = (y: string) => complete.filter((r) => r.period.startsWith(y));
    for (const y of ['2024', '2025']) {
      const rs = year(y);
      const share =
        rs.reduce((s, r) => s + r.softwareProductRevenue, 0) / rs.reduce((s, r) => s + r.softwareRevenue, 0);
      expect(share, y).toBeGreaterThan(0.22);
      expect(share, y).toBeLessThan(0.26);
    }
  });

  it('books most revenue as software revenue and spends 5–15 % of it on R&D', () => {
    const rs = complete.filter((r) => r.period.startsWith('2025'));
    const op = rs.reduce((s, r) => s + r.operatingRevenue, 0);
    const sw = rs.reduce((s, r) => s + r.softwareRevenue, 0);
    const rd = rs.reduce((s, r) => s + r.rdExpense, 0);
    expect(sw / op).toBeGreaterThan(0.6);
    expect(sw / op).toBeLessThan(0.85);
    expect(rd / op).toBeGreaterThan(0.05);
    expect(rd / op).toBeLessThan(0.15);
  });

  it('earns most in December and least in the Spring Festival months', () => {
    const revenue = byPeriod((r) => r.operatingRevenue);
    const r2025 = [...revenue].filter(([p]) => p.startsWith('2025'));
    const mean = r2025.reduce((s, [, v]) => s + v, 0) / 12;
    expect(revenue.get('2025-12')! / mean).toBeGreaterThan(1.3);
    expect(revenue.get('2025-02')! / mean).toBeLessThan(0.85);
    const sorted = [...r2025].sort((a, b) => a[1] - b[1]);
    expect(sorted.at(-1)![0]).toBe('2025-12');
    expect(['2025-01', '2025-02']).toContain(sorted[0]![0]);
  });

  it('uses 8–15 m² a head, changing a firm’s area in steps, not every month', () => {
    const area = complete.reduce((s, r) => s + r.usedArea, 0);
    const heads = complete.reduce((s, r) => s + r.employees, 0);
    expect(area / heads).toBeGreaterThan(8);
    expect(area / heads).toBeLessThan(15);
    const distinct = new Map<string, Set<number>>();
    for (const r of complete) distinct.set(r.uscc, (distinct.get(r.uscc) ?? new Set()).add(r.usedArea));
    const steady = [...distinct.values()].filter((s) => s.size <= 2).length;
    expect(steady / distinct.size).toBeGreaterThan(0.85);
  });

  it('shows a revenue jump (×3 or ÷3 from one month to the next) somewhere, but in under 0.5 % of reports', () => {
    let jumps = 0;
    let pairs = 0;
    for (let k = 1; k < complete.length; k++) {
      const [a, b] = [complete[k - 1]!, complete[k]!];
      if (a.uscc !== b.uscc || a.operatingRevenue === 0) continue;
      pairs++;
      const ratio = b.operatingRevenue / a.operatingRevenue;
      if (ratio > 3 || ratio < 1 / 3) jumps++;
    }
    expect(jumps).toBeGreaterThan(0);
    expect(jumps / pairs).toBeLessThan(0.005);
  });
});

describe('missing reports', () => {
  const expectedCount = sumBy(
    complete,
    (r) => r.period,
    () => 1,
  );
  const reportedCount = sumBy(
    withGaps,
    (r) => r.period,
    () => 1,
  );
  const missingIn = (pred: (p: string) => boolean) => {
    let expected = 0;
    let reported = 0;
    for (const [p, n] of expectedCount) {
      if (!pred(p)) continue;
      expected += n;
      reported += reportedCount.get(p) ?? 0;
    }
    return 1 - reported / expected;
  };

  it('leaves about 3 % of months unreported, and about 12 % of the newest month', () => {
    expect(missingIn((p) => p < '2026-03')).toBeGreaterThan(0.02);
    expect(missingIn((p) => p < '2026-03')).toBeLessThan(0.04);
    expect(missingIn((p) => p === '2026-03')).toBeGreaterThan(0.08);
    expect(missingIn((p) => p === '2026-03')).toBeLessThan(0.16);
  });

  it('only drops months: a reported month has the figures of the complete series', () => {
    const full = new Map(complete.map((r) => [`${r.uscc} ${r.period}`, r]));
    expect(
      withGaps.filter((r) => JSON.stringify(r) !== JSON.stringify(full.get(`${r.uscc} ${r.period}`))),
    ).toEqual([]);
  });

  it('follows the rate asked for', () => {
    const none = rows({ missingRate: 0 }).length;
    const many = rows({ missingRate: 0.2 }).length;
    expect(1 - many / none).toBeGreaterThan(0.15);
    expect(1 - many / none).toBeLessThan(0.3);
  });
});

describe('options', () => {
  const f = firms[0]!;
  it.each([
    [{ from: '2024-13' }],
    [{ to: '2026-3' }],
    [{ from: '2026-04', to: '2026-03' }],
    [{ missingRate: 1.5 }],
    [{ missingRate: -0.1 }],
    [{ asOf: '2026-03' }],
  ])('rejects %o', (over) => {
    expect(() => generateReports(f, reportOpts(over))).toThrow(RangeError);
  });

  it('gives nothing for a window before the firm settled or after it left', () => {
    const late = firms.find((x) => x.settledOn > '2025-06-01')!;
    expect(generateReports(late, reportOpts({ from: '2024-01', to: '2025-05' }))).toEqual([]);
    const gone = firms.find((x) => x.leftOn !== null && x.leftOn < '2025-12-01')!;
    expect(generateReports(gone, reportOpts({ from: '2025-12', to: '2026-03' }))).toEqual([]);
  });
});
