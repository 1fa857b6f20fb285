// The draft's new nodes and edits: changes of kind keep what still applies, renames reach every use.
import { describe, expect, it } from 'vitest';
import {
  changeExprKind,
  changeGroupKind,
  changeLeafKind,
  exprKinds,
  fixMeasure,
  isBinary,
  isLeaf,
  isOp,
  leafIndexes,
  leafKinds,
  leafOps,
  newConst,
  newDraft,
  newLeaf,
  newMeasure,
  paramNamePattern,
  renameParam,
  type Draft,
  type DraftCondition,
  type DraftExpr,
  type DraftLeaf,
  type DraftMeasure,
} from './draft.model.ts';

const measure = (patch: Partial<DraftMeasure>): DraftMeasure => ({ ...newMeasure(), ...patch });
const leaf = (patch: Partial<DraftLeaf>): DraftLeaf => ({ ...newLeaf(patch.kind ?? 'compare'), ...patch });
const num = (value: number): DraftExpr => ({ kind: 'const', value, unit: '' });

describe('new nodes', () => {
  it('starts a measure at the latest headcount, with usable settings for the other aggregations', () => {
    expect(newMeasure()).toEqual({
      figure: 'employees',
      agg: 'latest',
      period: '',
      months: 12,
      years: 3,
      of: 'operatingRevenue',
    });
    expect(newMeasure()).not.toBe(newMeasure());
  });

  it('starts each leaf kind on its first operator', () => {
    expect(leafKinds.map((k) => newLeaf(k).op)).toEqual(['gt', 'in', 'anyOf', 'anyOf', '', 'any', 'anyOf']);
    expect(newLeaf()).toEqual({
      kind: 'compare',
      measure: newMeasure(),
      op: 'gt',
      value: null,
      useParam: false,
      param: '',
      unit: '人',
      values: [],
      flag: true,
      label: '',
    });
  });

  it('starts a new draft with one blank condition and no benefit', () => {
    const d = newDraft();
    expect(d.eligibility).toEqual({ kind: 'all', conditions: [newLeaf('compare')] });
    expect(d.hasBenefit).toBe(false);
    expect(d.formula).toEqual({ kind: 'const', value: null, unit: '万元' });
    expect([d.nearMissMarginPct, d.noticeDays, d.parameters]).toEqual([20, 7, []]);
    expect([d.code, d.name, d.nameEn, d.summary, d.source, d.note, d.example]).toEqual([
      '',
      '',
      '',
      '',
      '',
      '',
      false,
    ]);
  });

  it('tells leaves from groups and operations from terms', () => {
    expect(leafKinds.every((k) => isLeaf(newLeaf(k)))).toBe(true);
    expect(isLeaf({ kind: 'all', conditions: [] })).toBe(false);
    expect(isLeaf({ kind: 'any', conditions: [] })).toBe(false);
    expect(isLeaf({ kind: 'not', condition: newLeaf() })).toBe(false);
    expect(exprKinds.filter((k) => isOp({ kind: k } as DraftExpr))).toEqual([
      'add',
      'mul',
      'min',
      'max',
      'sub',
      'div',
    ]);
    expect(exprKinds.filter(isBinary)).toEqual(['sub', 'div']);
    expect(newConst()).toEqual({ kind: 'const', value: null, unit: '' });
  });

  it('takes parameter names that start with a lower-case letter', () => {
    for (const ok of ['a', 'rentRate', 'cap2', 'x9Y']) expect(paramNamePattern.test(ok)).toBe(true);
    for (const bad of ['', 'Rent', '2x', 'rent_rate', 'rent-rate', 'rent rate', '租金'])
      expect(paramNamePattern.test(bad)).toBe(false);
  });
});

