// The visual rule builder of 适用条件: groups (全部满足 / 任一满足 / 不满足) that nest, and one row per condition with
// its kind's inputs, the live count of enterprises passing it, its errors, and buttons to move or remove it.
import type { JSX, ReactNode } from 'react';
import { Button, Input, InputNumber, Segmented, Select, Tag, Tooltip } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  BranchesOutlined,
  DeleteOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { opZhWords, parseUnit, type ComparisonOp } from '@contracts/modules/policies/rules.ts';
import { useLanguage } from '../../app/i18n.ts';
import {
  changeGroupKind,
  changeLeafKind,
  draftMeasureDimension,
  draftMeasureUnit,
  errorsAt,
  groupKinds,
  isLeaf,
  leafKinds,
  leafOps,
  newLeaf,
  ownErrors,
  sameDimension,
  unitsFor,
  type DraftCondition,
  type DraftGroup,
  type DraftLeaf,
  type DraftMeasure,
  type DraftNot,
  type GroupKind,
  type LeafKind,
} from './draft.ts';
import { useEditorContext } from './editorContext.ts';
import { MeasureFields } from './MeasureFields.tsx';
import { leafText, unitText } from './words.ts';
import { replaceAt, swap, without } from './lists.ts';

export interface RowControls {
  onRemove?: () => void;
  onUp?: () => void;
  onDown?: () => void;
  /** Extra buttons (the root leaf's “make a group”). */
  extra?: ReactNode;
}

/** A small icon button with its tooltip (none without `onClick`); the accessible name says which row it acts on. */
function RowButton({
  action,
  what,
  icon,
  onClick,
  danger,
}: {
  action: 'moveUp' | 'moveDown' | 'remove';
  what: string;
  icon: ReactNode;
  onClick: (() => void) | undefined;
  danger?: boolean;
}) {
  const { t } = useTranslation();
  if (!onClick) return null;
  const label = t(`policies.editor.${action}`);
  return (
    <Tooltip title={label}>
      <Button
        size="small"
        type="text"
        danger={danger}
        icon={icon}
        onClick={onClick}
        aria-label={`${label} ${what}`}
      />
    </Tooltip>
  );
}

export function RowButtons({ controls, what }: { controls: RowControls; what: string }) {
  return (
    <span className="mtx-pol-row-buttons">
      {controls.extra}
      <RowButton action="moveUp" what={what} icon={<ArrowUpOutlined />} onClick={controls.onUp} />
      <RowButton action="moveDown" what={what} icon={<ArrowDownOutlined />} onClick={controls.onDown} />
      <RowButton action="remove" what={what} icon={<DeleteOutlined />} onClick={controls.onRemove} danger />
    </span>
  );
}

export function ErrorLines({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="mtx-pol-errors" role="alert">
      {[...new Set(messages)].map((m) => (
        <div key={m}>{m}</div>
      ))}
    </div>
  );
}

/** How many enterprises pass a leaf, from the last preview. */
function PassCount({ index }: { index: number | undefined }) {
  const { t } = useTranslation();
  const { passes } = useEditorContext();
  if (!passes || index === undefined) return null;
  const n = passes.counts[index];
  if (n === undefined) return null;
  return (
    <Tooltip title={t('policies.editor.passesHint', { count: n, of: passes.of })}>
      <Tag
        color={n === 0 ? 'red' : 'blue'}
        className={passes.stale ? 'mtx-pol-stale' : undefined}
        style={{ marginInlineEnd: 0 }}
      >
        {t('policies.editor.passes', { count: n })}
      </Tag>
    </Tooltip>
  );
}

/** A leaf after its measure changed: the unit is kept when it still fits, else the measure's default. */
function withMeasure(l: DraftLeaf, m: DraftMeasure): DraftLeaf {
  const units = unitsFor(m);
  const unit = units.includes(l.unit) ? l.unit : draftMeasureUnit(m);
  return { ...l, measure: m, unit: units.includes(unit) ? unit : (units[0] ?? unit) };
}

