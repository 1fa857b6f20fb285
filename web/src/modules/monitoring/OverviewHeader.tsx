// The strip above the overview cards: month evaluated, when computed, that month's reporting rate, status counts,
// and for administrators the recompute button.
import { App, Button, Popconfirm, Popover, Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Overview } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { useShowError } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { formatCount, formatDateTime } from '../../components/format.ts';
import { formatShare } from '../../components/charts/measure.ts';
import { useCoverage, useRecompute } from './monitoring.api.ts';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';
import { StatusTag, statusOrder, type Status } from './status.tsx';
import { mayRecompute } from './monitoring.access.ts';
import { isStaff } from '../../app/access.ts';
import { today } from '@contracts/platform/time/date.ts';

function CoverageList({ period }: { period: string }) {
  const { t } = useTranslation();
  const coverage = useCoverage(period, true);
  if (coverage.isPending) return <span className="mtx-muted">{t('common.loading')}</span>;
  if (!coverage.data) return <span className="mtx-muted">{t('common.loadFailed')}</span>;
  const rows = [...coverage.data.subdistricts].sort(
    (a, b) => a.reported / Math.max(1, a.expected) - b.reported / Math.max(1, b.expected),
  );
  return (
    <div className="mtx-mon-coverage">
      {rows.map((r) => (
        <div key={r.subdistrict.id} className="mtx-mon-coverage-row">
          <span className="mtx-mon-coverage-name">{r.subdistrict.name}</span>
          <Progress
            percent={Math.round((r.reported / Math.max(1, r.expected)) * 1000) / 10}
            size="small"
            format={() => `${r.reported}/${r.expected}`}
          />
        </div>
      ))}
    </div>
  );
}

export function OverviewHeader({ data, audience }: { data: Overview; audience: 'staff' | 'public' }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { user } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const recompute = useRecompute();
  const staff = audience === 'staff' && isStaff(user);
  const counts = new Map<Status, number>();
  for (const target of data.targets) {
    const s = target.evaluation?.status ?? 'noData';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const rep = data.reporting;
  // Until the month's deadline has ended, firms are still filing: no on-time rate yet, only how many are in.
  const open = !!rep && today(new Date()) <= rep.deadline;
  const reportingText = rep
    ? t(open ? 'monitoring.reportingOpenValue' : 'monitoring.reportingValue', {
        rate: formatShare(rep.reported / Math.max(1, rep.expected)),
        reported: formatCount(rep.reported, lang),
        expected: formatCount(rep.expected, lang),
        onTime: formatShare(rep.onTime / Math.max(1, rep.expected)),
        deadline: rep.deadline,
      })
    : '—';

  const onRecompute = () =>
    recompute.mutate(undefined, {
      onSuccess: (r) => {
        void message.success(
          t('monitoring.recomputeDone', {
            from: r.from,
            to: r.to,
            results: formatCount(r.results, lang),
            published: r.snapshots.published,
            revised: r.snapshots.revised,
          }),
          6,
        );
        if (r.worsened.length > 0)
          void message.warning(t('monitoring.recomputeWorsened', { count: r.worsened.length }), 6);
      },
      onError: showError,
    });

  return (
    <div className="mtx-mon-strip" role="region" aria-label={t('monitoring.stripLabel')}>
      <div className="mtx-mon-strip-item">
        <span className="mtx-muted">{t('monitoring.evaluatedMonth')}</span>
        <strong>{data.month ?? '—'}</strong>
        <EvaluationMonthNote value={data.evaluationMonth} short />
      </div>
      <div className="mtx-mon-strip-item">
        <span className="mtx-muted">{t('monitoring.computedAt')}</span>
        <span>{data.computedAt ? formatDateTime(data.computedAt) : '—'}</span>
      </div>
      <div className="mtx-mon-strip-item">
        <span className="mtx-muted">
          {rep ? t('monitoring.reportingOf', { period: rep.period }) : t('monitoring.reporting')}
        </span>
        {staff && rep ? (
          <Popover
            title={t('monitoring.reportingBySubdistrict', { period: rep.period })}
            content={
              <>
                <CoverageList period={rep.period} />
                <Link to={`/monitoring/reporting?period=${rep.period}`}>
                  {t('monitoring.reportingDetails')}
                </Link>
              </>
            }
            trigger={['hover', 'click']}
          >
            <Typography.Link>{reportingText}</Typography.Link>
          </Popover>
        ) : (
          <span>{reportingText}</span>
        )}
      </div>
      <div className="mtx-mon-strip-item mtx-mon-strip-counts">
        <Space size={4} wrap>
          {statusOrder
            .filter((s) => counts.get(s))
            .map((s) => (
              <Tooltip key={s} title={t(`monitoring.statusHint.${s}`)}>
                <span>
                  <StatusTag status={s} /> <span className="mtx-mon-count">{counts.get(s)}</span>
                </span>
              </Tooltip>
            ))}
        </Space>
      </div>
      {audience === 'staff' && mayRecompute(user) && (
        <div className="mtx-mon-strip-action">
          <Popconfirm
            title={t('monitoring.recomputeConfirm')}
            description={t('monitoring.recomputeConfirmText')}
            onConfirm={onRecompute}
            okText={t('monitoring.recompute')}
            cancelText={t('common.cancel')}
          >
            <Button icon={<ReloadOutlined />} loading={recompute.isPending}>
              {t('monitoring.recompute')}
            </Button>
          </Popconfirm>
        </div>
      )}
      {audience === 'public' && <Tag color="blue">{t('public.districtLevelOnly')}</Tag>}
    </div>
  );
}
