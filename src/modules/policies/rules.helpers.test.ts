// Tests of the rule language's helpers (pure): dated parameters, leaves and measure keys and lookbacks, and the pure
// helpers of the SQL compiler (month arithmetic, shared measure columns, thresholds).
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  leavesOf,
  measureKey,
  measureLookback,
  measureSchema,
  parametersOn,
  type Compare,
  type Condition,
} from './rules.ts';
import { MeasureSet, monthEnd, monthStart, thresholdOf } from './rules.sql.ts';
import {
  latestEmployees,
  latestArea,
  revenue12,
  rd12,
  aboveScale,
  moreThan100Employees,
  param,
  m,
  p,
  c,
} from './rules.fixtures.ts';

describe('parametersOn', () => {
  const params = {
    rate: param('租金补贴标准', '元/m²/月', ['2027-01-01', 25], ['2026-01-01', 15], ['2026-07-01', 20]),
    cap: param('年度补贴上限', '万元', ['2026-01-01', 50]),
    share: param('比例', '%', ['2026-01-01', 10]),
    later: param('新标准', '元', ['2026-09-01', 7]),
  };

  it('picks the latest value taking effect on or before the date', () => {
    expect(parametersOn(params, '2026-06-30').rate).toBe(15);
    expect(parametersOn(params, '2026-07-01').rate).toBe(20);
    expect(parametersOn(params, '2026-12-31').rate).toBe(20);
    expect(parametersOn(params, '2030-01-01').rate).toBe(25);
  });

  it('leaves out a parameter with no value in force yet', () => {
    expect(parametersOn(params, '2026-08-31')).not.toHaveProperty('later');
    expect(parametersOn(params, '2026-09-01').later).toBe(7);
    expect(parametersOn(params, '2025-12-31')).toEqual({});
  });

  it('converts to base units: 万元 to 元, % to a ratio', () => {
    const v = parametersOn(params, '2026-03-01');
    expect(v.cap).toBe(500_000);
    expect(v.share).toBeCloseTo(0.1);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Leaves and measures
// -------------------------------------------------------------------------------------------------------------

describe('leavesOf', () => {
  const a: Condition = aboveScale;
  const b: Condition = moreThan100Employees;
  const cc: Condition = { kind: 'honour', op: 'anyOf', values: ['littleGiant'] };
  const d: Condition = { kind: 'building', op: 'any', values: [] };
  const tree: Condition = {
    kind: 'all',
    conditions: [a, { kind: 'any', conditions: [b, { kind: 'not', condition: cc }] }, d],
  };

  it('lists the leaves depth first, numbered in that order, with their paths through all/any/not', () => {
    expect(leavesOf(tree)).toEqual([
      { index: 0, leaf: a, path: ['conditions', 0] },
      { index: 1, leaf: b, path: ['conditions', 1, 'conditions', 0] },
      { index: 2, leaf: cc, path: ['conditions', 1, 'conditions', 1, 'condition'] },
      { index: 3, leaf: d, path: ['conditions', 2] },
    ]);
  });

  it('prefixes the paths with a base', () => {
    expect(leavesOf(tree, ['eligibility']).map((l) => l.path.join('.'))).toEqual([
      'eligibility.conditions.0',
      'eligibility.conditions.1.conditions.0',
      'eligibility.conditions.1.conditions.1.condition',
      'eligibility.conditions.2',
    ]);
  });

  it('gives a lone leaf index 0 and an empty path', () => {
    expect(leavesOf(b)).toEqual([{ index: 0, leaf: b, path: [] }]);
  });
});

describe('measureKey', () => {
  it('gives identical measures, written separately, one key', () => {
    expect(measureKey({ figure: 'operatingRevenue', agg: 'sum', months: 12 })).toBe(measureKey(revenue12));
    expect(measureKey({ figure: 'employees', agg: 'latest' })).toBe(measureKey(latestEmployees));
  });

  it('gives a yoy with its default window the key of an explicit 12 months', () => {
    const implicit = measureSchema.parse({ figure: 'operatingRevenue', agg: 'yoy' });
    expect(measureKey(implicit)).toBe(measureKey({ figure: 'operatingRevenue', agg: 'yoy', months: 12 }));
  });

  it('tells apart windows, aggregations, figures, periods and denominators', () => {
    const keys = [
      measureKey(revenue12),
      measureKey({ figure: 'operatingRevenue', agg: 'sum', months: 6 }),
      measureKey({ figure: 'operatingRevenue', agg: 'avg', months: 12 }),
      measureKey({ figure: 'softwareRevenue', agg: 'sum', months: 12 }),
      measureKey({ figure: 'operatingRevenue', agg: 'at', period: '2026-01' }),
      measureKey({ figure: 'operatingRevenue', agg: 'at', period: '2026-02' }),
      measureKey({ figure: 'operatingRevenue', agg: 'cagr', years: 2, months: 12 }),
      measureKey({ figure: 'operatingRevenue', agg: 'cagr', years: 3, months: 12 }),
      measureKey({ figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 12 }),
      measureKey({ figure: 'rdExpense', agg: 'share', of: 'softwareRevenue', months: 12 }),
      measureKey({ figure: 'employees', agg: 'latest' }),
      measureKey({ figure: 'registrationAge', agg: 'attribute' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('measureLookback', () => {
  const carry3 = { carryForwardMonths: 3 };
  it('reads the latest report only as far back as the plan’s carry-forward, and months − 1 for sums, averages and shares', () => {
    expect(measureLookback(latestEmployees, '2026-06', carry3)).toBe(3);
    expect(measureLookback(latestEmployees, '2026-06', { carryForwardMonths: 1 })).toBe(1);
    expect(measureLookback(revenue12, '2026-06', carry3)).toBe(11);
    expect(measureLookback({ figure: 'employees', agg: 'avg', months: 3 }, '2026-06', carry3)).toBe(2);
    expect(
      measureLookback(
        { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 6 },
        '2026-06',
        carry3,
      ),
    ).toBe(5);
  });

  it('reads a year more for yoy', () => {
    expect(measureLookback({ figure: 'operatingRevenue', agg: 'yoy', months: 12 }, '2026-06', carry3)).toBe(
      23,
    );
    expect(measureLookback({ figure: 'operatingRevenue', agg: 'yoy', months: 3 }, '2026-06', carry3)).toBe(
      14,
    );
  });

  it('reads `years` years more for cagr', () => {
    expect(
      measureLookback({ figure: 'operatingRevenue', agg: 'cagr', years: 3, months: 12 }, '2026-06', carry3),
    ).toBe(47);
    expect(
      measureLookback({ figure: 'operatingRevenue', agg: 'cagr', years: 1, months: 6 }, '2026-06', carry3),
    ).toBe(17);
  });

  it('reads back to a fixed month, and nothing for a month after the evaluation or an attribute', () => {
    expect(measureLookback({ figure: 'employees', agg: 'at', period: '2025-11' }, '2026-06', carry3)).toBe(7);
    expect(measureLookback({ figure: 'employees', agg: 'at', period: '2026-09' }, '2026-06', carry3)).toBe(0);
    expect(measureLookback({ figure: 'registrationAge', agg: 'attribute' }, '2026-06', carry3)).toBe(0);
  });
});

// -------------------------------------------------------------------------------------------------------------
// rules.sql.ts: pure helpers
// -------------------------------------------------------------------------------------------------------------

describe('monthStart', () => {
  it('gives the first day of the month', () => {
    expect(monthStart('2026-06')).toBe('2026-06-01');
  });

  it('rolls December over into January of the next year', () => {
    expect(monthStart('2026-12', 1)).toBe('2027-01-01');
    expect(monthStart('2026-11', 14)).toBe('2028-01-01');
  });

  it('goes back across years with negative offsets', () => {
    expect(monthStart('2026-01', -1)).toBe('2025-12-01');
    expect(monthStart('2026-06', -11)).toBe('2025-07-01');
    expect(monthStart('2026-01', -12)).toBe('2025-01-01');
    expect(monthStart('2026-01', -13)).toBe('2024-12-01');
    expect(monthStart('2026-03', -47)).toBe('2022-04-01');
  });
});

describe('monthEnd', () => {
  it('knows leap years', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2026-02')).toBe('2026-02-28');
    expect(monthEnd('2000-02')).toBe('2000-02-29');
    expect(monthEnd('2100-02')).toBe('2100-02-28');
  });

  it('gives 31 for December and January, 30 for April', () => {
    expect(monthEnd('2026-12')).toBe('2026-12-31');
    expect(monthEnd('2027-01')).toBe('2027-01-31');
    expect(monthEnd('2026-04')).toBe('2026-04-30');
  });
});

describe('MeasureSet', () => {
  const dialect = new PgDialect();

  it('gives one column to a measure however often it is read', () => {
    const set = new MeasureSet();
    expect(set.add(revenue12)).toBe('m0');
    expect(set.add(latestEmployees)).toBe('m1');
    expect(set.add({ figure: 'operatingRevenue', agg: 'sum', months: 12 })).toBe('m0');
    expect(set.byKey.size).toBe(2);
    expect(dialect.sqlToQuery(set.column(revenue12)).sql).toBe('f.m0');
  });

  it('collects the measures of conditions and formulas without duplicates', () => {
    const set = new MeasureSet();
    set.addCondition({
      kind: 'all',
      conditions: [
        moreThan100Employees,
        aboveScale,
        { kind: 'not', condition: { ...moreThan100Employees, op: 'gt', value: 500 } },
        { kind: 'compare', measure: revenue12, op: 'gte', value: 1, unit: '亿元' },
      ],
    });
    set.addExpr({
      kind: 'min',
      args: [
        { kind: 'mul', args: [m(latestArea), p('rate'), m(revenue12)] },
        { kind: 'div', args: [m(rd12), c(2)] },
      ],
    });
    expect([...set.byKey.values()].map((x) => [x.column, measureKey(x.measure)])).toEqual([
      ['m0', 'employees:latest'],
      ['m1', 'operatingRevenue:sum:12'],
      ['m2', 'usedArea:latest'],
      ['m3', 'rdExpense:sum:12'],
    ]);
  });
});

describe('thresholdOf', () => {
  it('gives a written threshold in base units', () => {
    expect(thresholdOf({ ...moreThan100Employees, value: 1000, unit: '万元' }, {})).toBe(10_000_000);
    expect(thresholdOf({ ...moreThan100Employees, value: 5, unit: '%' }, {})).toBeCloseTo(0.05);
    expect(thresholdOf({ ...moreThan100Employees, value: 3, unit: '年' }, {})).toBe(36);
  });

  it('gives a parameter its value in force, or null when none is', () => {
    const leaf: Compare = { ...moreThan100Employees, value: { param: 'minRd' }, unit: '万元' };
    expect(thresholdOf(leaf, { minRd: 1_000_000 })).toBe(1_000_000);
    expect(thresholdOf(leaf, {})).toBeNull();
  });
});
