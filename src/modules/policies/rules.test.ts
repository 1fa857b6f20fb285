// Tests of the rule language (pure): definition shape, units, checks with paths, dated parameters, leaves and measure
// keys, and the pure helpers of the SQL compiler (month arithmetic, shared measure columns, thresholds).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { parsePolicyFile } from './policy-file.ts';
import {
  checkDefinition,
  leavesOf,
  measureDimension,
  measureKey,
  measureLookback,
  measureSchema,
  measureUnit,
  parametersOn,
  parseUnit,
  policyDefinitionSchema,
  type CheckContext,
  type Compare,
  type Condition,
  type Expr,
  type Measure,
  type Parameter,
  type PolicyDefinitionInput,
} from './rules.ts';
import { MeasureSet, monthEnd, monthStart, thresholdOf } from './rules.sql.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const ctx: CheckContext = {
  subdistrictCodes: new Set(['yangjiaping', 'shiqiaopu']),
  buildingCodes: new Set(['jlyk']),
  tierCodes: new Set(['shangxing']),
  allowTiers: true,
};
const emptyCtx: CheckContext = {
  subdistrictCodes: new Set(),
  buildingCodes: new Set(),
  tierCodes: new Set(),
  allowTiers: true,
};

const latestEmployees: Measure = { figure: 'employees', agg: 'latest' };
const latestTalents: Measure = { figure: 'coreTalents', agg: 'latest' };
const latestArea: Measure = { figure: 'usedArea', agg: 'latest' };
const revenue12: Measure = { figure: 'operatingRevenue', agg: 'sum', months: 12 };
const rd12: Measure = { figure: 'rdExpense', agg: 'sum', months: 12 };

const aboveScale: Condition = { kind: 'aboveScale', value: true };
const moreThan100Employees: Compare = {
  kind: 'compare',
  measure: latestEmployees,
  op: 'gt',
  value: 100,
  unit: '人',
};

const param = (label: string, unit: string, ...values: [string, number][]): Parameter => ({
  label,
  unit,
  values: values.map(([from, value]) => ({ from, value })),
});
const m = (measure: Measure): Expr => ({ kind: 'measure', measure });
const p = (name: string): Expr => ({ kind: 'param', name });
const c = (value: number, unit?: string): Expr =>
  unit ? { kind: 'const', value, unit } : { kind: 'const', value };

/** A definition through the schema, so that defaults are filled as on the API. */
const def = (input: Partial<PolicyDefinitionInput>) =>
  policyDefinitionSchema.parse({ name: '测试政策', eligibility: aboveScale, ...input });

/** The errors of a definition as 'path: message' lines. */
const errorsOf = (input: Partial<PolicyDefinitionInput>, context = ctx) =>
  checkDefinition(def(input), context).map((e) => `${e.path}: ${e.message}`);
const pathsOf = (input: Partial<PolicyDefinitionInput>, context = ctx) =>
  checkDefinition(def(input), context).map((e) => e.path);

// -------------------------------------------------------------------------------------------------------------
// Shape
// -------------------------------------------------------------------------------------------------------------

