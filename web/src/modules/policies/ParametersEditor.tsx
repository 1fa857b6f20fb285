// The 参数 table of the editor: named amounts (a subsidy rate, a cap) with a unit and dated values, so a new rate
// from a given date is a new row, not a new rule. Renaming a parameter renames its uses.
import { AutoComplete, Button, DatePicker, Input, InputNumber, Table, Tag, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n.ts';
import { commonUnits, type DraftParameter, type DraftParameterValue, type FieldError } from './draft.ts';
import { useEditorContext } from './editorContext.ts';
import { replaceAt, without } from './lists.ts';
import { ErrorLines } from './RuleEditor.tsx';
import { unitText } from './words.ts';

const today = () => dayjs().format('YYYY-MM-DD');

function newParameter(existing: readonly DraftParameter[]): DraftParameter {
  let n = existing.length + 1;
  while (existing.some((p) => p.name === `param${n}`)) n += 1;
  return { name: `param${n}`, label: '', unit: '元', values: [{ from: today(), value: null }] };
}

/** The errors of parameter row `i` (named `name`), by column. */
function rowErrors(errors: readonly FieldError[], i: number, name: string) {
  const base = `parameters.${name}`;
  const pick = (pred: (path: string) => boolean) => errors.filter((e) => pred(e.path));
  return {
    name: pick((p) => p === `parameterRows.${i}.name` || (name !== '' && p === base)),
    label: pick((p) => p === `${base}.label`),
    unit: pick((p) => p === `${base}.unit`),
    values: pick((p) => p === `${base}.values` || p.startsWith(`${base}.values.`)),
  };
}

function ValuesCell({
  values,
  onChange,
  errorPaths,
  base,
}: {
  values: DraftParameterValue[];
  onChange: (next: DraftParameterValue[]) => void;
  errorPaths: readonly FieldError[];
  base: string;
}) {
  const { t } = useTranslation();
  const date = today();
  const inForce = [...values]
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.from && v.from <= date)
    .sort((a, b) => a.v.from.localeCompare(b.v.from))
    .at(-1)?.i;
  const has = (p: string) => errorPaths.some((e) => e.path === p || e.path.startsWith(`${p}.`));
  return (
    <div className="mtx-pol-param-values">
      {values.map((v, i) => (
        <div key={i} className="mtx-pol-param-value">
          <DatePicker
            size="small"
            value={v.from ? dayjs(v.from) : null}
            onChange={(d) => onChange(replaceAt(values, i, { ...v, from: d ? d.format('YYYY-MM-DD') : '' }))}
            status={has(`${base}.values.${i}.from`) ? 'error' : undefined}
            placeholder={t('policies.params.from')}
            aria-label={t('policies.params.from')}
            style={{ width: 122 }}
          />
          <InputNumber<number>
            size="small"
            value={v.value}
            onChange={(value) => onChange(replaceAt(values, i, { ...v, value }))}
            controls={false}
            status={has(`${base}.values.${i}.value`) ? 'error' : undefined}
            placeholder={t('policies.params.value')}
            aria-label={t('policies.params.value')}
            style={{ width: 90 }}
          />
          {i === inForce && (
            <Tooltip title={t('policies.params.inForceHint')}>
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {t('policies.params.inForce')}
              </Tag>
            </Tooltip>
          )}
          {values.length > 1 && (
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('policies.params.removeValue')}
              onClick={() => onChange(without(values, i))}
            />
          )}
        </div>
      ))}
      <Button
        size="small"
        type="link"
        icon={<PlusOutlined />}
        onClick={() => onChange([...values, { from: today(), value: values.at(-1)?.value ?? null }])}
        style={{ paddingInline: 0 }}
      >
        {t('policies.params.addValue')}
      </Button>
    </div>
  );
}

export function ParametersEditor({
  value,
  onChange,
  onRename,
}: {
  value: DraftParameter[];
  onChange: (next: DraftParameter[]) => void;
  /** A row's name changed: rename its uses too. */
  onRename: (index: number, to: string) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { errors } = useEditorContext();
  const rows = value.map((p, i) => ({ p, i }));
  return (
    <div className="mtx-pol-params">
      <Table
        rowKey="i"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 700 }}
        locale={{ emptyText: t('policies.params.none') }}
        columns={[
          {
            title: t('policies.params.name'),
            width: 120,
            render: (_, { p, i }) => {
              const e = rowErrors(errors, i, p.name);
              return (
                <>
                  <Input
                    size="small"
                    value={p.name}
                    onChange={(ev) => onRename(i, ev.target.value.trim())}
                    status={e.name.length ? 'error' : undefined}
                    className="mtx-mono"
                    aria-label={t('policies.params.name')}
                  />
                  <ErrorLines messages={e.name.map((x) => x.message)} />
                </>
              );
            },
          },
          {
            title: t('policies.params.label'),
            width: 150,
            render: (_, { p, i }) => {
              const e = rowErrors(errors, i, p.name);
              return (
                <>
                  <Input
                    size="small"
                    value={p.label}
                    maxLength={60}
                    onChange={(ev) => onChange(replaceAt(value, i, { ...p, label: ev.target.value }))}
                    status={e.label.length ? 'error' : undefined}
                    placeholder={t('policies.params.labelPlaceholder')}
                    aria-label={t('policies.params.label')}
                  />
                  <ErrorLines messages={e.label.map((x) => x.message)} />
                </>
              );
            },
          },
          {
            title: t('policies.params.unit'),
            width: 110,
            render: (_, { p, i }) => {
              const e = rowErrors(errors, i, p.name);
              return (
                <>
                  <AutoComplete
                    size="small"
                    value={p.unit}
                    onChange={(unit: string) => onChange(replaceAt(value, i, { ...p, unit }))}
                    options={commonUnits.map((u) => ({ value: u, label: unitText(u, lang) }))}
                    filterOption={(input, option) => !input || (option?.value ?? '').includes(input)}
                    status={e.unit.length ? 'error' : undefined}
                    style={{ width: '100%' }}
                    aria-label={t('policies.params.unit')}
                  />
                  <ErrorLines messages={e.unit.map((x) => x.message)} />
                </>
              );
            },
          },
          {
            title: t('policies.params.values'),
            render: (_, { p, i }) => {
              const e = rowErrors(errors, i, p.name);
              const base = `parameters.${p.name}`;
              return (
                <>
                  <ValuesCell
                    values={p.values}
                    onChange={(values) => onChange(replaceAt(value, i, { ...p, values }))}
                    errorPaths={e.values}
                    base={base}
                  />
                  <ErrorLines messages={e.values.map((x) => x.message)} />
                </>
              );
            },
          },
          {
            title: '',
            width: 48,
            render: (_, { i }) => (
              <Tooltip title={t('policies.params.remove')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('policies.params.remove')}
                  onClick={() => onChange(without(value, i))}
                />
              </Tooltip>
            ),
          },
        ]}
      />
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, newParameter(value)])}
        style={{ marginTop: 8 }}
      >
        {t('policies.params.add')}
      </Button>
    </div>
  );
}