describe('fixMeasure', () => {
  it('gives registration age the attribute aggregation', () => {
    expect(fixMeasure(measure({ figure: 'registrationAge', agg: 'sum' }))).toEqual(
      measure({ figure: 'registrationAge', agg: 'attribute' }),
    );
  });

  it('gives a figure back an aggregation when it leaves registration age', () => {
    expect(fixMeasure(measure({ figure: 'usedArea', agg: 'attribute' }))).toEqual(
      measure({ figure: 'usedArea', agg: 'latest' }),
    );
  });

  it('leaves a measure that is fine alone', () => {
    const ok = [
      measure({ agg: 'avg', months: 3 }),
      measure({ figure: 'rdExpense', agg: 'share', of: 'operatingRevenue' }),
      measure({ figure: 'coreTalents', agg: 'share', of: 'employees' }),
    ];
    for (const m of ok) expect(fixMeasure(m)).toBe(m);
  });

  // Bug fixed: a share of operating revenue in itself was moved onto employees, a stock (and a stock's share onto
  // operating revenue), which the check refuses (“应同为流量或同为存量”) and the denominator list does not offer.
  it('moves the denominator of a share onto another figure of the same kind', () => {
    expect(fixMeasure(measure({ figure: 'operatingRevenue', agg: 'share', of: 'operatingRevenue' })).of).toBe(
      'softwareRevenue',
    );
    expect(fixMeasure(measure({ figure: 'softwareRevenue', agg: 'share', of: 'softwareRevenue' })).of).toBe(
      'operatingRevenue',
    );
    expect(fixMeasure(measure({ figure: 'coreTalents', agg: 'share', of: 'coreTalents' })).of).toBe(
      'employees',
    );
    expect(fixMeasure(measure({ figure: 'employees', agg: 'share', of: 'employees' })).of).toBe(
      'coreTalents',
    );
  });

  it('moves the denominator of a share when the figure changes to another kind', () => {
    expect(fixMeasure(measure({ figure: 'employees', agg: 'share', of: 'operatingRevenue' })).of).toBe(
      'coreTalents',
    );
    expect(fixMeasure(measure({ figure: 'usedArea', agg: 'share', of: 'rdExpense' })).of).toBe('employees');
    expect(fixMeasure(measure({ figure: 'rdExpense', agg: 'share', of: 'usedArea' })).of).toBe(
      'operatingRevenue',
    );
  });

  it('keeps the other settings when it fixes the denominator', () => {
    expect(
      fixMeasure(
        measure({ figure: 'rdExpense', agg: 'share', of: 'rdExpense', months: 6, period: '2024-01' }),
      ),
    ).toEqual(
      measure({ figure: 'rdExpense', agg: 'share', of: 'operatingRevenue', months: 6, period: '2024-01' }),
    );
  });
});

describe('changeLeafKind', () => {
  it('returns the leaf itself for its own kind', () => {
    const l = leaf({ kind: 'field', op: 'allOf', values: ['games'] });
    expect(changeLeafKind(l, 'field')).toBe(l);
  });

  it('keeps an operator the new kind has, and the codes are dropped', () => {
    expect(changeLeafKind(leaf({ kind: 'field', op: 'noneOf', values: ['games'] }), 'honour')).toEqual(
      leaf({ kind: 'honour', op: 'noneOf', values: [] }),
    );
    expect(changeLeafKind(leaf({ kind: 'honour', op: 'anyOf', values: ['littleGiant'] }), 'tier')).toEqual(
      leaf({ kind: 'tier', op: 'anyOf', values: [] }),
    );
  });

  it('resets an operator the new kind does not have to its first', () => {
    expect(changeLeafKind(leaf({ kind: 'field', op: 'allOf' }), 'honour').op).toBe('anyOf');
    expect(changeLeafKind(leaf({ kind: 'compare', op: 'lte' }), 'subdistrict').op).toBe('in');
    expect(changeLeafKind(leaf({ kind: 'subdistrict', op: 'notIn' }), 'building').op).toBe('any');
    expect(changeLeafKind(leaf({ kind: 'building', op: 'in' }), 'compare').op).toBe('gt');
    expect(changeLeafKind(leaf({ kind: 'compare', op: 'eq' }), 'aboveScale').op).toBe('');
    expect(changeLeafKind(leaf({ kind: 'building', op: 'in' }), 'subdistrict').op).toBe('in');
  });

  it('keeps the settings of other kinds, so changing back loses nothing but the codes', () => {
    const compare = leaf({
      measure: measure({ figure: 'usedArea', agg: 'avg', months: 6 }),
      op: 'gte',
      value: 500,
      unit: 'm²',
      flag: false,
      label: '面积',
    });
    const back = changeLeafKind(changeLeafKind(compare, 'aboveScale'), 'compare');
    expect(back).toEqual({ ...compare, op: 'gt' });
    expect(changeLeafKind(compare, 'aboveScale')).toMatchObject({
      kind: 'aboveScale',
      flag: false,
      label: '面积',
    });
  });

  it('offers operators that are those of the language', () => {
    expect(leafOps).toEqual({
      compare: ['gt', 'gte', 'lt', 'lte', 'eq', 'ne'],
      subdistrict: ['in', 'notIn'],
      field: ['anyOf', 'allOf', 'noneOf'],
      honour: ['anyOf', 'noneOf'],
      aboveScale: [],
      building: ['any', 'none', 'in'],
      tier: ['anyOf', 'noneOf'],
    });
  });
});

