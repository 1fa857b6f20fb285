// A target's value in one month by subdistrict, field or size band: bars and a table; staff click a group to drill down.
import { Button, Card, Col, Empty, Row, Segmented, Space, Table, Tooltip } from 'antd';
import { ExportButton } from '../../components/ExportButton.tsx';
import { TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TargetDetail } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatCount } from '../../components/format.ts';
import { BarBreakdown } from '../../components/charts/BarBreakdown.tsx';
import { columnFormatter } from '../../components/charts/measure.ts';
import type { Dimension } from './monitoring.api.ts';
import { statusColor } from './status.tsx';

type Row = TargetDetail['breakdowns']['subdistrict'][number];

export const dimensions: readonly Dimension[] = ['subdistrict', 'field', 'sizeBand'];

export function Breakdowns({
  detail,
  dimension,
  onDimension,
  selectedGroup,
  onDrill,
  exportable = false,
}: {
  detail: TargetDetail;
  dimension: Dimension;
  onDimension: (d: Dimension) => void;
  selectedGroup?: string | null;
  /** Opens the enterprises behind a group (or all, group undefined); absent where there is no drill-down. */
  onDrill?: (group: string | undefined) => void;
  /** Offers the tables as .xlsx (signed-in pages; the export route needs a session). */
  exportable?: boolean;
}) {
  const { t } = useTranslation();
  const { lang, pick } = useLanguage();
  const unit = detail.target.unit;
  const rows = detail.breakdowns[dimension];
  const anySuppressed = rows.some((r) => r.suppressed);
  const manual = detail.target.formulaKind === 'manual';
  const color = statusColor(detail.evaluation?.status === 'noData' ? 'onTrack' : detail.evaluation?.status);
  const suppressedText = t('public.suppressed');
  const label = (r: Row) => pick(r.label, r.labelEn);
  const cell = columnFormatter(
    rows.map((r) => r.value),
    unit,
    lang,
  );

  const body =
    rows.length === 0 ? (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={manual ? t('monitoring.noBreakdownManual') : t('monitoring.noBreakdown')}
      />
    ) : (
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <BarBreakdown
            rows={rows.map((r) => ({
              key: r.key,
              label: label(r),
              value: r.value,
              suppressed: r.suppressed,
            }))}
            unit={unit}
            lang={lang}
            color={color}
            selectedKey={selectedGroup}
            onSelect={onDrill}
            suppressedText={suppressedText}
            label={t('monitoring.breakdownChartLabel', {
              dimension: t(`monitoring.dimension.${dimension}`),
              month: detail.month ?? '',
            })}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Table<Row>
            className={onDrill ? 'mtx-mon-breakdown-table' : undefined}
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            rowClassName={(r) => (r.key === selectedGroup ? 'mtx-mon-row-selected' : '')}
            onRow={
              onDrill
                ? (r) => ({
                    onClick: () => !r.suppressed && onDrill(r.key),
                    onKeyDown: (ev) => {
                      if (ev.key === 'Enter' && !r.suppressed) onDrill(r.key);
                    },
                    tabIndex: 0,
                    'aria-label': t('monitoring.drillRow', { group: label(r) }),
                  })
                : undefined
            }
            columns={[
              { title: t(`monitoring.dimension.${dimension}`), key: 'label', render: (_, r) => label(r) },
              {
                title: t('monitoring.value'),
                key: 'value',
                align: 'right',
                render: (_, r) =>
                  r.suppressed ? (
                    <Tooltip title={suppressedText}>
                      <span className="mtx-muted">—</span>
                    </Tooltip>
                  ) : (
                    <span className={(r.value ?? 0) < 0 ? 'mtx-mon-negative' : undefined}>
                      {cell(r.value)}
                    </span>
                  ),
              },
              {
                title: t('monitoring.contributors'),
                key: 'contributors',
                align: 'right',
                width: 96,
                render: (_, r) =>
                  r.contributors === null ? (
                    <span className="mtx-muted">—</span>
                  ) : (
                    formatCount(r.contributors, lang)
                  ),
              },
            ]}
          />
        </Col>
      </Row>
    );

  return (
    <Card
      className="mtx-mon-block"
      title={
        <h2 className="mtx-card-heading">{t('monitoring.breakdownTitle', { month: detail.month ?? '—' })}</h2>
      }
      extra={
        <Space size={8}>
          {exportable && !manual && detail.month && (
            <ExportButton
              size="small"
              path={`/monitoring/targets/${detail.target.code}/breakdowns/export`}
              query={{ month: detail.month }}
              fileName={`${detail.target.name}-分项构成-${detail.month}.xlsx`}
            />
          )}
          {onDrill && !manual && (
            <Button size="small" icon={<TeamOutlined />} onClick={() => onDrill(undefined)}>
              {t('monitoring.drillAll')}
            </Button>
          )}
        </Space>
      }
    >
      <Segmented<Dimension>
        value={dimension}
        onChange={onDimension}
        options={dimensions.map((d) => ({ value: d, label: t(`monitoring.dimension.${d}`) }))}
        style={{ marginBottom: 12 }}
      />
      {body}
      {rows.length > 0 && (
        <div className="mtx-mon-note">
          {dimension === 'field' && <div>{t('monitoring.fieldNote')}</div>}
          {dimension === 'sizeBand' && <div>{t('monitoring.sizeBandNote')}</div>}
          {anySuppressed && <div>{t('public.suppressedNote')}</div>}
          {onDrill && <div>{t('monitoring.drillHint')}</div>}
        </div>
      )}
    </Card>
  );
}