describe('policyDefinitionSchema', () => {
  it('fills the defaults of a minimal definition', () => {
    expect(policyDefinitionSchema.parse({ name: '测试政策', eligibility: aboveScale })).toEqual({
      name: '测试政策',
      nameEn: '',
      summary: '',
      source: '',
      example: false,
      eligibility: aboveScale,
      parameters: {},
      benefit: null,
      nearMissMargin: 0.2,
      noticeDays: 7,
    });
  });

  it('fills the default months of yoy, cagr and share measures', () => {
    expect(measureSchema.parse({ figure: 'operatingRevenue', agg: 'yoy' })).toEqual({
      figure: 'operatingRevenue',
      agg: 'yoy',
      months: 12,
    });
    expect(measureSchema.parse({ figure: 'operatingRevenue', agg: 'cagr', years: 3 })).toMatchObject({
      months: 12,
    });
    expect(measureSchema.parse({ figure: 'rdExpense', agg: 'share', of: 'operatingRevenue' })).toMatchObject({
      months: 12,
    });
  });

  it('rejects an unknown top-level property', () => {
    const r = policyDefinitionSchema.safeParse({ name: '测试政策', eligibility: aboveScale, amount: 5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['amount'], path: [] }),
    ]);
  });

  it('rejects an unknown property inside a nested condition, with the path of that condition', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: {
        kind: 'all',
        conditions: [aboveScale, { kind: 'aboveScale', value: true, colour: 'red' }],
      },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({
        code: 'unrecognized_keys',
        keys: ['colour'],
        path: ['eligibility', 'conditions', 1],
      }),
    ]);
  });

  it('rejects an unknown property of a parameter value, with its path', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: aboveScale,
      parameters: {
        rate: { label: '标准', unit: '元', values: [{ from: '2026-01-01', value: 1, until: 2 }] },
      },
    });
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', path: ['parameters', 'rate', 'values', 0] }),
    ]);
  });

  it('rejects a value of the wrong type, with its path', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: aboveScale,
      noticeDays: '7',
    });
    expect(r.error!.issues).toEqual([
      expect.objectContaining({ code: 'invalid_type', expected: 'number', path: ['noticeDays'] }),
    ]);
  });

  it('rejects a threshold given as text inside a compare leaf', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: { kind: 'all', conditions: [{ ...moreThan100Employees, value: '100' }] },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['eligibility', 'conditions', 0, 'value']);
  });

  it('rejects a badly written effective date, with its path', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: aboveScale,
      parameters: { rate: param('标准', '元', ['2026-01-01', 1], ['2026-7-1', 2]) },
    });
    expect(r.error!.issues).toEqual([
      expect.objectContaining({
        path: ['parameters', 'rate', 'values', 1, 'from'],
        message: '日期格式应为 YYYY-MM-DD',
      }),
    ]);
  });

  it('rejects a parameter name that does not start with a lower-case letter', () => {
    const r = policyDefinitionSchema.safeParse({
      name: '测试政策',
      eligibility: aboveScale,
      parameters: { Rate: param('标准', '元', ['2026-01-01', 1]) },
    });
    expect(r.error!.issues.map((i) => i.path)).toEqual([['parameters', 'Rate']]);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Units
// -------------------------------------------------------------------------------------------------------------

describe('parseUnit', () => {
  const money = { money: 1, people: 0, area: 0, time: 0 };
  it('reads 元, 万元 and 亿元 as money with their scale', () => {
    expect(parseUnit('元')).toEqual({ dim: money, scale: 1 });
    expect(parseUnit('万元')).toEqual({ dim: money, scale: 1e4 });
    expect(parseUnit('亿元')).toEqual({ dim: money, scale: 1e8 });
  });

  it('reads % as a dimensionless hundredth', () => {
    expect(parseUnit('%')).toEqual({ dim: { money: 0, people: 0, area: 0, time: 0 }, scale: 0.01 });
  });

  it('reads 年 as 12 months', () => {
    expect(parseUnit('年')).toEqual({ dim: { money: 0, people: 0, area: 0, time: 1 }, scale: 12 });
    expect(parseUnit('月')).toEqual({ dim: { money: 0, people: 0, area: 0, time: 1 }, scale: 1 });
  });

  it('reads 元/m²/月 as money per area per time', () => {
    expect(parseUnit('元/m²/月')).toEqual({ dim: { money: 1, people: 0, area: -1, time: -1 }, scale: 1 });
  });

  it('divides scales along the slashes (万元/年 = 10000/12 元 a month)', () => {
    expect(parseUnit('万元/年')!.scale).toBeCloseTo(1e4 / 12);
    expect(parseUnit('万元/人')!.dim).toEqual({ money: 1, people: -1, area: 0, time: 0 });
  });

  it('returns undefined for a unit the language does not know', () => {
    expect(parseUnit('kg')).toBeUndefined();
    expect(parseUnit('')).toBeUndefined();
    expect(parseUnit('元/kg')).toBeUndefined();
    expect(parseUnit('平方米')).toBeUndefined();
  });

  it('returns undefined for words that are names on Object.prototype', () => {
    expect(parseUnit('constructor')).toBeUndefined();
    expect(parseUnit('toString')).toBeUndefined();
    expect(parseUnit('元/__proto__')).toBeUndefined();
  });
});

describe('measureDimension and measureUnit', () => {
  it('shows flows in 万元, stocks in their own unit, rates in %, registration age in 年', () => {
    expect(measureUnit(revenue12)).toBe('万元');
    expect(measureUnit(latestEmployees)).toBe('人');
    expect(measureUnit(latestArea)).toBe('m²');
    expect(measureUnit({ figure: 'operatingRevenue', agg: 'yoy', months: 12 })).toBe('%');
    expect(measureUnit({ figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 12 })).toBe('%');
    expect(measureUnit({ figure: 'registrationAge', agg: 'attribute' })).toBe('年');
  });

  it('gives growth rates and shares no dimension, registration age time', () => {
    expect(measureDimension({ figure: 'operatingRevenue', agg: 'cagr', years: 3, months: 12 })).toEqual({
      money: 0,
      people: 0,
      area: 0,
      time: 0,
    });
    expect(measureDimension({ figure: 'registrationAge', agg: 'attribute' })).toEqual({
      money: 0,
      people: 0,
      area: 0,
      time: 1,
    });
    expect(measureDimension(revenue12).money).toBe(1);
  });
});

// -------------------------------------------------------------------------------------------------------------
// Checks
// -------------------------------------------------------------------------------------------------------------

describe('checkDefinition: conditions', () => {
  it('accepts a threshold in a unit that fits the measure', () => {
    expect(
      errorsOf({
        eligibility: {
          kind: 'all',
          conditions: [
            moreThan100Employees,
            { kind: 'compare', measure: revenue12, op: 'gte', value: 1, unit: '亿元' },
            {
              kind: 'compare',
              measure: { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue' },
              op: 'gte',
              value: 5,
              unit: '%',
            },
            {
              kind: 'compare',
              measure: { figure: 'registrationAge', agg: 'attribute' },
              op: 'lt',
              value: 3,
              unit: '年',
            },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('rejects employees compared in 万元, at the unit of that condition', () => {
    const errors = checkDefinition(
      def({
        eligibility: { kind: 'all', conditions: [aboveScale, { ...moreThan100Employees, unit: '万元' }] },
      }),
      ctx,
    );
    expect(errors).toEqual([
      { path: 'eligibility.conditions.1.unit', message: '单位“万元”与从业人员（最新月报）不符，应使用人等' },
    ]);
  });

  it('rejects revenue compared in 人', () => {
    expect(
      pathsOf({
        eligibility: {
          kind: 'all',
          conditions: [{ kind: 'compare', measure: revenue12, op: 'gt', value: 1, unit: '人' }],
        },
      }),
    ).toEqual(['eligibility.conditions.0.unit']);
  });

  it('rejects a unit the language does not know', () => {
    expect(errorsOf({ eligibility: { ...moreThan100Employees, unit: '个' } })).toEqual([
      'eligibility.unit: 未知单位“个”',
    ]);
  });

  it('reports an Object.prototype name used as a unit instead of throwing', () => {
    expect(errorsOf({ eligibility: { ...moreThan100Employees, unit: 'constructor' } })).toEqual([
      'eligibility.unit: 未知单位“constructor”',
    ]);
  });

  it('rejects an unknown subdistrict code at its index', () => {
    expect(
      errorsOf({
        eligibility: {
          kind: 'all',
          conditions: [
            aboveScale,
            { kind: 'not', condition: { kind: 'subdistrict', op: 'in', values: ['yangjiaping', 'nowhere'] } },
          ],
        },
      }),
    ).toEqual(['eligibility.conditions.1.condition.values.1: 未知镇街代码“nowhere”']);
  });

  it('rejects an unknown building code at its index, and "in" with no buildings', () => {
    expect(
      errorsOf({ eligibility: { kind: 'building', op: 'in', values: ['nowhere', 'jlyk', 'elsewhere'] } }),
    ).toEqual([
      'eligibility.values.0: 未知楼宇代码“nowhere”',
      'eligibility.values.2: 未知楼宇代码“elsewhere”',
    ]);
    expect(errorsOf({ eligibility: { kind: 'building', op: 'in' } })).toEqual([
      'eligibility.values: 请选择楼宇',
    ]);
    expect(errorsOf({ eligibility: { kind: 'building', op: 'any' } })).toEqual([]);
  });

  it('rejects an unknown tier code at its index', () => {
    expect(
      errorsOf({
        eligibility: {
          kind: 'any',
          conditions: [aboveScale, { kind: 'tier', op: 'anyOf', values: ['shangxing', 'gazelle'] }],
        },
      }),
    ).toEqual(['eligibility.conditions.1.values.1: 未知梯度“gazelle”']);
  });

  it('rejects a tier leaf in a rule that may not refer to tiers', () => {
    expect(
      errorsOf(
        { eligibility: { kind: 'all', conditions: [{ kind: 'tier', op: 'noneOf', values: ['shangxing'] }] } },
        { ...ctx, allowTiers: false },
      ),
    ).toEqual(['eligibility.conditions.0.kind: 梯度规则中不能引用梯度']);
  });

  it('rejects a threshold parameter that is not defined', () => {
    expect(
      errorsOf({
        eligibility: {
          kind: 'all',
          conditions: [
            { kind: 'compare', measure: rd12, op: 'gte', value: { param: 'minRd' }, unit: '万元' },
          ],
        },
      }),
    ).toEqual(['eligibility.conditions.0.value.param: 未定义的参数“minRd”']);
  });

  it('rejects a threshold parameter whose unit does not fit the measure', () => {
    expect(
      errorsOf({
        eligibility: { kind: 'compare', measure: rd12, op: 'gte', value: { param: 'minRd' }, unit: '万元' },
        parameters: { minRd: param('研发投入门槛', '人', ['2026-01-01', 100]) },
      }),
    ).toEqual(['eligibility.value.param: 参数“研发投入门槛”的单位“人”与近12个月研发投入合计不符']);
  });

  it('accepts a threshold parameter in a money unit for a money measure', () => {
    expect(
      errorsOf({
        eligibility: { kind: 'compare', measure: rd12, op: 'gte', value: { param: 'minRd' }, unit: '万元' },
        parameters: { minRd: param('研发投入门槛', '亿元', ['2026-01-01', 0.01]) },
      }),
    ).toEqual([]);
  });

  it('rejects a share of a figure in itself', () => {
    expect(
      errorsOf({
        eligibility: {
          kind: 'compare',
          measure: { figure: 'rdExpense', agg: 'share', of: 'rdExpense' },
          op: 'gte',
          value: 5,
          unit: '%',
        },
      }),
    ).toEqual(['eligibility.measure.of: 占比的分子与分母不能是同一指标']);
  });

  it('rejects a share of a flow in a stock', () => {
    expect(
      pathsOf({
        eligibility: {
          kind: 'compare',
          measure: { figure: 'rdExpense', agg: 'share', of: 'employees' },
          op: 'gte',
          value: 5,
          unit: '%',
        },
      }),
    ).toEqual(['eligibility.measure.of']);
  });

  it('reports every fault of a tree, depth first', () => {
    expect(
      pathsOf({
        eligibility: {
          kind: 'all',
          conditions: [
            { ...moreThan100Employees, unit: 'm²' },
            {
              kind: 'any',
              conditions: [
                { kind: 'subdistrict', op: 'notIn', values: ['x'] },
                { kind: 'not', condition: { kind: 'tier', op: 'anyOf', values: ['y'] } },
              ],
            },
          ],
        },
      }),
    ).toEqual([
      'eligibility.conditions.0.unit',
      'eligibility.conditions.1.conditions.0.values.0',
      'eligibility.conditions.1.conditions.1.condition.values.0',
    ]);
  });
});

describe('checkDefinition: parameters', () => {
  it('rejects two values taking effect on the same date', () => {
    expect(
      errorsOf({
        parameters: { rate: param('租金补贴标准', '元/m²/月', ['2026-01-01', 15], ['2026-01-01', 20]) },
      }),
    ).toEqual(['parameters.rate.values: 同一生效日期不能有两个取值']);
  });

  it('accepts values on different dates, in any order', () => {
    expect(
      errorsOf({
        parameters: { rate: param('租金补贴标准', '元/m²/月', ['2027-01-01', 20], ['2026-01-01', 15]) },
      }),
    ).toEqual([]);
  });

  it('rejects a parameter in a unit the language does not know', () => {
    expect(errorsOf({ parameters: { rate: param('标准', '美元', ['2026-01-01', 1]) } })).toEqual([
      'parameters.rate.unit: 未知单位“美元”',
    ]);
  });
});

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
