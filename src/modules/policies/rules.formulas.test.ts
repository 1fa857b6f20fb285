// Tests of the rule language (pure): benefit formulas and their checks, and the example policies of the plan's
// policy file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyFile } from './policy-file.ts';
import { checkDefinition, parametersOn, type Expr, type Measure, type Parameter } from './rules.ts';
import {
  repoRoot,
  emptyCtx,
  latestEmployees,
  latestTalents,
  latestArea,
  revenue12,
  param,
  m,
  p,
  c,
  errorsOf,
} from './rules.fixtures.ts';

describe('checkDefinition: benefit formulas', () => {
  const positive = {
    rate: param('租金补贴标准', '元/m²/月', ['2026-01-01', 15]),
    cap: param('年度补贴上限', '万元', ['2026-01-01', 50]),
    times: param('倍数', '倍', ['2026-01-01', 2], ['2027-01-01', 3]),
    perHead: param('人均标准', '元/人', ['2026-01-01', 1000]),
  };
  const formulaErrors = (formula: Expr, parameters: Record<string, Parameter> = positive) =>
    errorsOf({ parameters, benefit: { formula } });

  it('accepts area × 元/m²/月 × 12 月, capped by a 万元 parameter', () => {
    expect(
      formulaErrors({
        kind: 'min',
        args: [{ kind: 'mul', args: [m(latestArea), p('rate'), c(12, '月')] }, p('cap')],
      }),
    ).toEqual([]);
  });

  it('accepts 12 months given as 1 年', () => {
    expect(formulaErrors({ kind: 'mul', args: [m(latestArea), p('rate'), c(1, '年')] })).toEqual([]);
  });

  it('rejects dividing by a figure, which may be zero, at the divisor', () => {
    expect(
      formulaErrors({
        kind: 'div',
        args: [{ kind: 'mul', args: [m(revenue12), m(latestEmployees)] }, m(latestTalents)],
      }),
    ).toEqual(['benefit.formula.args.1: 除数可能为零：请用正的常数或参数，或写成 max(除数, 正数)']);
  });

  it('rejects dividing by zero, by a negative constant, or by a parameter that was once zero', () => {
    const onceZero = { ...positive, n: param('系数', '倍', ['2026-01-01', 2], ['2027-01-01', 0]) };
    expect(formulaErrors({ kind: 'div', args: [m(revenue12), c(0)] })).toEqual([
      expect.stringMatching(/^benefit\.formula\.args\.1: 除数可能为零/),
    ]);
    expect(formulaErrors({ kind: 'div', args: [m(revenue12), c(-2)] })).toEqual([
      expect.stringMatching(/^benefit\.formula\.args\.1: 除数可能为零/),
    ]);
    expect(formulaErrors({ kind: 'div', args: [m(revenue12), p('n')] }, onceZero)).toEqual([
      expect.stringMatching(/^benefit\.formula\.args\.1: 除数可能为零/),
    ]);
  });

  it('rejects dividing by a growth rate or by a difference', () => {
    const yoy: Measure = { figure: 'operatingRevenue', agg: 'yoy', months: 12 };
    expect(formulaErrors({ kind: 'div', args: [m(revenue12), m(yoy)] })).toEqual([
      expect.stringMatching(/^benefit\.formula\.args\.1: /),
    ]);
    expect(
      formulaErrors({
        kind: 'mul',
        args: [
          { kind: 'div', args: [m(revenue12), { kind: 'sub', args: [c(3, '人'), c(1, '人')] }] },
          c(1, '人'),
        ],
      }),
    ).toEqual([expect.stringMatching(/^benefit\.formula\.args\.0\.args\.1: /)]);
  });

  it('accepts dividing by a parameter whose every value is positive', () => {
    expect(formulaErrors({ kind: 'div', args: [m(revenue12), p('times')] })).toEqual([]);
  });

  it('accepts dividing by max(figure, positive constant)', () => {
    expect(
      formulaErrors({
        kind: 'mul',
        args: [
          { kind: 'div', args: [m(revenue12), { kind: 'max', args: [m(latestEmployees), c(1, '人')] }] },
          c(10, '人'),
        ],
      }),
    ).toEqual([]);
  });

  it('accepts dividing by a sum that has a positive term, or by a product of positives', () => {
    expect(
      formulaErrors({
        kind: 'mul',
        args: [
          { kind: 'div', args: [m(revenue12), { kind: 'add', args: [m(latestEmployees), c(1, '人')] }] },
          c(10, '人'),
        ],
      }),
    ).toEqual([]);
    expect(
      formulaErrors({ kind: 'div', args: [m(revenue12), { kind: 'mul', args: [p('times'), c(2)] }] }),
    ).toEqual([]);
  });

  it('rejects a formula whose result is not money (area × months)', () => {
    expect(formulaErrors({ kind: 'mul', args: [m(latestArea), c(12, '月')] })).toEqual([
      'benefit.formula: 补贴金额的单位应为元（例如 面积 × 元/m²/月 × 月）',
    ]);
  });

  it('rejects a rent formula that forgets the months', () => {
    expect(formulaErrors({ kind: 'mul', args: [m(latestArea), p('rate')] })).toEqual([
      expect.stringMatching(/^benefit\.formula: /),
    ]);
  });

  it('rejects adding money and people, at the odd term', () => {
    expect(formulaErrors({ kind: 'add', args: [m(revenue12), m(latestEmployees)] })).toEqual([
      'benefit.formula.args.1: 加法的各项单位不一致',
    ]);
  });

  it('rejects taking the smaller of money and area', () => {
    expect(formulaErrors({ kind: 'min', args: [p('cap'), m(latestArea)] })).toEqual([
      'benefit.formula.args.1: 取小的各项单位不一致',
    ]);
  });

  it('rejects an undefined parameter in a formula, at its name', () => {
    expect(formulaErrors({ kind: 'min', args: [m(revenue12), p('ceiling')] })).toEqual([
      'benefit.formula.args.1.name: 未定义的参数“ceiling”',
    ]);
  });

  it('rejects a constant in an unknown unit, at its unit', () => {
    expect(formulaErrors({ kind: 'mul', args: [m(latestArea), p('rate'), c(12, '周')] })).toEqual([
      'benefit.formula.args.2.unit: 未知单位“周”',
    ]);
  });

  it('accepts a definition with no benefit', () => {
    expect(errorsOf({ benefit: null })).toEqual([]);
  });
});

