// /enterprises/:id/reports/:period (and …/new → the last closed month) — one month's report: the catalogue's
// figures beside last period's values and the change, checked with the contract's schema, implausible jumps flagged
// by the server (yellow, never blocking), the outcome after saving, and every earlier version of the month.
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { ProForm, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Result,
  Segmented,
  Space,
  Tag,
  Typography,
} from 'antd';
import { ExclamationCircleOutlined, HistoryOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import type { z } from 'zod';
import {
  type Report,
  type ReportBody,
  type reportDetailSchema,
  type warningSchema,
} from '@contracts/modules/reports/reports.contract.ts';
import type { Enterprise } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { currentPeriod, isPeriod } from '@contracts/platform/time/period.ts';
import { today as todayInShanghai } from '@contracts/platform/time/date.ts';
import { ApiError } from '../../app/api.ts';
import { errorText, formPath, setFieldErrors, type FieldIssue } from '../../app/errors.ts';
import { useSession } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useBuildings, useEnterprise } from '../enterprises/enterprises.api.ts';
import { figureKeys, figureKind, figureText, figureUnit, isMoneyKey, type FigureKey } from './figures.ts';
import { convertText, moneyUnitOptions, textToYuan, type MoneyUnit } from './money.ts';
import { dayjsToPeriod, lastClosedPeriod, periodToDayjs, type Period } from './periods.ts';
import { mayFileReport } from './reports.access.ts';
import { checkReport, useReportMonth, useSaveReport } from './reports.api.ts';
import { ReportVersions } from './ReportVersions.tsx';
import { formKeys, fromReport, toBody, type FormValues } from './reportFormValues.ts';
import './reports.css';
import { actsForEnterprise } from '../../app/access.ts';

type Detail = z.infer<typeof reportDetailSchema>;
type Warning = z.infer<typeof warningSchema>;
type Saved = { outcome: 'created' | 'revised' | 'unchanged'; version: number; warnings: Warning[] };

/** Last period's value and the change against what is typed now. */
function Comparison({
  figure,
  previous,
  current,
  unit,
  warning,
}: {
  figure: FigureKey;
  previous: Report | null;
  current: number | null;
  unit: MoneyUnit;
  warning: Warning | undefined;
}) {
  const { t, i18n } = useTranslation();
  const prev = previous ? previous[figure] : null;
  let change: ReactNode = <span className="mtx-muted">—</span>;
  if (prev !== null && current !== null) {
    const delta = figureKind[figure] === 'area' ? Math.round((current - prev) * 100) / 100 : current - prev;
    const pct = prev > 0 ? Math.round((delta / prev) * 1000) / 10 : null;
    const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
    change = (
      <span className={delta > 0 ? 'mtx-up' : delta < 0 ? 'mtx-down' : 'mtx-muted'}>
        {sign}
        {figureText(figure, Math.abs(delta), unit)}
        {pct !== null && delta !== 0 && ` (${delta > 0 ? '+' : '−'}${Math.abs(pct)}%)`}
      </span>
    );
  }
  return (
    <div className="mtx-figure-compare" aria-live="polite">
      <span>
        <span className="mtx-muted">{t('reports.form.previousShort')}</span>{' '}
        {prev === null ? (
          <span className="mtx-muted">{t('reports.form.noPrevious')}</span>
        ) : (
          <>
            {figureText(figure, prev, unit)} {figureUnit(t, figure, unit)}
          </>
        )}
      </span>
      <span>
        <span className="mtx-muted">{t('reports.form.change')}</span> {change}
      </span>
      {warning && (
        <Typography.Text type="warning" className="mtx-figure-warning">
          <ExclamationCircleOutlined />{' '}
          {i18n.language === 'en-US'
            ? t('reports.form.warningText', { label: t(`reportFigures.label.${figure}`) })
            : warning.message}
        </Typography.Text>
      )}
    </div>
  );
}