function CompareInputs({
  l,
  onChange,
  path,
}: {
  l: DraftLeaf;
  onChange: (next: DraftLeaf) => void;
  path: string;
}) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { parameters, errors } = useEditorContext();
  const status = (key: string) =>
    errors.some((e) => e.path === `${path}.${key}` || e.path.startsWith(`${path}.${key}.`))
      ? ('error' as const)
      : undefined;
  const want = draftMeasureDimension(l.measure);
  const units = unitsFor(l.measure);
  return (
    <>
      <MeasureFields
        value={l.measure}
        onChange={(m) => onChange(withMeasure(l, m))}
        path={`${path}.measure`}
      />
      <Select<string>
        size="small"
        value={l.op}
        onChange={(op) => onChange({ ...l, op })}
        options={leafOps.compare.map((op) => ({
          value: op,
          label: opZhWords[op as ComparisonOp],
          title: t(`policies.op.${op}`),
        }))}
        style={{ width: 52 }}
        aria-label={t('policies.editor.op')}
        status={status('op')}
      />
      <Segmented<'value' | 'param'>
        size="small"
        value={l.useParam ? 'param' : 'value'}
        onChange={(v) =>
          onChange({
            ...l,
            useParam: v === 'param',
            unit: v === 'param' ? draftMeasureUnit(l.measure) : l.unit,
          })
        }
        options={[
          { value: 'value', label: t('policies.editor.valueMode') },
          { value: 'param', label: t('policies.editor.paramMode') },
        ]}
        aria-label={t('policies.editor.thresholdMode')}
      />
      {l.useParam ? (
        <Select<string>
          size="small"
          value={l.param || undefined}
          onChange={(param) => onChange({ ...l, param })}
          placeholder={t('policies.editor.pickParam')}
          options={parameters
            .filter((p) => p.name)
            .map((p) => {
              const u = parseUnit(p.unit);
              const fits = !!u && sameDimension(u.dim, want);
              return {
                value: p.name,
                label: `${p.label || p.name}（${unitText(p.unit, lang)}）`,
                disabled: !fits,
                title: fits ? undefined : t('policies.editor.paramUnitMismatch'),
              };
            })}
          notFoundContent={t('policies.editor.noParams')}
          popupMatchSelectWidth={false}
          style={{ minWidth: 140 }}
          status={status('value')}
          aria-label={t('policies.editor.param')}
        />
      ) : (
        <>
          <InputNumber<number>
            size="small"
            value={l.value}
            onChange={(value) => onChange({ ...l, value })}
            controls={false}
            style={{ width: 90 }}
            status={status('value')}
            placeholder={t('policies.editor.value')}
            aria-label={t('policies.editor.value')}
          />
          <Select<string>
            size="small"
            value={l.unit}
            onChange={(unit) => onChange({ ...l, unit })}
            options={(units.includes(l.unit) ? units : [l.unit, ...units]).map((u) => ({
              value: u,
              label: unitText(u, lang),
            }))}
            popupMatchSelectWidth={false}
            style={{ minWidth: 56 }}
            status={status('unit')}
            aria-label={t('policies.editor.unit')}
          />
        </>
      )}
    </>
  );
}

