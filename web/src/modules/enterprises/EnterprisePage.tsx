// /enterprises/:id — one enterprise: every attribute, its honours, an edit button where allowed, the audit trail for admins.
import { Card, Descriptions, Space, Table, Tabs, Tag } from 'antd';
import { EnterprisePoliciesCard } from '../grants/EnterprisePoliciesCard.tsx';
import { EnterpriseTiersCard } from '../policies/EnterpriseTiersCard.tsx';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { Enterprise, Honour } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { can } from '../../app/access.ts';
import { useSession } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { ReportHistory } from '../reports/ReportHistory.tsx';
import { AuditTrail } from './AuditTrail.tsx';
import { PhoneReveal } from './PhoneReveal.tsx';
import { useEnterprise } from './enterprises.api.ts';
import { statusColours, useEnterpriseLabels } from './labels.ts';
import { actsForEnterprise } from '../../app/access.ts';

function EnterpriseView({ e }: { e: Enterprise }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const labels = useEnterpriseLabels();
  const mobile = useIsMobile();
  useDocumentTitle(e.name);
  const mayEdit = can(user, 'enterprise.edit', { subdistrictId: e.subdistrict.id, enterpriseId: e.id });
  const isOwn = actsForEnterprise(user);

  const details = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size={mobile ? 'small' : 'default'}>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, xxl: 3 }}
          size={mobile ? 'small' : 'middle'}
          layout={mobile ? 'vertical' : 'horizontal'}
          bordered
          className="mtx-descriptions"
        >
          <Descriptions.Item label={t('enterprises.attr.name')}>{e.name}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.uscc')}>
            <span className="mtx-mono">{e.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.registrationDate')}>
            {e.registrationDate}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.subdistrict')}>
            <Link to={`/units/${e.subdistrict.id}`}>{e.subdistrict.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.building')}>
            {e.building?.name ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.address')}>{e.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.fields')} span={2}>
            {e.fields.length ? (
              <Space size={[0, 4]} wrap>
                {e.fields.map((f) => (
                  <Tag key={f} color="blue">
                    {labels.field(f)}
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.aboveScale')}>
            {e.aboveScale ? t('common.yes') : t('common.no')}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.status')}>
            <Tag color={statusColours[e.status]}>{labels.status(e.status)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.settledOn')}>{e.settledOn || '—'}</Descriptions.Item>
          {e.leftOn && <Descriptions.Item label={t('enterprises.attr.leftOn')}>{e.leftOn}</Descriptions.Item>}
          <Descriptions.Item label={t('enterprises.attr.contactPerson')}>
            {e.contactPerson || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.contactPhone')}>
            <PhoneReveal enterpriseId={e.id} phone={e.contactPhone} />
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.createdAt')}>
            {formatDateTime(e.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('enterprises.attr.updatedAt')}>
            {formatDateTime(e.updatedAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={<h2 className="mtx-card-heading">{t('enterprises.attr.honours')}</h2>}
        styles={{ body: { padding: 0 } }}
      >
        <Table<Honour>
          rowKey={(h) => `${h.kind}-${h.awardedOn}`}
          size="small"
          pagination={false}
          dataSource={e.honours}
          locale={{ emptyText: t('enterprises.noHonours') }}
          columns={[
            {
              title: t('enterprises.honour.kind'),
              dataIndex: 'kind',
              render: (_, h) => <Tag color="purple">{labels.honour(h.kind)}</Tag>,
            },
            { title: t('enterprises.honour.awardedOn'), dataIndex: 'awardedOn', width: 140 },
            { title: t('enterprises.honour.source'), dataIndex: 'source' },
          ]}
        />
      </Card>
    </Space>
  );

  const showAudit = can(user, 'enterprise.audit');
  const [params, setParams] = useSearchParams();
  return (
    <Page
      title={e.name}
      tags={
        <>
          <Tag color={statusColours[e.status]}>{labels.status(e.status)}</Tag>
          {e.aboveScale && <Tag color="gold">{t('enterprises.aboveScaleTag')}</Tag>}
        </>
      }
      crumbs={
        isOwn
          ? [{ title: t('nav.myEnterprise') }]
          : [{ title: t('nav.enterprises'), to: '/enterprises' }, { title: e.name }]
      }
      extra={
        mayEdit ? (
          <LinkButton to={`/enterprises/${e.id}/edit`} type="primary" icon={<EditOutlined />}>
            {t('common.edit')}
          </LinkButton>
        ) : undefined
      }
    >
      <Tabs
        activeKey={params.get('tab') ?? 'details'}
        onChange={(key) => setParams(key === 'details' ? {} : { tab: key }, { replace: true })}
        items={[
          { key: 'details', label: t('enterprises.tabDetails'), children: details },
          { key: 'reports', label: t('reports.tab'), children: <ReportHistory enterprise={e} /> },
          {
            key: 'policies',
            label: t('enterprises.tabPolicies'),
            children: (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <EnterprisePoliciesCard enterpriseId={e.id} />
                <EnterpriseTiersCard enterpriseId={e.id} />
              </Space>
            ),
          },
          ...(showAudit
            ? [
                {
                  key: 'audit',
                  label: t('enterprises.tabAudit'),
                  children: (
                    <Card>
                      <AuditTrail enterpriseId={e.id} />
                    </Card>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Page>
  );
}

export function EnterprisePage() {
  const { id } = useParams();
  const query = useEnterprise(id);
  return <QueryState query={query}>{(e) => <EnterpriseView e={e} />}</QueryState>;
}
