// How one policy reads for one enterprise: ✓ 符合 / ✗ 暂不符合 / 未评估, and a grant's state (审核中, 公示中, 已获支持 …).
import type { ReactNode } from 'react';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { EnterprisePolicy } from '@contracts/modules/policies/policies.contract.ts';
import { BatchStatusTag, formatDay, useMoney } from './labels.tsx';

export type Grant = EnterprisePolicy['grants'][number];
export type Verdict = 'eligible' | 'ineligible' | 'unknown';

export const verdictOf = (p: EnterprisePolicy): Verdict =>
  p.explanation === null ? 'unknown' : p.explanation.eligible ? 'eligible' : 'ineligible';

const verdictRank: Record<Verdict, number> = { eligible: 0, ineligible: 1, unknown: 2 };

/** Qualifying policies first, then near misses, then the rest; by name within each. */
export function sortPolicies(list: EnterprisePolicy[]): EnterprisePolicy[] {
  return [...list].sort(
    (a, b) =>
      verdictRank[verdictOf(a)] - verdictRank[verdictOf(b)] ||
      Number(!!b.explanation?.nearMiss) - Number(!!a.explanation?.nearMiss) ||
      a.policy.name.localeCompare(b.policy.name, 'zh-CN'),
  );
}

export function VerdictIcon({ verdict }: { verdict: Verdict }) {
  if (verdict === 'eligible') return <CheckCircleFilled className="mtx-expl-pass" aria-hidden />;
  if (verdict === 'ineligible') return <CloseCircleFilled className="mtx-expl-fail" aria-hidden />;
  return <MinusCircleFilled className="mtx-expl-unknown" aria-hidden />;
}

export function VerdictTag({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  const colour = verdict === 'eligible' ? 'success' : verdict === 'ineligible' ? 'warning' : 'default';
  return (
    <Tag color={colour} style={{ marginInlineEnd: 0 }}>
      {t(`grants.policies.verdict.${verdict}`)}
    </Tag>
  );
}

/** What a grant means for the enterprise once it is settled (the status tag says the rest): granted, or left out. */
function grantOutcome(g: Grant): { text: string; colour: string } | null {
  if (g.status === 'cancelled') return null;
  if (!g.included) return { text: 'excluded', colour: 'default' };
  if (g.status === 'decided') return { text: 'granted', colour: 'success' };
  return null;
}

/**
 * One grant of a policy to the enterprise: batch status, amount, outcome. Staff link to the batch; anyone to the
 * public notice while it runs.
 */
export function GrantLine({ grant, batchLink }: { grant: Grant; batchLink: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  const o = grantOutcome(grant);
  let link: ReactNode = null;
  if (batchLink) link = <Link to={`/grants/batches/${grant.batchId}`}>{t('grants.policies.openBatch')}</Link>;
  else if (grant.status === 'notice' || grant.status === 'decided')
    link = <Link to={`/public/notices/${grant.batchId}`}>{t('grants.policies.openNotice')}</Link>;
  return (
    <Space size={8} wrap className="mtx-grant-line">
      <BatchStatusTag status={grant.status} />
      <Typography.Text strong className={grant.included ? undefined : 'mtx-grant-struck'}>
        {money(grant.amount)}
      </Typography.Text>
      {o && (
        <Tag color={o.colour} style={{ marginInlineEnd: 0 }}>
          {t(`grants.policies.outcome.${o.text}`)}
        </Tag>
      )}
      {grant.decidedAt && (
        <Typography.Text type="secondary">
          {t('grants.policies.decidedOn', { at: formatDay(grant.decidedAt) })}
        </Typography.Text>
      )}
      {link}
    </Space>
  );
}
