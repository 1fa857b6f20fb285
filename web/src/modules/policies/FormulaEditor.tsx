// The formula builder of 补贴金额: terms (常数 with a unit, 参数, 指标) and operations (相加 / 相乘 / 取小 / 取大 with any
// number of terms, 相减 / 相除 with two) that nest; each node shows its own errors.
import { AutoComplete, Button, InputNumber, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n.ts';
import {
  binaryKinds,
  changeExprKind,
  commonUnits,
  errorsAt,
  isBinary,
  isOp,
  naryKinds,
  newConst,
  ownErrors,
  type DraftExpr,
  type ExprKind,
} from './draft.ts';
import { useEditorContext } from './editorContext.ts';
import { MeasureFields } from './MeasureFields.tsx';
import { ErrorLines, RowButtons, type RowControls } from './RuleEditor.tsx';
import { unitText } from './words.ts';
import { replaceAt, swap, without } from './lists.ts';

function ExprNode({
  value: e,
  onChange,
  path,
  controls,
}: {
  value: DraftExpr;
  onChange: (next: DraftExpr) => void;
  path: string;
  controls: RowControls;
}) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { parameters, errors } = useEditorContext();
  const status = (key: string) =>
    errorsAt(errors, `${path}.${key}`).length ? ('error' as const) : undefined;
  const messages = ownErrors(errors, path, ['args']);
  const what = t(`policies.exprKind.${e.kind}`);
  const kindSelect = (
    <Select<ExprKind>
      size="small"
      value={e.kind}
      onChange={(kind) => onChange(changeExprKind(e, kind))}
      options={[
        {
          label: t('policies.editor.terms'),
          options: (['const', 'param', 'measure'] as const).map((k) => ({
            value: k,
            label: t(`policies.exprKind.${k}`),
          })),
        },
        {
          label: t('policies.editor.operations'),
          options: [...naryKinds, ...binaryKinds].map((k) => ({
            value: k,
            label: t(`policies.exprKind.${k}`),
          })),
        },
      ]}
      popupMatchSelectWidth={false}
      style={{ minWidth: 84 }}
      aria-label={t('policies.editor.exprKind')}
    />
  );

  if (isOp(e)) {
    const args = e.args;
    const binary = isBinary(e.kind);
    return (
      <div className={`mtx-pol-expr-op${messages.length ? ' mtx-pol-has-error' : ''}`} data-path={path}>
        <div className="mtx-pol-expr-head">
          {kindSelect}
          <span className="mtx-muted">{t(`policies.exprHint.${e.kind}`)}</span>
          <span className="mtx-pol-leaf-tail">
            <RowButtons controls={controls} what={what} />
          </span>
        </div>
        <div className="mtx-pol-expr-args">
          {args.map((a, i) => (
            <ExprNode
              key={i}
              value={a}
              onChange={(next) => onChange({ ...e, args: replaceAt(args, i, next) })}
              path={`${path}.args.${i}`}
              controls={
                binary
                  ? {}
                  : {
                      onUp: i > 0 ? () => onChange({ ...e, args: swap(args, i, i - 1) }) : undefined,
                      onDown:
                        i < args.length - 1
                          ? () => onChange({ ...e, args: swap(args, i, i + 1) })
                          : undefined,
                      onRemove:
                        args.length > 1 ? () => onChange({ ...e, args: without(args, i) }) : undefined,
                    }
              }
            />
          ))}
        </div>
        <ErrorLines messages={messages} />
        {!binary && (
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => onChange({ ...e, args: [...args, newConst()] })}
            style={{ marginTop: 4 }}
          >
            {t('policies.editor.addTerm')}
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className={`mtx-pol-expr-term${messages.length ? ' mtx-pol-has-error' : ''}`} data-path={path}>
      <div className="mtx-pol-leaf-main">
        {kindSelect}
        {e.kind === 'const' && (
          <>
            <InputNumber<number>
              size="small"
              value={e.value}
              onChange={(value) => onChange({ ...e, value })}
              controls={false}
              style={{ width: 110 }}
              status={status('value')}
              placeholder={t('policies.editor.value')}
              aria-label={t('policies.editor.value')}
            />
            <AutoComplete
              size="small"
              value={e.unit}
              onChange={(unit: string) => onChange({ ...e, unit })}
              options={commonUnits.map((u) => ({ value: u, label: unitText(u, lang) }))}
              placeholder={t('policies.editor.unitOptional')}
              style={{ width: 120 }}
              status={status('unit')}
              aria-label={t('policies.editor.unit')}
              filterOption={(input, option) => !input || (option?.value ?? '').includes(input)}
            />
          </>
        )}
        {e.kind === 'param' && (
          <Select<string>
            size="small"
            value={e.name || undefined}
            onChange={(name) => onChange({ ...e, name })}
            placeholder={t('policies.editor.pickParam')}
            options={parameters
              .filter((p) => p.name)
              .map((p) => ({ value: p.name, label: `${p.label || p.name}（${unitText(p.unit, lang)}）` }))}
            notFoundContent={t('policies.editor.noParams')}
            popupMatchSelectWidth={false}
            style={{ minWidth: 160 }}
            status={status('name')}
            aria-label={t('policies.editor.param')}
          />
        )}
        {e.kind === 'measure' && (
          <MeasureFields
            value={e.measure}
            onChange={(measure) => onChange({ ...e, measure })}
            path={`${path}.measure`}
          />
        )}
        <span className="mtx-pol-leaf-tail">
          <RowButtons controls={controls} what={what} />
        </span>
      </div>
      <ErrorLines messages={messages} />
    </div>
  );
}

export function FormulaEditor({
  value,
  onChange,
}: {
  value: DraftExpr;
  onChange: (next: DraftExpr) => void;
}) {
  return (
    <div className="mtx-pol-formula">
      <ExprNode value={value} onChange={onChange} path="benefit.formula" controls={{}} />
    </div>
  );
}
