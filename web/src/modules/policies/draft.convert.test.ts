// The draft to and from the rule language: every node kind survives rule → draft → rule, and a draft goes out with
// exactly the keys its kind has.
import { describe, expect, it } from 'vitest';
import {
  conditionSchema,
  exprSchema,
  measureSchema,
  policyDefinitionSchema,
  type Condition,
  type Expr,
  type Measure,
  type PolicyDefinition,
} from '@contracts/modules/policies/rules.ts';
import {
  conditionFrom,
  conditionOut,
  definitionOut,
  draftFrom,
  exprFrom,
  exprOut,
  measureFrom,
  measureOut,
  toMeasure,
} from './draft.convert.ts';
import {
  fixMeasure,
  newDraft,
  newLeaf,
  newMeasure,
  type DraftLeaf,
  type DraftMeasure,
} from './draft.model.ts';

const measure = (patch: Partial<DraftMeasure>): DraftMeasure => ({ ...newMeasure(), ...patch });
const leaf = (patch: Partial<DraftLeaf>): DraftLeaf => ({ ...newLeaf(patch.kind ?? 'compare'), ...patch });

/** One measure of each aggregation the language has. */
const measures: Measure[] = [
  { figure: 'employees', agg: 'latest' },
  { figure: 'usedArea', agg: 'at', period: '2024-06' },
  { figure: 'operatingRevenue', agg: 'sum', months: 12 },
  { figure: 'coreTalents', agg: 'avg', months: 6 },
  { figure: 'softwareRevenue', agg: 'yoy', months: 9 },
  { figure: 'softwareProductRevenue', agg: 'cagr', years: 2, months: 12 },
  { figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 24 },
  { figure: 'registrationAge', agg: 'attribute' },
  { figure: 'demonstrationArea', agg: 'registry' },
  { figure: 'certifiedCoreTalents', agg: 'registry' },
];

/** One leaf of each kind (and each shape of threshold), with and without a label. */
const leaves: Condition[] = [
  { kind: 'compare', measure: { figure: 'employees', agg: 'latest' }, op: 'gte', value: 50, unit: '人' },
  {
    kind: 'compare',
    measure: { figure: 'operatingRevenue', agg: 'sum', months: 12 },
    op: 'gt',
    value: { param: 'minRevenue' },
    unit: '万元',
    label: '年营收达标',
  },
  {
    kind: 'compare',
    measure: { figure: 'registrationAge', agg: 'attribute' },
    op: 'lt',
    value: 3,
    unit: '年',
  },
  { kind: 'subdistrict', op: 'in', values: ['500105001', '500105002'] },
  { kind: 'subdistrict', op: 'notIn', values: ['500105003'], label: '不在观音桥' },
  { kind: 'field', op: 'anyOf', values: ['aiAgents', 'games'] },
  { kind: 'field', op: 'allOf', values: ['openHarmony'] },
  { kind: 'field', op: 'noneOf', values: ['liveStreaming'] },
  { kind: 'honour', op: 'anyOf', values: ['littleGiant'] },
  { kind: 'honour', op: 'noneOf', values: ['qimingxing', 'beidouxing'] },
  { kind: 'aboveScale', value: true },
  { kind: 'aboveScale', value: false, label: '非规上' },
  { kind: 'building', op: 'any', values: [] },
  { kind: 'building', op: 'none', values: [] },
  { kind: 'building', op: 'in', values: ['B01', 'B02'] },
  { kind: 'tier', op: 'anyOf', values: ['seed'] },
  { kind: 'tier', op: 'noneOf', values: ['seed', 'growth'] },
];

/** One expression of each kind. */
const exprs: Expr[] = [
  { kind: 'const', value: 5 },
  { kind: 'const', value: 2.5, unit: '万元' },
  { kind: 'param', name: 'rentRate' },
  { kind: 'measure', measure: { figure: 'usedArea', agg: 'latest' } },
  { kind: 'add', args: [{ kind: 'const', value: 1, unit: '元' }] },
  {
    kind: 'mul',
    args: [
      { kind: 'measure', measure: { figure: 'usedArea', agg: 'avg', months: 12 } },
      { kind: 'param', name: 'rentRate' },
      { kind: 'const', value: 12, unit: '月' },
    ],
  },
  {
    kind: 'min',
    args: [
      { kind: 'const', value: 100, unit: '万元' },
      { kind: 'param', name: 'cap' },
    ],
  },
  { kind: 'max', args: [{ kind: 'const', value: 0, unit: '元' }] },
  {
    kind: 'sub',
    args: [
      { kind: 'param', name: 'cap' },
      { kind: 'const', value: 1, unit: '万元' },
    ],
  },
  {
    kind: 'div',
    args: [
      { kind: 'measure', measure: { figure: 'rdExpense', agg: 'sum', months: 12 } },
      { kind: 'const', value: 2 },
    ],
  },
];

