// The checks before a save: the editor's own (code, parameter names), the schema's with blanks said plainly, the
// contract's against the district; and how the editor's nodes pick out their own errors.
import { describe, expect, it } from 'vitest';
import type { CheckContext } from '@contracts/modules/policies/rules.ts';
import { checkDraft, editorPath, errorsAt, ownErrors, type CheckMessages } from './draft.check.ts';
import {
  newDraft,
  newLeaf,
  newMeasure,
  type Draft,
  type DraftCondition,
  type DraftExpr,
  type DraftLeaf,
  type DraftParameter,
  type FieldError,
} from './draft.model.ts';

const messages: CheckMessages = {
  code: '代码格式不对',
  paramName: '参数名格式不对',
  paramDuplicate: (name) => `参数名“${name}”重复`,
  required: '请填写',
  pickOne: '请至少选择一项',
};
const ctx: CheckContext = {
  subdistrictCodes: new Set(['S1', 'S2']),
  buildingCodes: new Set(['B1']),
  tierCodes: new Set(['seed']),
  allowTiers: true,
};

const leaf = (patch: Partial<DraftLeaf>): DraftLeaf => ({ ...newLeaf(patch.kind ?? 'compare'), ...patch });
/** A compare leaf that passes every check: at least 10 people. */
const okLeaf = (): DraftLeaf => leaf({ op: 'gte', value: 10, unit: '人' });
const param = (name: string, patch: Partial<DraftParameter> = {}): DraftParameter => ({
  name,
  label: '标准',
  unit: '万元',
  values: [{ from: '2024-01-01', value: 5 }],
  ...patch,
});
/** A complete draft whose eligibility is `conditions` (all of them). */
const draft = (conditions: DraftCondition[] = [okLeaf()], patch: Partial<Draft> = {}): Draft => ({
  ...newDraft(),
  code: 'rent',
  name: '房租补贴',
  eligibility: { kind: 'all', conditions },
  ...patch,
});
const withFormula = (formula: DraftExpr, parameters: DraftParameter[] = []): Draft =>
  draft([okLeaf()], { hasBenefit: true, formula, parameters });
const errorsOf = (d: Draft, context: CheckContext | null = ctx, creating = false) =>
  checkDraft(d, context, creating, messages).errors;

