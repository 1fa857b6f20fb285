// The 月度填报 tab of an enterprise: its monthly reports (current versions, newest first) and a button to file the
// last closed month.
import { Alert, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Enterprise } from '@contracts/modules/enterprises/enterprises.contract.ts';
import type { Report } from '@contracts/modules/reports/reports.contract.ts';
import { useSession } from '../../app/session.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { figureCell } from './figures.ts';
import { lastClosedPeriod } from './periods.ts';
import { mayFileReport } from './reports.access.ts';
import { useReportHistory, useReportMonth } from './reports.api.ts';
import './reports.css';

type Row = Report & { versions: number };

export function ReportHistory({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const history = useReportHistory(enterprise.id);
  const mobile = useIsMobile();
  const canFile = mayFileReport(user, enterprise);
  const period = lastClosedPeriod();
  // the month's deadline is the district's setting: read it from the server rather than assume the 10th
  const lastMonth = useReportMonth(enterprise.id, period);
  const formOf = (p: string) => `/enterprises/${enterprise.id}/reports/${p}`;
  // still in the district in the last closed month (a departed enterprise files nothing new)
  const expected =
    enterprise.settledOn.slice(0, 7) <= period &&
    (!enterprise.leftOn || enterprise.leftOn.slice(0, 7) >= period);

  const columns: ColumnsType<Row> = [
    {
      title: t('reports.history.month'),
      dataIndex: 'period',
      width: 100,
      fixed: 'left',
      render: (p: string) => <Link to={formOf(p)}>{p}</Link>,
    },
    {
      title: t('reportFigures.label.employees'),
      dataIndex: 'employees',
      align: 'right',
      width: 90,
      render: (v: number) => figureCell('employees', v),
    },
    {
      title: t('reportFigures.label.coreTalents'),
      dataIndex: 'coreTalents',
      align: 'right',
      width: 110,
      render: (v: number) => figureCell('coreTalents', v),
    },
    {
      title: `${t('reportFigures.label.operatingRevenue')}${t('reports.unit.wanSuffix')}`,
      dataIndex: 'operatingRevenue',
      align: 'right',
      width: 130,
      render: (v: number) => figureCell('operatingRevenue', v),
    },
    {
      title: `${t('reportFigures.label.softwareRevenue')}${t('reports.unit.wanSuffix')}`,
      dataIndex: 'softwareRevenue',
      align: 'right',
      width: 150,
      render: (v: number) => figureCell('softwareRevenue', v),
    },
    {
      title: `${t('reportFigures.label.rdExpense')}${t('reports.unit.wanSuffix')}`,
      dataIndex: 'rdExpense',
      align: 'right',
      width: 130,
      render: (v: number) => figureCell('rdExpense', v),
    },
    {
      title: t('reports.history.versions'),
      key: 'versions',
      align: 'right',
      width: 70,
      // the current version's number is the count of versions (they are numbered 1, 2, …)
      render: (_, r) => (r.version > 1 ? <Tag color="orange">{r.version}</Tag> : r.version),
    },
    {
      title: t('reports.history.timeliness'),
      dataIndex: 'onTime',
      width: 90,
      render: (v: boolean) =>
        v ? <Tag color="green">{t('reports.onTime')}</Tag> : <Tag color="red">{t('reports.late')}</Tag>,
    },
    {
      title: t('reports.history.submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
  ];
  // on a phone the month itself is the link; a fixed action column would leave no room for figures
  if (!mobile)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, r) => (
        <Link to={formOf(r.period)}>
          {canFile ? t('reports.history.correct') : t('reports.history.view')}
        </Link>
      ),
    });

  return (
    <QueryState query={history}>
      {(items) => {
        const filedLast = items.some((r) => r.period === period);
        return (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {canFile && expected && !filedLast && lastMonth.data && (
              <Alert
                type="warning"
                showIcon
                message={t('reports.history.due', { period, deadline: lastMonth.data.deadline })}
                action={
                  <LinkButton to={formOf(period)} type="primary" size="small" icon={<FormOutlined />}>
                    {t('reports.history.fileNow')}
                  </LinkButton>
                }
              />
            )}
            <Card
              title={<h2 className="mtx-card-heading">{t('reports.history.title')}</h2>}
              extra={
                canFile && expected ? (
                  <LinkButton
                    to={formOf(period)}
                    type={filedLast ? 'default' : 'primary'}
                    icon={filedLast ? <EditOutlined /> : <FormOutlined />}
                  >
                    {filedLast
                      ? t('reports.history.correctPeriod', { period })
                      : t('reports.history.filePeriod', { period })}
                  </LinkButton>
                ) : undefined
              }
              styles={{ body: { padding: 0 } }}
            >
              <Table<Row>
                rowKey="id"
                size="small"
                dataSource={items}
                columns={columns}
                scroll={{ x: 1100 }}
                pagination={items.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
                locale={{ emptyText: t('reports.history.empty') }}
              />
            </Card>
          </Space>
        );
      }}
    </QueryState>
  );
}
