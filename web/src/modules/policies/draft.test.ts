// draft.ts, what the editor imports: everything of the model, its conversions, units and checks, working together.
import { describe, expect, it } from 'vitest';
import type { PolicyDefinition } from '@contracts/modules/policies/rules.ts';
import * as draft from './draft.ts';
import * as check from './draft.check.ts';
import * as convert from './draft.convert.ts';
import * as model from './draft.model.ts';
import * as units from './draft.units.ts';
import { replaceAt, swap, without } from './lists.ts';

const messages: draft.CheckMessages = {
  code: 'code',
  paramName: 'paramName',
  paramDuplicate: (n) => `duplicate ${n}`,
  required: 'required',
  pickOne: 'pickOne',
};

describe('draft.ts', () => {
  it('exports what the editor imports from it', () => {
    expect(Object.keys(draft).sort()).toEqual(
      [
        'aggs',
        'binaryKinds',
        'changeExprKind',
        'changeGroupKind',
        'changeLeafKind',
        'checkDraft',
        'commonUnits',
        'conditionFrom',
        'conditionOut',
        'definitionOut',
        'draftFrom',
        'draftMeasureDimension',
        'draftMeasureUnit',
        'editorPath',
        'errorsAt',
        'exprFrom',
        'exprKinds',
        'exprOut',
        'figureAggs',
        'figureChoices',
        'fixMeasure',
        'groupKinds',
        'isBinary',
        'isLeaf',
        'isOp',
        'leafIndexes',
        'leafKinds',
        'leafOps',
        'measureFrom',
        'measureOut',
        'naryKinds',
        'newConst',
        'newDraft',
        'newLeaf',
        'newMeasure',
        'ownErrors',
        'paramNamePattern',
        'renameParam',
        'sameDimension',
        'toMeasure',
        'unitsFor',
        'withoutAgg',
      ].sort(),
    );
  });

  it('re-exports the split files’ own functions', () => {
    const parts = { ...model, ...convert, ...units, ...check };
    for (const [name, value] of Object.entries(draft))
      expect(value, name).toBe(parts[name as keyof typeof parts]);
  });
});

describe('an editing session', () => {
  const def: PolicyDefinition = {
    name: '人才补贴',
    nameEn: '',
    summary: '',
    source: '',
    example: false,
    eligibility: {
      kind: 'all',
      conditions: [
        {
          kind: 'compare',
          measure: { figure: 'coreTalents', agg: 'latest' },
          op: 'gte',
          value: { param: 'min' },
          unit: '人',
        },
        { kind: 'aboveScale', value: true },
      ],
    },
    parameters: { min: { label: '人才门槛', unit: '人', values: [{ from: '2024-01-01', value: 10 }] } },
    benefit: {
      formula: {
        kind: 'mul',
        args: [
          { kind: 'measure', measure: { figure: 'coreTalents', agg: 'latest' } },
          { kind: 'const', value: 1, unit: '万元/人' },
        ],
      },
    },
    nearMissMargin: 0.2,
    noticeDays: 7,
  };

  it('loads, edits the tree and the formula, renames a parameter and saves what was meant', () => {
    let d = draft.draftFrom(def);
    const root = d.eligibility as draft.DraftGroup;
    // add a field leaf at the end, then move it first
    const field = { ...draft.changeLeafKind(draft.newLeaf(), 'field'), values: ['games'] };
    let conditions = [...root.conditions, field];
    conditions = swap(swap(conditions, 2, 1), 1, 0);
    // negate the above-scale leaf by wrapping it in a group turned into `not`
    conditions = replaceAt(
      conditions,
      2,
      draft.changeGroupKind({ kind: 'all', conditions: [conditions[2]!] }, 'not'),
    );
    d = { ...d, eligibility: { kind: 'any', conditions } };
    // cap the benefit: mul → min(mul, 50 万元)
    d = {
      ...d,
      formula: { kind: 'min', args: [d.formula, { kind: 'const', value: 50, unit: '万元' }] },
    };
    d = draft.renameParam(d, 'min', 'talentFloor');

    const r = draft.checkDraft(d, null, false, messages);
    expect(r.errors).toEqual([]);
    expect(r.definition).toEqual({
      ...def,
      eligibility: {
        kind: 'any',
        conditions: [
          { kind: 'field', op: 'anyOf', values: ['games'] },
          {
            kind: 'compare',
            measure: { figure: 'coreTalents', agg: 'latest' },
            op: 'gte',
            value: { param: 'talentFloor' },
            unit: '人',
          },
          { kind: 'not', condition: { kind: 'aboveScale', value: true } },
        ],
      },
      parameters: { talentFloor: def.parameters.min },
      benefit: {
        formula: { kind: 'min', args: [def.benefit!.formula, { kind: 'const', value: 50, unit: '万元' }] },
      },
    });
    expect(draft.leafIndexes(d.eligibility)).toEqual(
      new Map([
        ['eligibility.conditions.0', 0],
        ['eligibility.conditions.1', 1],
        ['eligibility.conditions.2.condition', 2],
      ]),
    );
  });

  it('reports a removed last condition, and is fine again when one is added back', () => {
    const d = draft.draftFrom(def);
    const root = d.eligibility as draft.DraftGroup;
    const emptied = { ...d, eligibility: { ...root, conditions: without(without(root.conditions, 0), 0) } };
    expect(draft.checkDraft(emptied, null, false, messages).errors).toEqual([
      { path: 'eligibility.conditions', message: 'pickOne', blank: true },
    ]);
    const refilled = {
      ...emptied,
      eligibility: { ...root, conditions: [draft.changeLeafKind(draft.newLeaf(), 'aboveScale')] },
    };
    expect(draft.checkDraft(refilled, null, false, messages).definition?.eligibility).toEqual({
      kind: 'all',
      conditions: [{ kind: 'aboveScale', value: true }],
    });
  });
});
