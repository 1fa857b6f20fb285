// The editor's live preview: how many enterprises the definition as it stands would qualify, how many nearly,
// the total amount, and a few of them by name; re-asked as the definition changes.
import { Alert, Button, Card, DatePicker, Empty, List, Spin, Statistic, Tooltip } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Preview } from '@contracts/modules/policies/policies.contract.ts';
import { ApiError } from '../../app/api.ts';
import { errorText } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatCount } from '../../components/format.ts';
import { useMoney } from './labels.tsx';

export function PreviewPanel({
  query,
  upToDate,
  waiting,
  complete,
  issues,
  onShowIssues,
  period,
  onPeriod,
  hasBenefit,
}: {
  query: UseQueryResult<Preview>;
  upToDate: boolean;
  /** The definition changed and the next preview has not been asked yet. */
  waiting: boolean;
  /** Whether the definition passes the checks made before asking. */
  complete: boolean;
  issues: number;
  onShowIssues: () => void;
  period: string | undefined;
  onPeriod: (period: string | undefined) => void;
  hasBenefit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { lang } = useLanguage();
  const money = useMoney();
  const data = query.data;
  const busy = complete && (waiting || query.isFetching);

  let body;
  if (!complete) {
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <div>{t('policies.preview.incomplete')}</div>
            {issues > 0 && (
              <Button type="link" size="small" onClick={onShowIssues}>
                {t('policies.preview.showIssues', { count: issues })}
              </Button>
            )}
          </>
        }
      />
    );
  } else if (query.isError && !data) {
    const e = query.error;
    body = (
      <Alert
        type="error"
        showIcon
        message={
          e instanceof ApiError && e.fields.length > 0
            ? t('policies.preview.invalid')
            : errorText(t, e, i18n.language)
        }
      />
    );
  } else if (!data) {
    body = (
      <div className="mtx-center" style={{ minHeight: 120 }}>
        <Spin />
      </div>
    );
  } else {
    body = (
      <div className={upToDate ? undefined : 'mtx-pol-stale'}>
        {query.isError && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={
              query.error instanceof ApiError && query.error.fields.length > 0
                ? t('policies.preview.invalid')
                : errorText(t, query.error, i18n.language)
            }
          />
        )}
        <div className="mtx-pol-preview-stats">
          <Statistic
            title={t('policies.preview.eligible')}
            value={formatCount(data.eligible, lang)}
            suffix={<span className="mtx-muted">/ {formatCount(data.enterprises, lang)}</span>}
          />
          <Statistic title={t('policies.preview.nearMisses')} value={formatCount(data.nearMisses, lang)} />
          {hasBenefit && (
            <Statistic title={t('policies.preview.totalAmount')} value={money(data.totalAmount)} />
          )}
        </div>
        <div className="mtx-muted" style={{ margin: '4px 0 12px' }}>
          {t('policies.preview.basis', { period: data.period })}
        </div>
        {data.sample.length > 0 ? (
          <List
            size="small"
            header={<strong>{t('policies.preview.sample')}</strong>}
            dataSource={data.sample}
            renderItem={(s) => (
              <List.Item extra={hasBenefit ? money(s.amount) : undefined}>
                <Link to={`/enterprises/${s.enterpriseId}`} target="_blank">
                  {s.name}
                </Link>
              </List.Item>
            )}
          />
        ) : (
          <div className="mtx-muted">{t('policies.preview.noneEligible')}</div>
        )}
      </div>
    );
  }

  return (
    <Card
      size="small"
      className="mtx-pol-preview"
      title={
        <span>
          {t('policies.preview.title')}{' '}
          {busy && (
            <Tooltip title={t('policies.preview.updating')}>
              <SyncOutlined spin aria-label={t('policies.preview.updating')} />
            </Tooltip>
          )}
        </span>
      }
      extra={
        <DatePicker
          size="small"
          picker="month"
          allowClear
          value={period ? dayjs(`${period}-01`) : null}
          onChange={(d) => onPeriod(d ? d.format('YYYY-MM') : undefined)}
          placeholder={t('policies.preview.latestMonth')}
          aria-label={t('policies.preview.period')}
          style={{ width: 120 }}
        />
      }
    >
      <div aria-live="polite">{body}</div>
    </Card>
  );
}
