// /monitoring/reporting — who has reported a month: the district's reporting and on-time rates, each subdistrict
// (worst first), and the enterprises still missing with whom to call.
import { useRef } from 'react';
import { ProTable, type ActionType, type ProColumns, type ProFormInstance } from '@ant-design/pro-components';
import {
  Card,
  Col,
  DatePicker,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../app/session.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { useUnits } from '../units/units.api.ts';
import { PhoneReveal } from '../enterprises/PhoneReveal.tsx';
import { dayjsToPeriod, isFutureMonth, lastClosedPeriod, periodOr, periodToDayjs } from './periods.ts';
import { mayImportReports } from './reports.access.ts';
import { fetchMissing, useCoverage, type Coverage, type MissingItem } from './reports.api.ts';
import './reports.css';
import { confinedToSubdistrict } from '../../app/access.ts';
import { today } from '@contracts/platform/time/date.ts';

type SubdistrictRow = Coverage['subdistricts'][number] & { rate: number; onTimeRate: number };

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : 1);
const pct = (r: number) => Math.round(r * 1000) / 10;
const rateColour = (r: number) => (r >= 0.9 ? '#389e0d' : r >= 0.75 ? '#d48806' : '#cf1322');

function RateBar({ value, label }: { value: number; label: string }) {
  return (
    <div className="mtx-rate-cell">
      <Progress
        percent={pct(value)}
        size="small"
        strokeColor={rateColour(value)}
        format={(p) => `${p}%`}
        aria-label={label}
      />
    </div>
  );
}