describe('checkDraft: a complete draft', () => {
  it('passes and gives the definition with the schema’s defaults', () => {
    const r = checkDraft(draft(), ctx, true, messages);
    expect(r.errors).toEqual([]);
    expect(r.definition).toEqual({
      name: '房租补贴',
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
            op: 'gte',
            value: 10,
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

  it('passes without a context, checking the shape only', () => {
    const unknownSubdistrict = draft([leaf({ kind: 'subdistrict', op: 'in', values: ['nowhere'] })]);
    const r = checkDraft(unknownSubdistrict, null, false, messages);
    expect(r.errors).toEqual([]);
    expect(r.definition?.eligibility).toEqual({
      kind: 'all',
      conditions: [{ kind: 'subdistrict', op: 'in', values: ['nowhere'] }],
    });
  });

  it('passes with a benefit formula in money', () => {
    const r = checkDraft(
      withFormula(
        {
          kind: 'mul',
          args: [
            { kind: 'param', name: 'rate' },
            { kind: 'const', value: 2, unit: '' },
          ],
        },
        [param('rate')],
      ),
      ctx,
      false,
      messages,
    );
    expect(r.errors).toEqual([]);
    expect(r.definition?.benefit).toEqual({
      formula: {
        kind: 'mul',
        args: [
          { kind: 'param', name: 'rate' },
          { kind: 'const', value: 2 },
        ],
      },
    });
    expect(r.definition?.parameters).toEqual({
      rate: { label: '标准', unit: '万元', values: [{ from: '2024-01-01', value: 5 }] },
    });
  });
});

describe('checkDraft: the code of a new policy', () => {
  it('asks for a blank code, as a blank', () => {
    expect(errorsOf(draft([okLeaf()], { code: '' }), ctx, true)).toEqual([
      { path: 'code', message: '请填写', blank: true },
    ]);
  });

  it('refuses a code that is not a name', () => {
    for (const code of ['Rent', 'rent-subsidy', '1rent', '房租'])
      expect(errorsOf(draft([okLeaf()], { code }), ctx, true)).toEqual([
        { path: 'code', message: '代码格式不对' },
      ]);
  });

  it('does not check the code of an existing policy', () => {
    expect(checkDraft(draft([okLeaf()], { code: '' }), ctx, false, messages).definition).not.toBeNull();
  });
});

describe('checkDraft: parameter names', () => {
  it('refuses a name that is not one, by row', () => {
    const d = draft([okLeaf()], { parameters: [param('ok'), param('Bad'), param('')] });
    expect(errorsOf(d)).toEqual([
      { path: 'parameterRows.1.name', message: '参数名格式不对' },
      { path: 'parameterRows.2.name', message: '参数名格式不对' },
    ]);
  });

  // Bug fixed: the schema's refusal of the same name (“Invalid key in record”) came too, at `parameters.` for a blank
  // name (a path no row shows, listed as “参数 · ”) and beside the row's own message for a name such as `Bad`.
  it('reports a bad name once, on its row', () => {
    for (const name of ['', 'Bad'])
      expect(errorsOf(draft([okLeaf()], { parameters: [param(name)] }))).toEqual([
        { path: 'parameterRows.0.name', message: '参数名格式不对' },
      ]);
  });

  it('refuses a name used twice, on the later rows', () => {
    const d = draft([okLeaf()], { parameters: [param('rate'), param('cap'), param('rate'), param('rate')] });
    const r = checkDraft(d, ctx, false, messages);
    expect(r.errors).toEqual([
      { path: 'parameterRows.2.name', message: '参数名“rate”重复' },
      { path: 'parameterRows.3.name', message: '参数名“rate”重复' },
    ]);
    expect(r.definition).toBeNull();
  });

  it('refuses a duplicate even without a context', () => {
    const d = draft([okLeaf()], { parameters: [param('rate'), param('rate')] });
    expect(checkDraft(d, null, false, messages)).toEqual({
      definition: null,
      errors: [{ path: 'parameterRows.1.name', message: '参数名“rate”重复' }],
    });
  });
});

describe('checkDraft: blanks, as the schema finds them', () => {
  it('says 请填写 for each empty text or number, flagged as blank', () => {
    const d = draft([leaf({ value: null })], { name: '  ', nearMissMarginPct: null, noticeDays: null });
    expect(errorsOf(d)).toEqual([
      { path: 'name', message: '请填写', blank: true },
      { path: 'eligibility.conditions.0.value', message: '请填写', blank: true },
      { path: 'nearMissMargin', message: '请填写', blank: true },
      { path: 'noticeDays', message: '请填写', blank: true },
    ]);
  });

  it('says 请填写 for a parameter threshold with no parameter picked', () => {
    expect(errorsOf(draft([leaf({ useParam: true, param: '', unit: '人' })]))).toEqual([
      { path: 'eligibility.conditions.0.value.param', message: '请填写', blank: true },
    ]);
  });

  it('says 请填写 for blank settings of a measure', () => {
    const m = (patch: Partial<DraftLeaf['measure']>) =>
      leaf({ value: 1, measure: { ...newMeasure(), ...patch } });
    expect(
      errorsOf(
        draft([
          m({ agg: 'at', period: '' }),
          m({ agg: 'sum', months: null }),
          m({ figure: 'rdExpense', agg: 'cagr', years: null }),
        ]),
      ),
    ).toEqual([
      { path: 'eligibility.conditions.0.measure.period', message: '请填写', blank: true },
      { path: 'eligibility.conditions.1.measure.months', message: '请填写', blank: true },
      { path: 'eligibility.conditions.2.measure.years', message: '请填写', blank: true },
    ]);
  });

  it('says 请至少选择一项 for an empty list of codes', () => {
    const d = draft([
      leaf({ kind: 'subdistrict', op: 'in' }),
      leaf({ kind: 'field', op: 'anyOf' }),
      leaf({ kind: 'honour', op: 'noneOf' }),
      leaf({ kind: 'tier', op: 'anyOf' }),
    ]);
    expect(errorsOf(d)).toEqual(
      [0, 1, 2, 3].map((i) => ({
        path: `eligibility.conditions.${i}.values`,
        message: '请至少选择一项',
        blank: true,
      })),
    );
  });

  it('says 请至少选择一项 for an empty group, at any depth', () => {
    expect(errorsOf(draft([], {}))).toEqual([
      { path: 'eligibility.conditions', message: '请至少选择一项', blank: true },
    ]);
    const nested = draft([
      { kind: 'not', condition: { kind: 'any', conditions: [okLeaf(), { kind: 'all', conditions: [] }] } },
    ]);
    expect(errorsOf(nested)).toEqual([
      {
        path: 'eligibility.conditions.0.condition.conditions.1.conditions',
        message: '请至少选择一项',
        blank: true,
      },
    ]);
  });

  it('finds a blank deep in a nested condition', () => {
    let c: DraftCondition = leaf({ value: null });
    let path = 'eligibility';
    const tail: string[] = [];
    for (let i = 0; i < 12; i++) {
      c = i % 2 ? { kind: 'not', condition: c } : { kind: 'any', conditions: [okLeaf(), c] };
      tail.unshift(i % 2 ? 'condition' : 'conditions.1');
    }
    path = [path, ...tail, 'value'].join('.');
    const d = { ...draft(), eligibility: c };
    expect(errorsOf(d)).toEqual([{ path, message: '请填写', blank: true }]);
  });

  it('says 请填写 for a blank formula term, parameter label, unit or value', () => {
    const d = withFormula(
      {
        kind: 'add',
        args: [
          { kind: 'const', value: null, unit: '元' },
          { kind: 'param', name: '' },
        ],
      },
      [param('rate', { label: ' ', unit: '', values: [{ from: '', value: null as unknown as number }] })],
    );
    expect(errorsOf(d)).toEqual([
      { path: 'parameters.rate.label', message: '请填写', blank: true },
      { path: 'parameters.rate.unit', message: '请填写', blank: true },
      { path: 'parameters.rate.values.0.from', message: '请填写', blank: true },
      { path: 'parameters.rate.values.0.value', message: '请填写', blank: true },
      { path: 'benefit.formula.args.0.value', message: '请填写', blank: true },
      { path: 'benefit.formula.args.1.name', message: '请填写', blank: true },
    ]);
  });

  it('says 请至少选择一项 for a parameter with no values', () => {
    expect(errorsOf(draft([okLeaf()], { parameters: [param('rate', { values: [] })] }))).toEqual([
      { path: 'parameters.rate.values', message: '请至少选择一项', blank: true },
    ]);
  });

  it('puts the editor’s own errors before the schema’s, and gives no definition', () => {
    const r = checkDraft(
      draft([leaf({ value: null })], { code: 'X', parameters: [param('A')] }),
      ctx,
      true,
      messages,
    );
    expect(r.definition).toBeNull();
    expect(r.errors.map((e) => e.path)).toEqual([
      'code',
      'parameterRows.0.name',
      'eligibility.conditions.0.value',
    ]);
  });
});

describe('checkDraft: values the schema refuses', () => {
  const ours = Object.values(messages).filter((m) => typeof m === 'string');

  it('passes on the schema’s own words for a value out of range, not flagged as blank', () => {
    const d = draft([leaf({ value: 1, measure: { ...newMeasure(), agg: 'sum', months: 0 } })], {
      noticeDays: 61,
      nearMissMarginPct: 150,
    });
    const errors = errorsOf(d);
    expect(errors.map((e) => [e.path, e.blank])).toEqual([
      ['eligibility.conditions.0.measure.months', false],
      ['nearMissMargin', false],
      ['noticeDays', false],
    ]);
    for (const e of errors) {
      expect(e.message).not.toBe('');
      expect(ours).not.toContain(e.message);
    }
  });

  it('passes on the contract’s message for a badly written date', () => {
    const d = draft([okLeaf()], {
      parameters: [param('rate', { values: [{ from: '2024-1-1', value: 5 }] })],
    });
    expect(errorsOf(d)).toEqual([
      { path: 'parameters.rate.values.0.from', message: '日期格式应为 YYYY-MM-DD', blank: false },
    ]);
  });

  it('refuses a label over 80 characters', () => {
    const errors = errorsOf(draft([leaf({ kind: 'aboveScale', label: '长'.repeat(81) })]));
    expect(errors.map((e) => [e.path, e.blank])).toEqual([['eligibility.conditions.0.label', false]]);
  });
});

describe('checkDraft: checks against the district', () => {
  const at = (...errors: [string, string][]) => errors.map(([path, message]) => ({ path, message }));

  it('refuses a threshold in a unit that does not fit the measure, or is unknown', () => {
    expect(errorsOf(draft([leaf({ value: 1, unit: '万元' })]))).toEqual(
      at(['eligibility.conditions.0.unit', '单位“万元”与从业人员（最新月报）不符，应使用人等']),
    );
    expect(errorsOf(draft([leaf({ value: 1, unit: '斤' })]))).toEqual(
      at(['eligibility.conditions.0.unit', '未知单位“斤”']),
    );
  });

  it('refuses a parameter threshold that is not defined or not in the measure’s unit', () => {
    expect(errorsOf(draft([leaf({ useParam: true, param: 'min' })]))).toEqual(
      at(['eligibility.conditions.0.value.param', '未定义的参数“min”']),
    );
    const d = draft([leaf({ useParam: true, param: 'min' })], {
      parameters: [param('min', { label: '门槛' })],
    });
    expect(errorsOf(d)).toEqual(
      at(['eligibility.conditions.0.value.param', '参数“门槛”的单位“万元”与从业人员（最新月报）不符']),
    );
  });

  it('refuses a share of a figure in itself or of another kind', () => {
    const share = (figure: 'rdExpense', of: 'rdExpense' | 'employees') =>
      leaf({ value: 5, unit: '%', measure: { ...newMeasure(), figure, agg: 'share', of } });
    expect(errorsOf(draft([share('rdExpense', 'rdExpense')]))).toEqual(
      at(['eligibility.conditions.0.measure.of', '占比的分子与分母不能是同一指标']),
    );
    expect(errorsOf(draft([share('rdExpense', 'employees')]))).toEqual(
      at([
        'eligibility.conditions.0.measure.of',
        '占比的分子与分母应同为流量（收入、投入）或同为存量（人数、面积）',
      ]),
    );
  });

  it('refuses unknown subdistricts, buildings and tiers by position', () => {
    const d = draft([
      leaf({ kind: 'subdistrict', op: 'in', values: ['S1', 'S9'] }),
      leaf({ kind: 'building', op: 'in', values: ['B7'] }),
      { kind: 'not', condition: leaf({ kind: 'tier', op: 'noneOf', values: ['seed', 'grown'] }) },
    ]);
    expect(errorsOf(d)).toEqual(
      at(
        ['eligibility.conditions.0.values.1', '未知镇街代码“S9”'],
        ['eligibility.conditions.1.values.0', '未知楼宇代码“B7”'],
        ['eligibility.conditions.2.condition.values.1', '未知梯度“grown”'],
      ),
    );
  });

  it('asks for buildings when the operator is `in`', () => {
    expect(errorsOf(draft([leaf({ kind: 'building', op: 'in' })]))).toEqual(
      at(['eligibility.conditions.0.values', '请选择楼宇']),
    );
    expect(errorsOf(draft([leaf({ kind: 'building', op: 'none', values: ['B7'] })]))).toEqual([]);
  });

  it('refuses tiers in a tier’s own rule', () => {
    const d = draft([leaf({ kind: 'tier', op: 'anyOf', values: ['seed'] })]);
    expect(errorsOf(d, { ...ctx, allowTiers: false })).toEqual(
      at(['eligibility.conditions.0.kind', '梯度规则中不能引用梯度']),
    );
  });

  it('refuses a parameter in an unknown unit or with two values on one date', () => {
    const d = draft([okLeaf()], {
      parameters: [
        param('rate', { unit: '斤' }),
        param('cap', {
          values: [
            { from: '2024-01-01', value: 1 },
            { from: '2024-01-01', value: 2 },
          ],
        }),
      ],
    });
    expect(errorsOf(d)).toEqual(
      at(['parameters.rate.unit', '未知单位“斤”'], ['parameters.cap.values', '同一生效日期不能有两个取值']),
    );
  });

  it('refuses a formula whose amount is not money', () => {
    expect(errorsOf(withFormula({ kind: 'const', value: 5, unit: '人' }))).toEqual(
      at(['benefit.formula', '补贴金额的单位应为元（例如 面积 × 元/m²/月 × 月）']),
    );
  });

  it('refuses unknown parameters and units, mixed units and a divisor that may be zero', () => {
    const d = withFormula({
      kind: 'add',
      args: [
        { kind: 'const', value: 1, unit: '万元' },
        { kind: 'const', value: 1, unit: '人' },
        { kind: 'param', name: 'missing' },
        { kind: 'const', value: 1, unit: '斤' },
        {
          kind: 'div',
          args: [
            { kind: 'const', value: 1, unit: '元' },
            { kind: 'measure', measure: newMeasure() },
          ],
        },
      ],
    });
    expect(errorsOf(d)).toEqual(
      at(
        ['benefit.formula.args.2.name', '未定义的参数“missing”'],
        ['benefit.formula.args.3.unit', '未知单位“斤”'],
        ['benefit.formula.args.4.args.1', '除数可能为零：请用正的常数或参数，或写成 max(除数, 正数)'],
        ['benefit.formula.args.1', '加法的各项单位不一致'],
        ['benefit.formula.args.4', '加法的各项单位不一致'],
      ),
    );
  });

  it('does not check a formula while the benefit is off', () => {
    const d = { ...withFormula({ kind: 'const', value: 5, unit: '人' }), hasBenefit: false };
    expect(checkDraft(d, ctx, false, messages)).toMatchObject({ errors: [], definition: { benefit: null } });
  });

  it('does not check against the district while the shape is wrong', () => {
    const d = draft([leaf({ kind: 'subdistrict', op: 'in', values: ['S9'] }), leaf({ value: null })]);
    expect(errorsOf(d)).toEqual([{ path: 'eligibility.conditions.1.value', message: '请填写', blank: true }]);
  });
});

describe('error paths', () => {
  const errors: FieldError[] = [
    { path: 'eligibility', message: 'root' },
    { path: 'eligibility.conditions', message: 'too few' },
    { path: 'eligibility.conditions.0', message: 'child' },
    { path: 'eligibility.conditions.0.unit', message: 'child unit' },
    { path: 'eligibility.condition', message: 'negated' },
    { path: 'eligibility.condition.value', message: 'negated value' },
    { path: 'eligibility.kind', message: 'kind' },
    { path: 'eligibility.values.1', message: 'code' },
    { path: 'eligibilityX', message: 'other field' },
    { path: 'name', message: 'name 1' },
    { path: 'name', message: 'name 2' },
  ];

  it('editorPath drops the leading `definition.` of a server path only', () => {
    expect(editorPath('definition.eligibility.conditions.0.unit')).toBe('eligibility.conditions.0.unit');
    expect(editorPath('definition')).toBe('definition');
    expect(editorPath('code')).toBe('code');
    expect(editorPath('note.definition.x')).toBe('note.definition.x');
  });

  it('errorsAt gives the messages at exactly the path', () => {
    expect(errorsAt(errors, 'name')).toEqual(['name 1', 'name 2']);
    expect(errorsAt(errors, 'eligibility.conditions')).toEqual(['too few']);
    expect(errorsAt(errors, 'nowhere')).toEqual([]);
  });

  it('ownErrors without containers gives everything at or under the path', () => {
    expect(ownErrors(errors, 'eligibility.conditions.0')).toEqual(['child', 'child unit']);
    expect(ownErrors(errors, 'eligibility')).toEqual([
      'root',
      'too few',
      'child',
      'child unit',
      'negated',
      'negated value',
      'kind',
      'code',
    ]);
  });

  it('ownErrors of a group leaves its children’s errors to them but keeps “too few”', () => {
    expect(ownErrors(errors, 'eligibility', ['conditions', 'condition'])).toEqual([
      'root',
      'too few',
      'kind',
      'code',
    ]);
  });

  it('ownErrors of a formula operation leaves its terms’ errors to them', () => {
    const f: FieldError[] = [
      { path: 'benefit.formula', message: 'not money' },
      { path: 'benefit.formula.args', message: 'too few terms' },
      { path: 'benefit.formula.args.1', message: 'mixed units' },
      { path: 'benefit.formula.args.1.unit', message: 'unknown unit' },
    ];
    expect(ownErrors(f, 'benefit.formula', ['args'])).toEqual(['not money', 'too few terms']);
    expect(ownErrors(f, 'benefit.formula.args.1', ['args'])).toEqual(['mixed units', 'unknown unit']);
  });
});