function LeafInputs({
  l,
  onChange,
  path,
}: {
  l: DraftLeaf;
  onChange: (next: DraftLeaf) => void;
  path: string;
}) {
  const { t } = useTranslation();
  const ctx = useEditorContext();
  const valuesStatus = ctx.errors.some(
    (e) => e.path === `${path}.values` || e.path.startsWith(`${path}.values.`),
  )
    ? ('error' as const)
    : undefined;
  const opSelect = (
    <Select<string>
      size="small"
      value={l.op}
      onChange={(op) => onChange({ ...l, op })}
      options={leafOps[l.kind].map((op) => ({ value: op, label: t(`policies.setOp.${l.kind}.${op}`) }))}
      popupMatchSelectWidth={false}
      style={{ minWidth: 80 }}
      aria-label={t('policies.editor.op')}
    />
  );
  const multi = (options: { value: string; label: string }[], placeholder: string) => (
    <Select<string[]>
      size="small"
      mode="multiple"
      value={l.values}
      onChange={(values) => onChange({ ...l, values })}
      options={options}
      optionFilterProp="label"
      placeholder={placeholder}
      maxTagCount="responsive"
      style={{ minWidth: 200, flex: '1 1 200px' }}
      status={valuesStatus}
      aria-label={placeholder}
    />
  );
  /** The operator, then the values to pick from (none for a building leaf that is not `in`). */
  const picked = (options: { value: string; label: string }[], placeholder: string, show = true) => (
    <>
      {opSelect}
      {show && multi(options, placeholder)}
    </>
  );
  switch (l.kind) {
    case 'compare':
      return <CompareInputs l={l} onChange={onChange} path={path} />;
    case 'subdistrict':
      return picked(ctx.subdistrictOptions, t('policies.editor.pickSubdistricts'));
    case 'field':
      return picked(ctx.fieldOptions, t('policies.editor.pickFields'));
    case 'honour':
      return picked(ctx.honourOptions, t('policies.editor.pickHonours'));
    case 'tier':
      return picked(ctx.tierOptions, t('policies.editor.pickTiers'));
    case 'building':
      return picked(ctx.buildingOptions, t('policies.editor.pickBuildings'), l.op === 'in');
    case 'aboveScale':
      return (
        <Segmented<'true' | 'false'>
          size="small"
          value={l.flag ? 'true' : 'false'}
          onChange={(v) => onChange({ ...l, flag: v === 'true' })}
          options={[
            { value: 'true', label: t('policies.editor.isAboveScale') },
            { value: 'false', label: t('policies.editor.notAboveScale') },
          ]}
          aria-label={t('policies.leafKind.aboveScale')}
        />
      );
  }
}