describe('measures', () => {
  it.each(measures)('round-trips $figure/$agg through the draft', (m) => {
    expect(measureSchema.parse(m)).toEqual(m); // the fixture itself is canonical
    expect(measureOut(measureFrom(m))).toEqual(m);
    expect(toMeasure(measureFrom(m))).toEqual(m);
  });

  it('keeps the defaults of the settings the aggregation does not have', () => {
    expect(measureFrom({ figure: 'usedArea', agg: 'at', period: '2024-06' })).toEqual({
      figure: 'usedArea',
      agg: 'at',
      period: '2024-06',
      months: 12,
      years: 3,
      of: 'operatingRevenue',
    });
    expect(measureFrom({ figure: 'rdExpense', agg: 'share', of: 'softwareRevenue', months: 6 })).toEqual({
      figure: 'rdExpense',
      agg: 'share',
      period: '',
      months: 6,
      years: 3,
      of: 'softwareRevenue',
    });
    expect(measureFrom({ figure: 'registrationAge', agg: 'attribute' })).toEqual({
      ...newMeasure(),
      figure: 'registrationAge',
      agg: 'attribute',
    });
    expect(measureFrom({ figure: 'clusterArea', agg: 'registry' })).toEqual({
      ...newMeasure(),
      figure: 'clusterArea',
      agg: 'registry',
    });
  });

  it('reads a registry fact as it stands: no aggregation kept when one is picked, and one restored when left', () => {
    expect(fixMeasure({ ...newMeasure(), figure: 'workstationSeats', agg: 'sum' }).agg).toBe('registry');
    expect(fixMeasure({ ...newMeasure(), figure: 'employees', agg: 'registry' }).agg).toBe('latest');
    expect(measureOut({ ...newMeasure(), figure: 'demonstrationArea', agg: 'registry', months: 6 })).toEqual({
      figure: 'demonstrationArea',
      agg: 'registry',
    });
  });

  it('sends exactly the keys of the aggregation, whatever else the draft holds', () => {
    const all = { period: '2024-01', months: 6, years: 2, of: 'rdExpense' as const };
    expect(measureOut(measure({ ...all, figure: 'employees', agg: 'latest' }))).toEqual({
      figure: 'employees',
      agg: 'latest',
    });
    expect(measureOut(measure({ ...all, figure: 'employees', agg: 'at' }))).toEqual({
      figure: 'employees',
      agg: 'at',
      period: '2024-01',
    });
    for (const agg of ['sum', 'avg', 'yoy'] as const)
      expect(measureOut(measure({ ...all, figure: 'operatingRevenue', agg }))).toEqual({
        figure: 'operatingRevenue',
        agg,
        months: 6,
      });
    expect(measureOut(measure({ ...all, figure: 'operatingRevenue', agg: 'cagr' }))).toEqual({
      figure: 'operatingRevenue',
      agg: 'cagr',
      years: 2,
      months: 6,
    });
    expect(measureOut(measure({ ...all, figure: 'operatingRevenue', agg: 'share' }))).toEqual({
      figure: 'operatingRevenue',
      agg: 'share',
      of: 'rdExpense',
      months: 6,
    });
  });

  it('sends registration age as an attribute, with nothing else', () => {
    const out = { figure: 'registrationAge', agg: 'attribute' };
    expect(measureOut(measure({ figure: 'registrationAge', agg: 'sum', months: 6 }))).toEqual(out);
    expect(measureOut(measure({ figure: 'employees', agg: 'attribute' }))).toEqual(out);
  });

  it('leaves blanks for the schema to report, and toMeasure is null until the measure is complete', () => {
    expect(measureOut(measure({ agg: 'sum', months: null }))).toEqual({
      figure: 'employees',
      agg: 'sum',
      months: null,
    });
    expect(measureOut(measure({ agg: 'at', period: '' }))).toEqual({
      figure: 'employees',
      agg: 'at',
      period: '',
    });
    expect(toMeasure(measure({ agg: 'sum', months: null }))).toBeNull();
    expect(toMeasure(measure({ agg: 'at', period: '' }))).toBeNull();
    expect(toMeasure(measure({ agg: 'cagr', years: null }))).toBeNull();
    expect(toMeasure(measure({ agg: 'sum', months: 61 }))).toBeNull();
    expect(toMeasure(measure({ agg: 'cagr', years: 6 }))).toBeNull();
    expect(toMeasure(measure({ agg: 'avg', months: 60 }))).toEqual({
      figure: 'employees',
      agg: 'avg',
      months: 60,
    });
  });
});