describe('the example policies of plans/jiulongpo-2027.policies.yaml', () => {
  const file = parsePolicyFile(
    readFileSync(path.resolve(repoRoot, 'plans/jiulongpo-2027.policies.yaml'), 'utf8'),
    'jiulongpo-2027.policies.yaml',
  );

  it('parses, with at least one policy, each marked as an example', () => {
    expect(file.policies.length).toBeGreaterThan(0);
    for (const policy of file.policies) expect(policy.definition.example).toBe(true);
  });

  it.each(file.policies.map((x) => [x.code, x.definition] as const))('%s passes every check', (_code, d) => {
    expect(checkDefinition(d, emptyCtx)).toEqual([]);
  });

  it.each(file.policies.map((x) => [x.code, x.definition] as const))(
    '%s has every parameter in force from its first date',
    (_code, d) => {
      const firstDates = Object.values(d.parameters).map((x) => x.values.map((v) => v.from).sort()[0]!);
      const latestFirst = firstDates.sort().at(-1) ?? '2026-01-01';
      expect(Object.keys(parametersOn(d.parameters, latestFirst)).sort()).toEqual(
        Object.keys(d.parameters).sort(),
      );
    },
  );
});

// -------------------------------------------------------------------------------------------------------------
// Parameters in force
// -------------------------------------------------------------------------------------------------------------