function LeafRow({
  value: l,
  onChange,
  path,
  controls,
}: {
  value: DraftLeaf;
  onChange: (next: DraftLeaf) => void;
  path: string;
  controls: RowControls;
}) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const ctx = useEditorContext();
  const index = ctx.leafIndex.get(path);
  const what = t('policies.editor.conditionNo', { n: (index ?? 0) + 1 });
  const generated = leafText(l, ctx.names, lang, t);
  const messages = ownErrors(ctx.errors, path);
  return (
    <div className={`mtx-pol-leaf${messages.length ? ' mtx-pol-has-error' : ''}`} data-path={path}>
      <div className="mtx-pol-leaf-main">
        <span className="mtx-pol-leaf-no" aria-hidden>
          {(index ?? 0) + 1}
        </span>
        <Select<LeafKind>
          size="small"
          value={l.kind}
          onChange={(kind) => onChange(changeLeafKind(l, kind))}
          options={leafKinds.map((k) => ({ value: k, label: t(`policies.leafKind.${k}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 80 }}
          aria-label={`${what} ${t('policies.editor.kind')}`}
        />
        <LeafInputs l={l} onChange={onChange} path={path} />
      </div>
      <div className="mtx-pol-leaf-sub">
        <Input
          size="small"
          variant="borderless"
          className="mtx-pol-leaf-label"
          value={l.label}
          onChange={(e) => onChange({ ...l, label: e.target.value })}
          placeholder={generated}
          maxLength={80}
          status={errorsAt(ctx.errors, `${path}.label`).length ? 'error' : undefined}
          aria-label={t('policies.editor.labelHint')}
          title={t('policies.editor.labelHint')}
        />
        <span className="mtx-pol-leaf-tail">
          <PassCount index={index} />
          <RowButtons controls={controls} what={what} />
        </span>
      </div>
      <ErrorLines messages={messages} />
    </div>
  );
}

function GroupBox({
  value: g,
  onChange,
  path,
  controls,
  depth,
}: {
  value: DraftGroup | DraftNot;
  onChange: (next: DraftCondition) => void;
  path: string;
  controls: RowControls;
  depth: number;
}) {
  const { t } = useTranslation();
  const { errors } = useEditorContext();
  const what = t(`policies.groupKind.${g.kind}`);
  const messages = ownErrors(errors, path, ['conditions', 'condition']);
  let children: JSX.Element[];
  if (g.kind === 'not') {
    children = [
      <NodeEditor
        key="0"
        value={g.condition}
        onChange={(condition) => onChange({ kind: 'not', condition })}
        path={`${path}.condition`}
        controls={{}}
        depth={depth + 1}
      />,
    ];
  } else {
    const list = g.conditions;
    children = list.map((c, i) => (
      <NodeEditor
        key={i}
        value={c}
        onChange={(next) => onChange({ ...g, conditions: replaceAt(list, i, next) })}
        path={`${path}.conditions.${i}`}
        depth={depth + 1}
        controls={{
          onUp: i > 0 ? () => onChange({ ...g, conditions: swap(list, i, i - 1) }) : undefined,
          onDown:
            i < list.length - 1 ? () => onChange({ ...g, conditions: swap(list, i, i + 1) }) : undefined,
          onRemove: list.length > 1 ? () => onChange({ ...g, conditions: without(list, i) }) : undefined,
        }}
      />
    ));
  }
  return (
    <section
      className={`mtx-pol-group mtx-pol-group-${g.kind}${messages.length ? ' mtx-pol-has-error' : ''}`}
      data-path={path}
      aria-label={what}
    >
      <div className="mtx-pol-group-head">
        <Select<GroupKind>
          size="small"
          value={g.kind}
          onChange={(kind) => onChange(changeGroupKind(g, kind))}
          options={groupKinds.map((k) => ({ value: k, label: t(`policies.groupKind.${k}`) }))}
          popupMatchSelectWidth={false}
          style={{ minWidth: 110 }}
          aria-label={t('policies.editor.groupKind')}
        />
        <span className="mtx-muted mtx-pol-group-hint">{t(`policies.groupHint.${g.kind}`)}</span>
        <span className="mtx-pol-leaf-tail">
          <RowButtons controls={controls} what={what} />
        </span>
      </div>
      <div className="mtx-pol-group-body">{children}</div>
      <ErrorLines messages={messages} />
      {g.kind !== 'not' && (
        <div className="mtx-pol-group-foot">
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...g, conditions: [...g.conditions, newLeaf('compare')] })}
          >
            {t('policies.editor.addCondition')}
          </Button>
          <Button
            size="small"
            type="dashed"
            icon={<BranchesOutlined />}
            onClick={() =>
              onChange({
                ...g,
                conditions: [
                  ...g.conditions,
                  { kind: g.kind === 'all' ? 'any' : 'all', conditions: [newLeaf('compare')] },
                ],
              })
            }
          >
            {t('policies.editor.addGroup')}
          </Button>
        </div>
      )}
    </section>
  );
}

function NodeEditor({
  value,
  onChange,
  path,
  controls,
  depth,
}: {
  value: DraftCondition;
  onChange: (next: DraftCondition) => void;
  path: string;
  controls: RowControls;
  depth: number;
}) {
  if (isLeaf(value)) return <LeafRow value={value} onChange={onChange} path={path} controls={controls} />;
  return <GroupBox value={value} onChange={onChange} path={path} controls={controls} depth={depth} />;
}

/** The whole eligibility rule; a single condition at the root can be turned into a group. */
export function RuleEditor({
  value,
  onChange,
}: {
  value: DraftCondition;
  onChange: (next: DraftCondition) => void;
}) {
  const { t } = useTranslation();
  const extra = isLeaf(value) ? (
    <Button
      size="small"
      icon={<BranchesOutlined />}
      onClick={() => onChange({ kind: 'all', conditions: [value] })}
    >
      {t('policies.editor.wrapInGroup')}
    </Button>
  ) : undefined;
  return (
    <div className="mtx-pol-rule">
      <NodeEditor value={value} onChange={onChange} path="eligibility" controls={{ extra }} depth={0} />
    </div>
  );
}