function ReportForm({
  enterprise,
  detail,
  period,
  canFile,
}: {
  enterprise: Enterprise;
  detail: Detail;
  period: Period;
  canFile: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [form] = Form.useForm<FormValues>();
  const [unit, setUnit] = useState<MoneyUnit>('万元');
  const [warnings, setWarnings] = useState<Warning[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [checking, setChecking] = useState(false);
  const lastChecked = useRef<string>('');
  const save = useSaveReport(enterprise.id);
  const buildings = useBuildings(enterprise.subdistrict.id);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const { current, previous } = detail;
  const notEnded = period >= currentPeriod(new Date());

  const initialValues = useMemo(
    () => fromReport(current, '万元', previous?.buildingId ?? enterprise.building?.id ?? null),
    // the form is filled once per month; later refetches must not overwrite what the user typed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const typed = (key: FigureKey): number | null => {
    const raw = values?.[key];
    if (raw === undefined || raw === null || raw === '') return null;
    if (isMoneyKey(key)) return textToYuan(String(raw), unit);
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  };

  const checkedWarnings = useRef<Warning[]>([]);
  /** The jump check for these figures (once per distinct body); what it found, or null when it could not run. */
  const runCheck = useCallback(
    async (body: ReportBody): Promise<Warning[] | null> => {
      const { note: _note, ...figures } = body; // the note does not change what moved
      const key = JSON.stringify(figures);
      if (key === lastChecked.current) return checkedWarnings.current;
      lastChecked.current = key;
      setChecking(true);
      try {
        const found = (await checkReport(enterprise.id, body)).warnings;
        checkedWarnings.current = found;
        setWarnings(found);
        return found;
      } catch {
        // the check is advice only; saving reports real errors
        lastChecked.current = '';
        return null;
      } finally {
        setChecking(false);
      }
    },
    [enterprise.id],
  );

  const onBlur = () => {
    if (!canFile) return;
    const { body } = toBody(form.getFieldsValue(true) as FormValues, unit, period, t);
    if (body) void runCheck(body);
  };

  const changeUnit = (next: MoneyUnit) => {
    const v = form.getFieldsValue(true) as FormValues;
    const patch: Partial<FormValues> = {};
    for (const key of figureKeys) {
      if (isMoneyKey(key))
        (patch as Record<string, unknown>)[key] = convertText(v[key] as string, unit, next);
    }
    form.setFieldsValue(patch);
    setUnit(next);
  };

  /** Fields showing an error are checked again as the user types, so a fixed value loses its red at once. */
  const revalidate = () => {
    const flagged = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => String(f.name[0]));
    if (!flagged.length) return;
    const { issues } = toBody(form.getFieldsValue(true) as FormValues, unit, period, t);
    form.setFields(
      flagged.map((key) => ({
        name: key as keyof FormValues,
        errors: issues.filter((i) => String(i.path[0]) === key).map((i) => i.message),
      })),
    );
  };

  const showIssues = (issues: FieldIssue[]) => {
    const onForm = issues.filter((i) => i.path.length > 0 && formKeys.has(String(i.path[0])));
    const elsewhere = issues.filter((i) => !onForm.includes(i));
    setFieldErrors(form, onForm);
    if (onForm[0]) form.scrollToField(onForm[0].path, { block: 'center' });
    return elsewhere;
  };

  const onFinish = async (): Promise<boolean> => {
    setFormError(null);
    setSaved(null);
    const { body, issues } = toBody(form.getFieldsValue(true) as FormValues, unit, period, t);
    if (!body) {
      const rest = showIssues(issues);
      if (rest.length) setFormError(rest.map((i) => i.message).join('；'));
      void message.error(t('reports.form.fixErrors'));
      return false;
    }
    // A figure that moved a lot is filed with its reason in the same step: the note is asked for here, beside
    // the flagged figures, rather than after a second click (the server refuses a bare save too).
    const found = await runCheck(body);
    if (found?.length && !body.note) {
      form.setFields([{ name: 'note', errors: [t('reports.form.reasonRequired')] }]);
      form.scrollToField('note', { block: 'center' });
      void message.warning(t('reports.form.reasonRequired'));
      return false;
    }
    try {
      const result = await save.mutateAsync(body);
      setWarnings(result.warnings);
      setSaved({ outcome: result.outcome, version: result.report.version, warnings: result.warnings });
      void message.success(t(`reports.outcome.${result.outcome}`, { version: result.report.version }));
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return true;
    } catch (e) {
      const text = errorText(t, e, i18n.language);
      if (e instanceof ApiError && e.fields.length > 0) {
        const rest = showIssues(e.fields.map((f) => ({ path: formPath(f.path), message: f.message })));
        setFormError(rest.length ? `${text}：${rest.map((f) => f.message).join('；')}` : text);
      } else setFormError(text);
      void message.error(text);
      return false;
    }
  };

  const warningOf = (key: FigureKey) => warnings.find((w) => w.path === key);
  const back = `/enterprises/${enterprise.id}?tab=reports`;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {saved && (
        <Alert
          type={saved.outcome === 'unchanged' ? 'info' : 'success'}
          showIcon
          role="status"
          message={t(`reports.outcome.${saved.outcome}`, { version: saved.version })}
          description={
            saved.outcome === 'revised' ? t('reports.outcome.revisedHelp') : t('reports.outcome.savedHelp')
          }
          closable
          onClose={() => setSaved(null)}
        />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('reports.form.warningsTitle')}
          action={
            canFile ? (
              <Button size="small" onClick={() => form.scrollToField('note', { block: 'center' })}>
                {t('reports.form.writeReason')}
              </Button>
            ) : undefined
          }
          description={
            <ul className="mtx-warning-list">
              {warnings.map((w) => (
                <li key={w.path}>
                  {i18n.language === 'en-US'
                    ? t('reports.form.warningText', { label: t(`reportFigures.label.${w.path}`) })
                    : w.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {current && canFile && (
        <Alert
          type="info"
          showIcon
          icon={<HistoryOutlined />}
          message={t('reports.form.alreadyFiled', {
            version: current.version,
            at: formatDateTime(current.submittedAt),
          })}
          description={t('reports.form.correctionNote', { next: current.version + 1 })}
        />
      )}
      {notEnded && <Alert type="warning" showIcon message={t('reports.form.notEnded')} />}
      {!canFile && (
        <Alert
          type="info"
          showIcon
          message={current ? t('reports.form.readOnly') : t('reports.form.readOnlyEmpty')}
        />
      )}
      {formError && <Alert type="error" showIcon role="alert" message={formError} />}
      <Card>
        <ProForm<FormValues>
          form={form}
          layout={mobile ? 'vertical' : 'horizontal'}
          labelCol={mobile ? undefined : { flex: '150px' }}
          labelWrap
          initialValues={initialValues}
          onFinish={onFinish}
          disabled={!canFile}
          onValuesChange={() => {
            if (formError) setFormError(null);
            revalidate();
          }}
          submitter={
            canFile
              ? {
                  searchConfig: {
                    submitText: current ? t('reports.form.submitCorrection') : t('reports.form.submit'),
                    resetText: t('common.cancel'),
                  },
                  onReset: () => navigate(back),
                  submitButtonProps: { loading: save.isPending, disabled: notEnded },
                  render: (_, dom) => <div className="mtx-report-submit">{dom}</div>,
                }
              : false
          }
        >
          <Form.Item label={t('reports.form.moneyUnit')} tooltip={t('reports.form.moneyUnitHelp')}>
            <Segmented<MoneyUnit>
              value={unit}
              onChange={changeUnit}
              options={moneyUnitOptions.map((u) => ({
                value: u,
                label: t(`reports.unit.${u === '万元' ? 'wan' : 'yuan'}`),
              }))}
              disabled={!canFile}
            />
            {previous && (
              <Typography.Text type="secondary" className="mtx-report-previous-note">
                {t('reports.form.previousFrom', { period: previous.period })}
              </Typography.Text>
            )}
          </Form.Item>
          {figureKeys.map((key) => {
            const kind = figureKind[key];
            const warn = warningOf(key);
            const suffix = figureUnit(t, key, unit);
            return (
              <Form.Item
                key={key}
                label={t(`reportFigures.label.${key}`)}
                required
                tooltip={t(`reportFigures.help.${key}`)}
                className="mtx-figure"
              >
                <div className="mtx-figure-row">
                  <div className="mtx-figure-input">
                    <Form.Item name={key} noStyle>
                      {kind === 'money' ? (
                        <Input
                          inputMode="decimal"
                          autoComplete="off"
                          addonAfter={suffix}
                          status={warn ? 'warning' : undefined}
                          placeholder={unit === '万元' ? '0.0000' : '0'}
                          aria-label={t('reports.form.fieldAria', {
                            label: t(`reportFigures.label.${key}`),
                            unit: suffix,
                          })}
                          onBlur={onBlur}
                        />
                      ) : (
                        // No min or precision: the control would quietly turn -3 into 0 or 2.5 into 3; the
                        // form's check refuses them with a reason instead (不能为负数, 须为整数).
                        <InputNumber<number>
                          style={{ width: '100%' }}
                          addonAfter={suffix}
                          status={warn ? 'warning' : undefined}
                          placeholder="0"
                          aria-label={t('reports.form.fieldAria', {
                            label: t(`reportFigures.label.${key}`),
                            unit: suffix,
                          })}
                          onBlur={onBlur}
                        />
                      )}
                    </Form.Item>
                  </div>
                  <Comparison
                    figure={key}
                    previous={previous}
                    current={typed(key)}
                    unit={unit}
                    warning={warn}
                  />
                </div>
              </Form.Item>
            );
          })}
          <ProFormSelect
            name="buildingId"
            label={t('reports.form.building')}
            fieldProps={{
              showSearch: true,
              optionFilterProp: 'label',
              allowClear: true,
              loading: buildings.isPending,
              style: { maxWidth: 360 },
            }}
            placeholder={canFile ? t('reports.form.buildingPlaceholder') : ''}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
          <ProFormTextArea
            name="note"
            label={warnings.length && canFile ? t('reports.form.noteReason') : t('reports.form.note')}
            rules={[
              {
                required: warnings.length > 0 && canFile,
                whitespace: true,
                message: t('reports.form.reasonRequired'),
              },
            ]}
            placeholder={
              !canFile
                ? ''
                : warnings.length
                  ? t('reports.form.notePlaceholderReason')
                  : current
                    ? t('reports.form.notePlaceholderCorrection')
                    : t('reports.form.notePlaceholder')
            }
            fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 2, maxRows: 5 } }}
          />
          {checking && (
            <Typography.Text type="secondary" className="mtx-report-checking">
              {t('reports.form.checking')}
            </Typography.Text>
          )}
        </ProForm>
      </Card>
    </Space>
  );
}

function ReportMonth({ enterprise, period }: { enterprise: Enterprise; period: Period }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useSession();
  const detail = useReportMonth(enterprise.id, period);
  const canFile = mayFileReport(user, enterprise);
  const isOwn = actsForEnterprise(user);
  const title = t('reports.form.title', { period });
  useDocumentTitle(`${title} · ${enterprise.name}`);
  const deadline = detail.data?.period === period ? detail.data.deadline : null;
  const filed = detail.data?.period === period && !!detail.data.current;
  const today = todayInShanghai(new Date());
  const firstMonth = enterprise.settledOn.slice(0, 7);
  const lastMonth = enterprise.leftOn ? enterprise.leftOn.slice(0, 7) : lastClosedPeriod();

  return (
    <Page
      title={title}
      subTitle={enterprise.name}
      tags={
        deadline ? (
          <>
            <Tag color={filed ? 'green' : deadline < today ? 'red' : 'blue'}>
              {filed
                ? t('reports.status.filed')
                : deadline < today
                  ? t('reports.status.overdue')
                  : t('reports.status.open')}
            </Tag>
            <Tag>{t('reports.deadline', { date: deadline })}</Tag>
          </>
        ) : undefined
      }
      crumbs={
        isOwn
          ? [{ title: t('nav.myEnterprise'), to: `/enterprises/${enterprise.id}` }, { title }]
          : [
              { title: t('nav.enterprises'), to: '/enterprises' },
              { title: enterprise.name, to: `/enterprises/${enterprise.id}?tab=reports` },
              { title },
            ]
      }
      extra={
        <Space wrap>
          <span className="mtx-muted">{t('reports.form.month')}</span>
          <DatePicker
            picker="month"
            allowClear={false}
            value={periodToDayjs(period)}
            aria-label={t('reports.form.month')}
            disabledDate={(d) => {
              const p = dayjsToPeriod(d);
              return p > lastMonth || p < firstMonth;
            }}
            onChange={(d) => d && navigate(`/enterprises/${enterprise.id}/reports/${dayjsToPeriod(d)}`)}
          />
        </Space>
      }
    >
      <QueryState query={detail}>
        {(d) =>
          d.period !== period ? null : (
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <ReportForm key={period} enterprise={enterprise} detail={d} period={period} canFile={canFile} />
              {d.versions.length > 0 && (
                <ReportVersions enterpriseId={enterprise.id} period={period} versions={d.versions} />
              )}
            </Space>
          )
        }
      </QueryState>
    </Page>
  );
}

export function ReportFormPage() {
  const { t } = useTranslation();
  const { id, period } = useParams();
  const enterprise = useEnterprise(id);
  if (!period || period === 'new') {
    return <Navigate to={`/enterprises/${id ?? ''}/reports/${lastClosedPeriod()}`} replace />;
  }
  if (!isPeriod(period)) {
    return <Result status="404" title={t('common.notFound')} subTitle={t('reports.form.badPeriod')} />;
  }
  return <QueryState query={enterprise}>{(e) => <ReportMonth enterprise={e} period={period} />}</QueryState>;
}