describe('changeGroupKind', () => {
  const a = leaf({ value: 1 });
  const b = leaf({ kind: 'aboveScale' });

  it('returns the node itself for its own kind', () => {
    const g: DraftCondition = { kind: 'all', conditions: [a] };
    const n: DraftCondition = { kind: 'not', condition: a };
    expect(changeGroupKind(g, 'all')).toBe(g);
    expect(changeGroupKind(n, 'not')).toBe(n);
  });

  it('switches between all and any, keeping the conditions', () => {
    expect(changeGroupKind({ kind: 'all', conditions: [a, b] }, 'any')).toEqual({
      kind: 'any',
      conditions: [a, b],
    });
    expect(changeGroupKind({ kind: 'any', conditions: [] }, 'all')).toEqual({ kind: 'all', conditions: [] });
  });

  it('negates the one condition of a group directly', () => {
    expect(changeGroupKind({ kind: 'all', conditions: [a] }, 'not')).toEqual({ kind: 'not', condition: a });
  });

  it('negates several conditions as the group they were (not all, not any)', () => {
    expect(changeGroupKind({ kind: 'all', conditions: [a, b] }, 'not')).toEqual({
      kind: 'not',
      condition: { kind: 'all', conditions: [a, b] },
    });
    expect(changeGroupKind({ kind: 'any', conditions: [a, b] }, 'not')).toEqual({
      kind: 'not',
      condition: { kind: 'any', conditions: [a, b] },
    });
  });

  it('negates an empty group as an empty group', () => {
    expect(changeGroupKind({ kind: 'any', conditions: [] }, 'not')).toEqual({
      kind: 'not',
      condition: { kind: 'any', conditions: [] },
    });
  });

  it('unwraps a negation: its one condition, or the conditions of its group', () => {
    expect(changeGroupKind({ kind: 'not', condition: a }, 'any')).toEqual({ kind: 'any', conditions: [a] });
    expect(changeGroupKind({ kind: 'not', condition: { kind: 'any', conditions: [a, b] } }, 'all')).toEqual({
      kind: 'all',
      conditions: [a, b],
    });
    const inner: DraftCondition = { kind: 'not', condition: b };
    expect(changeGroupKind({ kind: 'not', condition: inner }, 'all')).toEqual({
      kind: 'all',
      conditions: [inner],
    });
  });

  it('round-trips a group through not and back', () => {
    const g: DraftCondition = { kind: 'any', conditions: [a, b] };
    expect(changeGroupKind(changeGroupKind(g, 'not') as DraftCondition & { kind: 'not' }, 'any')).toEqual(g);
  });
});

describe('changeExprKind', () => {
  it('returns the expression itself for its own kind', () => {
    const e = num(1);
    expect(changeExprKind(e, 'const')).toBe(e);
  });

  it('starts a new term blank', () => {
    const op: DraftExpr = { kind: 'add', args: [num(1), num(2)] };
    expect(changeExprKind(op, 'const')).toEqual({ kind: 'const', value: null, unit: '' });
    expect(changeExprKind(op, 'param')).toEqual({ kind: 'param', name: '' });
    expect(changeExprKind(num(3), 'measure')).toEqual({ kind: 'measure', measure: newMeasure() });
    expect(changeExprKind({ kind: 'param', name: 'x' }, 'const')).toEqual(newConst());
  });

  it('makes a term the first of two terms of an operation', () => {
    const t: DraftExpr = { kind: 'param', name: 'rate' };
    expect(changeExprKind(t, 'mul')).toEqual({ kind: 'mul', args: [t, newConst()] });
    expect(changeExprKind(t, 'div')).toEqual({ kind: 'div', args: [t, newConst()] });
  });

  it('keeps all terms between n-ary operations, and two for 相减/相除', () => {
    const three: DraftExpr = { kind: 'add', args: [num(1), num(2), num(3)] };
    expect(changeExprKind(three, 'max')).toEqual({ kind: 'max', args: [num(1), num(2), num(3)] });
    expect(changeExprKind(three, 'sub')).toEqual({ kind: 'sub', args: [num(1), num(2)] });
    expect(changeExprKind({ kind: 'div', args: [num(1), num(2)] }, 'min')).toEqual({
      kind: 'min',
      args: [num(1), num(2)],
    });
  });

  it('fills an operation of one term up to two', () => {
    expect(changeExprKind({ kind: 'add', args: [num(1)] }, 'mul')).toEqual({
      kind: 'mul',
      args: [num(1), newConst()],
    });
    expect(changeExprKind({ kind: 'add', args: [num(1)] }, 'div')).toEqual({
      kind: 'div',
      args: [num(1), newConst()],
    });
    expect(changeExprKind({ kind: 'add', args: [] }, 'sub')).toEqual({
      kind: 'sub',
      args: [newConst(), newConst()],
    });
  });
});

