// Every version of one month's report, newest first: who filed it and when, how, and the figures it held.
import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Report } from '@contracts/modules/reports/reports.contract.ts';
import { useSession } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { figureCell, figureKeys, isMoneyKey } from './figures.ts';
import { useReportAudit } from './reports.api.ts';
import { mayReadReportAudit } from './reports.access.ts';

export function ReportVersions({
  enterpriseId,
  period,
  versions,
}: {
  enterpriseId: string;
  period: string;
  versions: Report[];
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  // administrators may read the audit trail, which names whoever filed each version
  const audit = useReportAudit(enterpriseId, period, mayReadReportAudit(user));
  const actorOfVersion = new Map<number, string>();
  for (const entry of audit.data ?? []) {
    const after = entry.after as { version?: unknown } | null;
    if (after && typeof after.version === 'number') actorOfVersion.set(after.version, entry.actorLabel);
  }
  const who = (r: Report) => {
    const named = actorOfVersion.get(r.version);
    if (named) return named;
    if (r.submittedBy && r.submittedBy === user?.id) return t('reports.versions.you');
    return t(`reports.source.${r.source}`, { defaultValue: r.source });
  };

  const columns: ColumnsType<Report> = [
    {
      title: t('reports.versions.version'),
      dataIndex: 'version',
      width: 90,
      fixed: 'left',
      render: (v: number, r) => (
        <>
          {t('reports.versions.nth', { version: v })}
          {r.version === versions[0]?.version && (
            <Tag color="blue" style={{ marginInlineStart: 6 }}>
              {t('reports.versions.current')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('reports.versions.submittedAt'),
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string) => formatDateTime(v),
    },
    { title: t('reports.versions.by'), key: 'by', width: 120, render: (_, r) => who(r) },
    {
      title: t('reports.versions.source'),
      dataIndex: 'source',
      width: 90,
      render: (v: string) => <Tag>{t(`reports.source.${v}`, { defaultValue: v })}</Tag>,
    },
    ...figureKeys.map((key) => ({
      title: `${t(`reportFigures.label.${key}`)}${isMoneyKey(key) ? t('reports.unit.wanSuffix') : ''}`,
      dataIndex: key,
      width: isMoneyKey(key) ? 150 : 110,
      align: 'right' as const,
      render: (v: number, r: Report) => {
        const older = versions.find((o) => o.version === r.version - 1);
        const changed = older && older[key] !== v;
        return <span className={changed ? 'mtx-changed' : undefined}>{figureCell(key, v)}</span>;
      },
    })),
    {
      title: t('reports.versions.note'),
      dataIndex: 'note',
      width: 160,
      render: (v: string | null) => v || '—',
    },
  ];

  return (
    <Card
      title={<h2 className="mtx-card-heading">{t('reports.versions.title')}</h2>}
      extra={<span className="mtx-muted">{t('reports.versions.count', { count: versions.length })}</span>}
      styles={{ body: { padding: 0 } }}
    >
      <Table<Report>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={versions}
        columns={columns}
        scroll={{ x: 1460 }}
      />
    </Card>
  );
}
