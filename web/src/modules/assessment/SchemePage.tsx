// /assessment/scheme?year=: the plan office's scheme editor — the table of indicators (name, points, method and its
// parameters, what feeds it, which units it applies to); the example scheme (示例方案) generated from the plan.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { Indicator } from '@contracts/modules/assessment/assessment.contract.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { isApiError } from '../../app/api.ts';
import { useGenerateScheme, useSaveScheme, useScheme } from './assessment.api.ts';

const methodKinds = ['targetScoring', 'rankScoring', 'deduction', 'bonus'] as const;
const appliesTo = ['lead', 'responsible', 'departments', 'subdistricts', 'all'] as const;
const params = (m: Indicator['method']) => {
  const { kind: _k, ...rest } = m;
  return JSON.stringify(rest);
};

export function SchemePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const year = Number(search.get('year') ?? new Date().getFullYear());
  useDocumentTitle(t('assessment.scheme'));
  const scheme = useScheme(year);
  const save = useSaveScheme();
  const generate = useGenerateScheme();
  const [rows, setRows] = useState<Indicator[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setRows(scheme.data?.indicators ?? []), [scheme.data]);
  const set = (i: number, patch: Partial<Indicator>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? ({ ...r, ...patch } as Indicator) : r)));
  const err = (i: number, field: string) => errors[`indicators.${i}.${field}`];
  const onSave = () => {
    if (!scheme.data) return;
    setErrors({});
    save.mutate(
      {
        year,
        body: {
          title: scheme.data.title,
          example: scheme.data.example,
          reportDeadlineDay: scheme.data.reportDeadlineDay,
          indicators: rows,
        },
      },
      {
        onSuccess: () => message.success(t('assessment.saved')),
        onError: (e) => {
          if (isApiError(e)) setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
          message.error(e.message);
        },
      },
    );
  };
  return (
    <Page
      title={`${t('assessment.scheme')} · ${year}`}
      crumbs={[{ title: t('assessment.menu'), to: '/assessment' }, { title: t('assessment.scheme') }]}
      tags={scheme.data?.example ? <Tag color="blue">{t('assessment.example')}</Tag> : undefined}
      loading={scheme.isLoading}
      extra={
        scheme.data ? (
          <Button type="primary" loading={save.isPending} onClick={onSave}>
            {t('assessment.save')}
          </Button>
        ) : (
          <Button
            type="primary"
            loading={generate.isPending}
            onClick={() => generate.mutate(year, { onError: (e) => message.error(e.message) })}
          >
            {t('assessment.generate')}
          </Button>
        )
      }
    >
      {scheme.data === null && <Alert type="info" message={t('assessment.noSchemeHint', { year })} />}
      {scheme.data?.example && (
        <Alert type="info" message={t('assessment.exampleHint')} style={{ marginBottom: 16 }} />
      )}
      {scheme.data && (
        <Table
          rowKey="code"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1320 }}
          size="small"
          columns={[
            { title: t('assessment.field.code'), dataIndex: 'code', width: 150 },
            {
              title: t('assessment.field.indicator'),
              width: 300,
              render: (_, r, i) => (
                <Input value={r.name} onChange={(e) => set(i, { name: e.target.value })} />
              ),
            },
            {
              title: t('assessment.field.points'),
              width: 110,
              render: (_, r, i) => (
                <Space direction="vertical" size={0}>
                  <InputNumber
                    value={r.points}
                    status={err(i, 'points') ? 'error' : undefined}
                    onChange={(v) => set(i, { points: v ?? 0 })}
                  />
                  {err(i, 'points') && (
                    <span className="ant-form-item-explain-error">{err(i, 'points')}</span>
                  )}
                </Space>
              ),
            },
            {
              title: t('assessment.field.method'),
              width: 320,
              render: (_, r, i) => (
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Select
                    value={r.method.kind}
                    style={{ width: '100%' }}
                    options={methodKinds.map((k) => ({ value: k, label: t(`assessment.method.${k}`) }))}
                    onChange={(kind) =>
                      set(i, {
                        method: (kind === 'targetScoring'
                          ? { kind, below: 'proportional' }
                          : kind === 'rankScoring'
                            ? { kind }
                            : { kind, per: 1, cap: 5 }) as Indicator['method'],
                      })
                    }
                  />
                  <Input
                    defaultValue={params(r.method)}
                    key={`${r.code}-${r.method.kind}`}
                    onBlur={(e) => {
                      try {
                        set(i, { method: { ...JSON.parse(e.target.value), kind: r.method.kind } });
                      } catch {
                        message.error(t('assessment.badJson'));
                      }
                    }}
                  />
                  {Object.entries(errors)
                    .filter(([p]) => p.startsWith(`indicators.${i}.method`))
                    .map(([p, m]) => (
                      <span key={p} className="ant-form-item-explain-error">
                        {m}
                      </span>
                    ))}
                </Space>
              ),
            },
            {
              title: t('assessment.field.feed'),
              width: 200,
              render: (_, r) =>
                `${t(`assessment.feed.${r.feed.kind}`)}${
                  'targetCode' in r.feed
                    ? ` ${r.feed.targetCode}`
                    : 'taskNumber' in r.feed && r.feed.taskNumber
                      ? ` #${r.feed.taskNumber}`
                      : ''
                }`,
            },
            {
              title: t('assessment.field.appliesTo'),
              width: 140,
              render: (_, r, i) => (
                <Select
                  value={r.appliesTo}
                  style={{ width: '100%' }}
                  options={appliesTo.map((a) => ({ value: a, label: t(`assessment.appliesTo.${a}`) }))}
                  onChange={(a) => set(i, { appliesTo: a })}
                />
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
