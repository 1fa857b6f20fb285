// Tests of the rule language (pure): definition shape, units, dimensions, and the checks of conditions and
// parameters with their paths.
import { describe, expect, it } from 'vitest';
import {
  checkDefinition,
  conditionSchema,
  dimensionless,
  measureDimension,
  measureLabelZh,
  measureSchema,
  measureStep,
  measureUnit,
  parseUnit,
  policyDefinitionSchema,
} from './rules.ts';
import {
  ctx,
  latestEmployees,
  latestArea,
  revenue12,
  rd12,
  aboveScale,
  moreThan100Employees,
  param,
  def,
  errorsOf,
  pathsOf,
} from './rules.fixtures.ts';

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

  it('reads registry facts in their own units: leased area in m², certified talents in 人, seats in 个', () => {
    expect(measureUnit({ figure: 'demonstrationArea', agg: 'registry' })).toBe('m²');
    expect(measureUnit({ figure: 'clusterArea', agg: 'registry' })).toBe('m²');
    expect(measureUnit({ figure: 'certifiedCoreTalents', agg: 'registry' })).toBe('人');
    expect(measureUnit({ figure: 'workstationSeats', agg: 'registry' })).toBe('个');
    expect(measureDimension({ figure: 'demonstrationArea', agg: 'registry' }).area).toBe(1);
    expect(measureDimension({ figure: 'certifiedCoreTalents', agg: 'registry' }).people).toBe(1);
    expect(measureDimension({ figure: 'workstationSeats', agg: 'registry' })).toEqual(dimensionless);
  });
});

describe('registry facts in conditions', () => {
  it('accepts 示范楼宇 area in m², refuses it in 人, and refuses a registry code as a reported figure', () => {
    const demo = { figure: 'demonstrationArea', agg: 'registry' } as const;
    expect(
      errorsOf({
        eligibility: {
          kind: 'all',
          conditions: [aboveScale, { kind: 'compare', measure: demo, op: 'gte', value: 500, unit: 'm²' }],
        },
      }),
    ).toEqual([]);
    expect(
      pathsOf({
        eligibility: {
          kind: 'all',
          conditions: [{ kind: 'compare', measure: demo, op: 'gte', value: 500, unit: '人' }],
        },
      }),
    ).toEqual(['eligibility.conditions.0.unit']);
    expect(
      conditionSchema.safeParse({
        kind: 'compare',
        measure: { figure: 'demonstrationArea', agg: 'latest' },
        op: 'gte',
        value: 1,
        unit: 'm²',
      }).success,
    ).toBe(false);
    expect(measureLabelZh(demo)).toBe('在示范楼宇内租用面积');
    expect(measureStep({ figure: 'certifiedCoreTalents', agg: 'registry' })).toBe(1);
    expect(measureStep(demo)).toBeNull();
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
    expect(errorsOf({ eligibility: { ...moreThan100Employees, unit: '只' } })).toEqual([
      'eligibility.unit: 未知单位“只”',
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