describe('conditions', () => {
  it.each(leaves)('round-trips a $kind leaf', (c) => {
    expect(conditionSchema.parse(c)).toEqual(c); // canonical: no defaults filled in by the schema
    expect(conditionOut(conditionFrom(c))).toEqual(c);
  });

  it('reads a compare leaf with a number or a parameter as its threshold', () => {
    expect(conditionFrom(leaves[0]!)).toEqual({
      ...newLeaf('compare'),
      measure: newMeasure(),
      op: 'gte',
      value: 50,
      useParam: false,
      param: '',
      unit: '人',
    });
    expect(conditionFrom(leaves[1]!)).toEqual({
      ...newLeaf('compare'),
      measure: { ...newMeasure(), figure: 'operatingRevenue', agg: 'sum', months: 12 },
      op: 'gt',
      value: null,
      useParam: true,
      param: 'minRevenue',
      unit: '万元',
      label: '年营收达标',
    });
  });

  it('reads the other leaves into their own settings', () => {
    expect(conditionFrom({ kind: 'aboveScale', value: false })).toEqual({
      ...newLeaf('aboveScale'),
      flag: false,
    });
    expect(conditionFrom({ kind: 'honour', op: 'noneOf', values: ['littleGiant'] })).toEqual({
      ...newLeaf('honour'),
      op: 'noneOf',
      values: ['littleGiant'],
    });
  });

  it('copies code lists, so editing the draft leaves the rule alone', () => {
    const rule: Condition = { kind: 'field', op: 'anyOf', values: ['games'] };
    const d = conditionFrom(rule) as DraftLeaf;
    d.values.push('aiAgents');
    expect(rule.values).toEqual(['games']);
  });

  it('sends only the settings of the leaf kind', () => {
    const full = leaf({
      value: 3,
      useParam: false,
      param: 'x',
      unit: '人',
      values: ['a'],
      flag: false,
      label: '',
    });
    expect(conditionOut({ ...full, kind: 'compare', op: 'gt' })).toEqual({
      kind: 'compare',
      measure: { figure: 'employees', agg: 'latest' },
      op: 'gt',
      value: 3,
      unit: '人',
    });
    expect(conditionOut({ ...full, kind: 'compare', op: 'gt', useParam: true })).toEqual({
      kind: 'compare',
      measure: { figure: 'employees', agg: 'latest' },
      op: 'gt',
      value: { param: 'x' },
      unit: '人',
    });
    expect(conditionOut({ ...full, kind: 'aboveScale', op: '' })).toEqual({
      kind: 'aboveScale',
      value: false,
    });
    expect(conditionOut({ ...full, kind: 'subdistrict', op: 'in' })).toEqual({
      kind: 'subdistrict',
      op: 'in',
      values: ['a'],
    });
  });

  it('drops the buildings of a building leaf unless its operator is `in`', () => {
    const b = leaf({ kind: 'building', values: ['B01'] });
    expect(conditionOut({ ...b, op: 'any' })).toEqual({ kind: 'building', op: 'any', values: [] });
    expect(conditionOut({ ...b, op: 'none' })).toEqual({ kind: 'building', op: 'none', values: [] });
    expect(conditionOut({ ...b, op: 'in' })).toEqual({ kind: 'building', op: 'in', values: ['B01'] });
  });

  it('trims a label and leaves out a blank one', () => {
    expect(conditionOut(leaf({ kind: 'aboveScale', label: '  规上企业 ' }))).toEqual({
      kind: 'aboveScale',
      value: true,
      label: '规上企业',
    });
    expect(conditionOut(leaf({ kind: 'aboveScale', label: '   ' }))).toEqual({
      kind: 'aboveScale',
      value: true,
    });
  });

  it('leaves a blank threshold or parameter for the schema to report', () => {
    expect(conditionOut(leaf({ value: null }))).toMatchObject({ value: null });
    expect(conditionOut(leaf({ useParam: true, param: '' }))).toMatchObject({ value: { param: '' } });
  });

  it('round-trips groups and negations, nested deeply', () => {
    const deep: Condition = {
      kind: 'all',
      conditions: [
        leaves[0]!,
        {
          kind: 'any',
          conditions: [
            { kind: 'not', condition: leaves[3]! },
            {
              kind: 'all',
              conditions: [
                { kind: 'not', condition: { kind: 'any', conditions: [leaves[10]!, leaves[14]!] } },
                leaves[16]!,
              ],
            },
          ],
        },
        { kind: 'not', condition: { kind: 'not', condition: leaves[8]! } },
      ],
    };
    expect(conditionSchema.parse(deep)).toEqual(deep);
    expect(conditionOut(conditionFrom(deep))).toEqual(deep);
  });

  it('round-trips a chain of 30 nested negations and groups', () => {
    let c: Condition = leaves[5]!;
    for (let i = 0; i < 30; i++) c = i % 2 ? { kind: 'not', condition: c } : { kind: 'any', conditions: [c] };
    expect(conditionOut(conditionFrom(c))).toEqual(c);
  });

  it('sends an empty group as it is (the schema reports it)', () => {
    expect(conditionOut({ kind: 'any', conditions: [] })).toEqual({ kind: 'any', conditions: [] });
    expect(conditionFrom({ kind: 'all', conditions: [] } as unknown as Condition)).toEqual({
      kind: 'all',
      conditions: [],
    });
  });
});