describe('leafIndexes', () => {
  it('numbers the leaves depth first, as the server counts them', () => {
    const c: DraftCondition = {
      kind: 'all',
      conditions: [
        newLeaf(),
        { kind: 'any', conditions: [newLeaf('field'), { kind: 'not', condition: newLeaf('honour') }] },
        { kind: 'not', condition: { kind: 'all', conditions: [newLeaf('tier'), newLeaf('building')] } },
        newLeaf('aboveScale'),
      ],
    };
    expect([...leafIndexes(c)]).toEqual([
      ['eligibility.conditions.0', 0],
      ['eligibility.conditions.1.conditions.0', 1],
      ['eligibility.conditions.1.conditions.1.condition', 2],
      ['eligibility.conditions.2.condition.conditions.0', 3],
      ['eligibility.conditions.2.condition.conditions.1', 4],
      ['eligibility.conditions.3', 5],
    ]);
  });

  it('takes a base path, a lone leaf and empty groups', () => {
    expect([...leafIndexes(newLeaf(), 'x')]).toEqual([['x', 0]]);
    expect(leafIndexes({ kind: 'all', conditions: [{ kind: 'any', conditions: [] }] }).size).toBe(0);
  });
});

describe('renameParam', () => {
  const uses = (d: Draft) => JSON.stringify(d).match(/"(param|name)":"[a-zA-Z]+"/g);
  const draft = (): Draft => ({
    ...newDraft(),
    eligibility: {
      kind: 'all',
      conditions: [
        leaf({ useParam: true, param: 'min' }),
        { kind: 'not', condition: { kind: 'any', conditions: [leaf({ useParam: true, param: 'other' })] } },
        { kind: 'any', conditions: [leaf({ useParam: true, param: 'min', value: 3 })] },
      ],
    },
    parameters: [
      { name: 'min', label: '门槛', unit: '人', values: [] },
      { name: 'other', label: '其他', unit: '人', values: [] },
    ],
    hasBenefit: true,
    formula: {
      kind: 'mul',
      args: [
        { kind: 'param', name: 'min' },
        {
          kind: 'max',
          args: [
            { kind: 'param', name: 'other' },
            { kind: 'param', name: 'min' },
          ],
        },
      ],
    },
  });

  it('renames the parameter, its thresholds and its formula terms, at any depth', () => {
    const d = renameParam(draft(), 'min', 'floor');
    expect(d.parameters.map((p) => p.name)).toEqual(['floor', 'other']);
    expect(d.eligibility).toEqual({
      kind: 'all',
      conditions: [
        leaf({ useParam: true, param: 'floor' }),
        { kind: 'not', condition: { kind: 'any', conditions: [leaf({ useParam: true, param: 'other' })] } },
        { kind: 'any', conditions: [leaf({ useParam: true, param: 'floor', value: 3 })] },
      ],
    });
    expect(d.formula).toEqual({
      kind: 'mul',
      args: [
        { kind: 'param', name: 'floor' },
        {
          kind: 'max',
          args: [
            { kind: 'param', name: 'other' },
            { kind: 'param', name: 'floor' },
          ],
        },
      ],
    });
  });

  it('leaves the draft it was given alone', () => {
    const before = draft();
    const snapshot = JSON.parse(JSON.stringify(before)) as Draft;
    renameParam(before, 'min', 'floor');
    expect(before).toEqual(snapshot);
  });

  it('changes nothing for a name nobody uses', () => {
    expect(uses(renameParam(draft(), 'absent', 'x'))).toEqual(uses(draft()));
  });

  // Bug fixed: a threshold switched to a number kept the old name, so switching it back pointed at no parameter.
  it('renames the parameter a threshold keeps while it is set to a number', () => {
    const d: Draft = {
      ...draft(),
      eligibility: { kind: 'all', conditions: [leaf({ useParam: false, param: 'min', value: 10 })] },
    };
    expect(renameParam(d, 'min', 'floor').eligibility).toEqual({
      kind: 'all',
      conditions: [leaf({ useParam: false, param: 'floor', value: 10 })],
    });
  });

  it('gives a blank name only to the thresholds that use a parameter', () => {
    const d: Draft = {
      ...draft(),
      eligibility: { kind: 'all', conditions: [leaf({ useParam: true, param: '' }), leaf({ value: 10 })] },
    };
    expect(renameParam(d, '', 'floor').eligibility).toEqual({
      kind: 'all',
      conditions: [leaf({ useParam: true, param: 'floor' }), leaf({ value: 10 })],
    });
  });
});
