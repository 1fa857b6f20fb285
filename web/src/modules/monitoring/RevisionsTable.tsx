// What each month's figure was when first published and what stands now; revised months are highlighted.
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetDetail } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatMeasure } from '../../components/charts/measure.ts';

type Row = TargetDetail['revisions'][number];

/** A month was revised when it was published more than once or its figure moved since. */
const revised = (r: Row) => r.revisions > 1 || r.first !== r.current;

export function RevisionsTable({ detail }: { detail: TargetDetail }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const unit = detail.target.unit;
  const rows = [...detail.revisions].sort((a, b) => b.month.localeCompare(a.month));
  const count = rows.filter(revised).length;
  return (
    <Card
      className="mtx-mon-block"
      title={<h2 className="mtx-card-heading">{t('monitoring.revisionsTitle')}</h2>}
      extra={
        <span className="mtx-muted">
          {count > 0 ? t('monitoring.revisedMonths', { count }) : t('monitoring.noRevisions')}
        </span>
      }
    >
      <Table<Row>
        rowKey="month"
        size="small"
        dataSource={rows}
        pagination={rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
        rowClassName={(r) => (revised(r) ? 'mtx-mon-revised' : '')}

        columns={[
          {
            title: t('monitoring.month'),
            dataIndex: 'month',
            width: 150,
            render: (_, r) => (
              <span>
                {r.month}{' '}
                {revised(r) && (
                  <Tag color="gold" style={{ marginInlineStart: 4 }}>
                    {t('monitoring.revised')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('monitoring.firstPublished'),
            dataIndex: 'first',
            align: 'right',
            render: (_, r) => formatMeasure(r.first, unit, lang),
          },
          {
            title: t('monitoring.currentValue'),
            dataIndex: 'current',
            align: 'right',
            render: (_, r) => formatMeasure(r.current, unit, lang),
          },
          {
            title: t('monitoring.change'),
            key: 'change',
            align: 'right',
            responsive: ['sm'],
            render: (_, r) =>
              r.first === null || r.current === null || r.first === r.current ? (
                <span className="mtx-muted">—</span>
              ) : (
                <span className={r.current < r.first ? 'mtx-mon-negative' : 'mtx-mon-positive'}>
                  {formatMeasure(r.current - r.first, unit, lang, { signed: true })}
                </span>
              ),
          },
          {
            title: t('monitoring.revisionCount'),
            dataIndex: 'revisions',
            align: 'right',
            width: 96,
            responsive: ['sm'],
            render: (_, r) => Math.max(0, r.revisions - 1),
          },
        ]}
      />
      <div className="mtx-mon-note">{t('monitoring.revisionsNote')}</div>
    </Card>
  );
}