describe('formulas', () => {
  it.each(exprs)('round-trips a $kind expression', (e) => {
    expect(exprSchema.parse(e)).toEqual(e);
    expect(exprOut(exprFrom(e))).toEqual(e);
  });

  it('reads a constant without a unit as an empty unit, and trims the unit it sends', () => {
    expect(exprFrom({ kind: 'const', value: 5 })).toEqual({ kind: 'const', value: 5, unit: '' });
    expect(exprOut({ kind: 'const', value: 5, unit: ' 万元 ' })).toEqual({
      kind: 'const',
      value: 5,
      unit: '万元',
    });
    expect(exprOut({ kind: 'const', value: 5, unit: '  ' })).toEqual({ kind: 'const', value: 5 });
    expect(exprOut({ kind: 'const', value: null, unit: '' })).toEqual({ kind: 'const', value: null });
  });

  it('reads a measure term into a draft measure', () => {
    expect(exprFrom({ kind: 'measure', measure: { figure: 'usedArea', agg: 'avg', months: 3 } })).toEqual({
      kind: 'measure',
      measure: { ...newMeasure(), figure: 'usedArea', agg: 'avg', months: 3 },
    });
  });

  it('round-trips a deeply nested formula', () => {
    let e: Expr = { kind: 'param', name: 'base' };
    for (let i = 0; i < 20; i++)
      e =
        i % 3 === 0
          ? { kind: 'div', args: [e, { kind: 'const', value: 2 }] }
          : { kind: i % 3 === 1 ? 'add' : 'max', args: [{ kind: 'const', value: i, unit: '元' }, e] };
    expect(exprOut(exprFrom(e))).toEqual(e);
  });
});

