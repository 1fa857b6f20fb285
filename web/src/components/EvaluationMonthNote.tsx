// "评估月份 2026-10（最近一个已截止的报送月）": which month a page shows and why, the same words on every page that
// evaluates a month — monitoring, policies, grants (docs/indicators.md, *One evaluation month*).
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EvaluationMonth } from '@contracts/modules/monitoring/monitoring.contract.ts';

/** The note's text (pure, for tests): the month, the reason, and a month still being filed; `short` without the month. */
export function evaluationMonthText(
  t: (key: string, params?: Record<string, unknown>) => string,
  m: Pick<EvaluationMonth, 'month' | 'reason'> &
    Partial<Pick<EvaluationMonth, 'closed' | 'open' | 'openDeadline'>>,
  short = false,
): string {
  const pickedOpen = m.reason === 'picked' && !!m.closed && m.month > m.closed;
  const key = short
    ? `short.${m.reason}`
    : m.reason === 'picked'
      ? pickedOpen
        ? 'pickedOpen'
        : 'picked'
      : m.reason;
  const open =
    m.open && m.open !== m.month && m.openDeadline
      ? t('monitoring.evalMonth.open', { month: m.open, deadline: m.openDeadline })
      : '';
  return t(`monitoring.evalMonth.${key}`, { month: m.month }) + open;
}

/**
 * The note under a page's title. Give an evaluation month as the monitoring API answers it, or just `month` for a
 * page whose figures were evaluated at the newest closed month of their time (policies, grant batches).
 */
export function EvaluationMonthNote({
  value,
  month,
  short = false,
}: {
  value?: EvaluationMonth | null;
  month?: string | null;
  /** Only the reason (and a month still open), beside a label that already shows the month. */
  short?: boolean;
}) {
  const { t } = useTranslation();
  const text = value
    ? evaluationMonthText(t, value, short)
    : month
      ? t('monitoring.evalMonth.evaluatedAt', { month })
      : null;
  if (!text) return null;
  return (
    <Typography.Text type="secondary" className="mtx-eval-month" data-testid="evaluation-month">
      {text}
    </Typography.Text>
  );
}