function Overview({
  coverage,
  onPickSubdistrict,
}: {
  coverage: Coverage;
  onPickSubdistrict: (id: string) => void;
}) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const d = coverage.district;
  const rate = ratio(d.reported, d.expected);
  const onTimeRate = ratio(d.onTime, d.expected);
  // Until the deadline has ended, firms are still filing: low rates are not yet lateness, so nothing shows in red.
  const open = today(new Date()) <= coverage.deadline;
  const colour = (r: number) => (open ? undefined : rateColour(r));
  const rows: SubdistrictRow[] = coverage.subdistricts
    .map((s) => ({ ...s, rate: ratio(s.reported, s.expected), onTimeRate: ratio(s.onTime, s.expected) }))
    .sort((a, b) => a.rate - b.rate || b.expected - a.expected);

  const columns: ColumnsType<SubdistrictRow> = [
    {
      title: t('reports.status.subdistrict'),
      key: 'name',
      fixed: 'left',
      width: 110,
      render: (_, r) => <Link to={`/units/${r.subdistrict.id}`}>{r.subdistrict.name}</Link>,
    },
    {
      title: t('reports.status.expected'),
      dataIndex: 'expected',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.expected - b.expected,
    },
    {
      title: t('reports.status.reported'),
      dataIndex: 'reported',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.reported - b.reported,
    },
    {
      title: t('reports.status.rate'),
      dataIndex: 'rate',
      width: 180,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.rate - b.rate,
      render: (v: number) => <RateBar value={v} label={t('reports.status.rate')} />,
    },
    {
      title: t('reports.status.onTime'),
      dataIndex: 'onTime',
      align: 'right',
      width: 80,
      sorter: (a, b) => a.onTime - b.onTime,
    },
    {
      title: t('reports.status.onTimeRate'),
      dataIndex: 'onTimeRate',
      width: 180,
      sorter: (a, b) => a.onTimeRate - b.onTimeRate,
      render: (v: number) => <RateBar value={v} label={t('reports.status.onTimeRate')} />,
    },
    {
      title: t('reports.status.missingCount'),
      key: 'missing',
      align: 'right',
      width: 100,
      render: (_, r) =>
        r.expected - r.reported > 0 ? (
          <Typography.Link onClick={() => onPickSubdistrict(r.subdistrict.id)}>
            {t('reports.status.missingN', { count: r.expected - r.reported })}
          </Typography.Link>
        ) : (
          <Tag color="green">{t('reports.status.complete')}</Tag>
        ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size={mobile ? 'small' : 'default'}>
            <Statistic
              title={t('reports.status.rate')}
              value={pct(rate)}
              suffix="%"
              valueStyle={{ color: colour(rate) }}
            />
            <Typography.Text type="secondary">
              {t('reports.status.reportedOf', { reported: d.reported, expected: d.expected })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size={mobile ? 'small' : 'default'}>
            <Statistic
              title={
                <Tooltip title={t('reports.status.onTimeRateHelp', { deadline: coverage.deadline })}>
                  <span>{t('reports.status.onTimeRate')}</span>
                </Tooltip>
              }
              value={pct(onTimeRate)}
              suffix="%"
              valueStyle={{ color: colour(onTimeRate) }}
            />
            <Typography.Text type="secondary">
              {open
                ? t('reports.status.stillOpen', { deadline: coverage.deadline })
                : t('reports.status.onTimeOf', { onTime: d.onTime, expected: d.expected })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size={mobile ? 'small' : 'default'}>
            <Statistic title={t('reports.status.missing')} value={d.expected - d.reported} />
            <Typography.Text type="secondary">{t('reports.status.enterprises')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size={mobile ? 'small' : 'default'}>
            <Statistic title={t('reports.status.deadline')} value={coverage.deadline} />
            <Typography.Text type="secondary">
              {t('reports.status.period', { period: coverage.period })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      {rows.length > 1 && (
        <Card
          title={<h2 className="mtx-card-heading">{t('reports.status.bySubdistrict')}</h2>}
          styles={{ body: { padding: 0 } }}
        >
          <Table<SubdistrictRow>
            rowKey={(r) => r.subdistrict.id}
            size="small"
            pagination={false}
            dataSource={rows}
            columns={columns}
            scroll={{ x: 800 }}
          />
        </Card>
      )}
    </Space>
  );
}

export function ReportingPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const period = periodOr(params.get('period'), lastClosedPeriod());
  const coverage = useCoverage(period);
  const subdistricts = useUnits('subdistrict');
  const formRef = useRef<ProFormInstance>(undefined);
  const actionRef = useRef<ActionType>(undefined);
  const missingRef = useRef<HTMLDivElement>(null);
  const mayFile = mayImportReports(user);
  useDocumentTitle(t('reports.menu.status'));

  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };

  const pickSubdistrict = (id: string) => {
    formRef.current?.setFieldsValue({ subdistrictId: id });
    formRef.current?.submit();
    missingRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  const columns: ProColumns<MissingItem>[] = [
    {
      title: t('reports.missing.name'),
      dataIndex: 'name',
      hideInSearch: true,
      fixed: 'left',
      width: 200,
      render: (_, r) => <Link to={`/enterprises/${r.id}?tab=reports`}>{r.name}</Link>,
    },
    { title: t('reports.missing.uscc'), dataIndex: 'uscc', hideInSearch: true, width: 190, copyable: true },
    {
      title: t('reports.status.subdistrict'),
      dataIndex: 'subdistrictId',
      valueType: 'select',
      width: 110,
      hideInSearch: confinedToSubdistrict(user),
      fieldProps: {
        showSearch: true,
        optionFilterProp: 'label',
        loading: subdistricts.isPending,
        options: (subdistricts.data ?? []).map((s) => ({ value: s.id, label: s.name })),
      },
      render: (_, r) => r.subdistrict.name,
    },
    {
      title: t('reports.missing.contactPerson'),
      dataIndex: 'contactPerson',
      hideInSearch: true,
      width: 100,
      render: (_, r) => r.contactPerson || '—',
    },
    {
      title: t('reports.missing.contactPhone'),
      dataIndex: 'contactPhone',
      hideInSearch: true,
      width: 160,
      render: (_, r) => <PhoneReveal enterpriseId={r.id} phone={r.contactPhone} />,
    },
    {
      title: t('reports.missing.lastReported'),
      dataIndex: 'lastReported',
      hideInSearch: true,
      width: 110,
      render: (_, r) => r.lastReported ?? <Tag color="red">{t('reports.missing.never')}</Tag>,
    },
    ...(mayFile
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            hideInSearch: true,
            width: 90,
            render: (_: unknown, r: MissingItem) => (
              <Link to={`/enterprises/${r.id}/reports/${period}`}>{t('reports.missing.fileFor')}</Link>
            ),
          } satisfies ProColumns<MissingItem>,
        ]
      : []),
  ];

  return (
    <Page
      title={t('reports.menu.status')}
      subTitle={t('reports.status.subtitle')}
      extra={
        <Space wrap>
          <span className="mtx-muted">{t('reports.status.month')}</span>
          <DatePicker
            picker="month"
            allowClear={false}
            value={periodToDayjs(period)}
            aria-label={t('reports.status.month')}
            disabledDate={(d) => isFutureMonth(d)}
            onChange={(d) => d && setPeriod(dayjsToPeriod(d))}
          />
          {mayImportReports(user) && (
            <LinkButton to={`/reports/import?period=${period}`} icon={<UploadOutlined />}>
              {t('reports.import.title')}
            </LinkButton>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <QueryState query={coverage}>
          {(c) => <Overview coverage={c} onPickSubdistrict={pickSubdistrict} />}
        </QueryState>
        <div ref={missingRef}>
          <ProTable<MissingItem, { period: string; subdistrictId?: string }>
            headerTitle={<h2 className="mtx-card-heading">{t('reports.missing.title', { period })}</h2>}
            rowKey="id"
            size="small"
            columns={columns}
            formRef={formRef}
            actionRef={actionRef}
            params={{ period }}
            request={async (p) => {
              const page = await fetchMissing(
                p.period,
                p.subdistrictId || undefined,
                p.current ?? 1,
                p.pageSize ?? 20,
              );
              return { data: page.items, total: page.total, success: true };
            }}
            // a subdistrict user sees only its own enterprises: nothing to filter by
            search={confinedToSubdistrict(user) ? false : { labelWidth: 'auto', defaultCollapsed: false }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true }}
            options={{ reload: true, density: false, setting: false }}
            scroll={{ x: 960 }}
            locale={{ emptyText: t('reports.missing.empty') }}
            toolBarRender={() => [
              <ExportButton
                key="export"
                path="/reports/missing/export"
                query={{
                  period,
                  subdistrictId:
                    (formRef.current?.getFieldValue('subdistrictId') as string | undefined) || undefined,
                }}
                fileName={`未报送企业-${period}.xlsx`}
              />,
            ]}
          />
        </div>
      </Space>
    </Page>
  );
}
