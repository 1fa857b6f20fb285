// Small shared pieces of the policy pages: status and example tags, money in 万元, periods and shares.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../app/i18n.ts';
import { formatMoneyYuan } from '../../components/charts/measure.ts';

export const policyStatusColours: Record<string, string> = {
  draft: 'default',
  active: 'green',
  retired: 'orange',
};

export function PolicyStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={policyStatusColours[status]} style={{ marginInlineEnd: 0 }}>
      {t(`policies.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** “示例”: a policy shipped as an example, whose amounts are placeholders for the district to set. */
export function ExampleTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('policies.exampleHint')}>
      <Tag color="purple" style={{ marginInlineEnd: 0 }}>
        {t('policies.example')}
      </Tag>
    </Tooltip>
  );
}

/** Money given in 元, shown in 万元 / 亿元 (“12.5万元”) or yuan in English; '—' for none. */
export function useMoney(): (yuan: number | null | undefined) => string {
  const { lang } = useLanguage();
  return (yuan) => {
    if (yuan === null || yuan === undefined) return '—';
    return formatMoneyYuan(yuan, lang);
  };
}

/** A share (0.2) as a percentage ('20%'). */
export const percent = (share: number, digits = 1): string =>
  `${Number((share * 100).toFixed(digits)).toString()}%`;
