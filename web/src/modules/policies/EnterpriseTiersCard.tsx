// One enterprise's place in tiered cultivation: each tier it has been in, since when, and until when.
import { Card, Empty, Spin, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterpriseTiers } from './policies.api.ts';

export function EnterpriseTiersCard({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const query = useEnterpriseTiers(enterpriseId);
  const spells = [...(query.data ?? [])].sort((a, b) => b.enteredOn.localeCompare(a.enteredOn));
  return (
    <Card size="small" title={<h2 className="mtx-card-heading">{t('policies.enterpriseTiers.title')}</h2>}>
      {query.isPending ? (
        <Spin />
      ) : spells.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policies.enterpriseTiers.none')} />
      ) : (
        <Timeline
          items={spells.map((s) => ({
            color: s.leftOn ? 'gray' : 'green',
            children: (
              <>
                <strong>{s.name}</strong>{' '}
                {s.leftOn ? (
                  <Tag>{t('policies.enterpriseTiers.left', { from: s.enteredOn, to: s.leftOn })}</Tag>
                ) : (
                  <Tag color="green">
                    {s.enteredBefore
                      ? t('policies.enterpriseTiers.memberBefore', { from: s.enteredOn })
                      : t('policies.enterpriseTiers.member', { from: s.enteredOn })}
                  </Tag>
                )}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