describe('the whole definition', () => {
  const def: PolicyDefinition = {
    name: '房租补贴',
    nameEn: 'Rent subsidy',
    summary: '按面积补贴房租',
    source: '《行动计划》第十条',
    example: true,
    eligibility: {
      kind: 'all',
      conditions: [leaves[0]!, { kind: 'not', condition: leaves[12]! }, leaves[1]!],
    },
    parameters: {
      rentRate: {
        label: '补贴标准',
        unit: '元/m²/月',
        values: [
          { from: '2024-01-01', value: 20 },
          { from: '2025-01-01', value: 25 },
        ],
      },
      minRevenue: { label: '营收门槛', unit: '万元', values: [{ from: '2024-01-01', value: 500 }] },
    },
    benefit: { formula: exprs[5]! },
    nearMissMargin: 0.15,
    noticeDays: 5,
  };

  it('round-trips a full definition', () => {
    expect(policyDefinitionSchema.parse(def)).toEqual(def);
    expect(definitionOut(draftFrom(def))).toEqual(def);
  });

  it('reads the definition into the draft', () => {
    const d = draftFrom(def, 'rentSubsidy');
    expect(d.code).toBe('rentSubsidy');
    expect(d.note).toBe('');
    expect(d.hasBenefit).toBe(true);
    expect(d.nearMissMarginPct).toBe(15);
    expect(d.noticeDays).toBe(5);
    expect(d.parameters).toEqual([
      {
        name: 'rentRate',
        label: '补贴标准',
        unit: '元/m²/月',
        values: [
          { from: '2024-01-01', value: 20 },
          { from: '2025-01-01', value: 25 },
        ],
      },
      { name: 'minRevenue', label: '营收门槛', unit: '万元', values: [{ from: '2024-01-01', value: 500 }] },
    ]);
    expect(draftFrom(def).code).toBe('');
  });

  it('round-trips a policy without benefit, keeping a placeholder formula in the draft', () => {
    const qualifying: PolicyDefinition = { ...def, benefit: null, parameters: {} };
    const d = draftFrom(qualifying);
    expect(d.hasBenefit).toBe(false);
    expect(d.formula).toEqual({ kind: 'const', value: null, unit: '万元' });
    expect(definitionOut(d)).toEqual(qualifying);
  });

  it('keeps the formula while the benefit is switched off, and sends it again when switched on', () => {
    const d = { ...draftFrom(def), hasBenefit: false };
    expect(definitionOut(d).benefit).toBeNull();
    expect(definitionOut({ ...d, hasBenefit: true }).benefit).toEqual({ formula: exprs[5] });
  });

  it('converts the near-miss margin between a share and percent without float noise', () => {
    const margins: [number, number][] = [
      [0, 0],
      [0.07, 7],
      [0.125, 12.5],
      [0.2, 20],
      [0.333, 33.3],
      [1, 100],
    ];
    for (const [share, pct] of margins) {
      expect(draftFrom({ ...def, nearMissMargin: share }).nearMissMarginPct).toBe(pct);
      expect(definitionOut({ ...draftFrom(def), nearMissMarginPct: pct }).nearMissMargin).toBe(share);
    }
    // the editor shows one decimal of a percent: finer margins are rounded
    expect(draftFrom({ ...def, nearMissMargin: 0.12345 }).nearMissMarginPct).toBe(12.3);
    expect(definitionOut({ ...draftFrom(def), nearMissMarginPct: null }).nearMissMargin).toBeNull();
  });

  it('trims the texts it sends, and does not send the code or the version note', () => {
    const d = {
      ...draftFrom(def, 'rentSubsidy'),
      name: '  房租补贴 ',
      nameEn: ' Rent ',
      summary: ' s ',
      source: ' src ',
      note: '改了门槛',
    };
    const out = definitionOut(d);
    expect([out.name, out.nameEn, out.summary, out.source]).toEqual(['房租补贴', 'Rent', 's', 'src']);
    expect(Object.keys(out).sort()).toEqual(
      [
        'name',
        'nameEn',
        'summary',
        'source',
        'example',
        'eligibility',
        'parameters',
        'benefit',
        'nearMissMargin',
        'noticeDays',
      ].sort(),
    );
  });

  it('trims parameter labels and units', () => {
    const d = newDraft();
    d.parameters = [
      { name: 'cap', label: ' 上限 ', unit: ' 万元 ', values: [{ from: '2024-01-01', value: 1 }] },
    ];
    expect(definitionOut(d).parameters).toEqual({
      cap: { label: '上限', unit: '万元', values: [{ from: '2024-01-01', value: 1 }] },
    });
  });

  it('sends a new draft with its blanks', () => {
    expect(definitionOut(newDraft())).toEqual({
      name: '',
      nameEn: '',
      summary: '',
      source: '',
      example: false,
      eligibility: {
        kind: 'all',
        conditions: [
          {
            kind: 'compare',
            measure: { figure: 'employees', agg: 'latest' },
            op: 'gt',
            value: null,
            unit: '人',
          },
        ],
      },
      parameters: {},
      benefit: null,
      nearMissMargin: 0.2,
      noticeDays: 7,
    });
  });
});
