// The drill-down: the enterprises behind a target's figure in one month (and group), largest contribution first.
import { useState } from 'react';
import { Drawer, Tag } from 'antd';
import { ProTable } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { errorText } from '../../app/errors.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { columnFormatter } from '../../components/charts/measure.ts';
import { statusColours, useEnterpriseLabels } from '../enterprises/labels.ts';
import { useContributors, type Contributor, type Dimension } from './monitoring.api.ts';
import { drillConfinedToOwnSubdistrict } from './monitoring.access.ts';
import { listPagination } from '../../components/listTable.ts';

export function ContributorsDrawer({
  code,
  unit,
  month,
  dimension,
  group,
  groupLabel,
  targetName,
  open,
  onClose,
}: {
  code: string;
  unit: string;
  month: string;
  dimension: Dimension;
  /** A group key of the dimension, or undefined for every enterprise. */
  group: string | undefined;
  groupLabel: string | undefined;
  targetName: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { lang } = useLanguage();
  const { user } = useSession();
  const mobile = useIsMobile();
  const labels = useEnterpriseLabels();
  const [paging, setPaging] = useState({ key: '', page: 1, pageSize: 20 });
  // a new group starts again at page 1
  const key = `${month}|${dimension}|${group ?? ''}`;
  const page = paging.key === key ? paging.page : 1;
  const pageSize = paging.pageSize;
  const list = useContributors(
    code,
    open ? { month, dimension: group ? dimension : undefined, group, page, pageSize } : null,
  );

  const cell = columnFormatter(
    (list.data?.items ?? []).map((r) => r.value),
    unit,
    lang,
    { signed: true },
  );
  const scope = group
    ? `${t(`monitoring.dimension.${dimension}`)}：${groupLabel ?? group}`
    : t('monitoring.allGroups');
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={mobile ? '100%' : 760}
      title={t('monitoring.drillTitle', { name: targetName, month })}
      destroyOnHidden
    >
      <div className="mtx-muted" style={{ marginBottom: 8 }}>
        {scope}
        {drillConfinedToOwnSubdistrict(user) && ` · ${t('monitoring.drillOwnOnly')}`}
      </div>
      <ProTable<Contributor>
        rowKey="id"
        search={false}
        options={false}
        size="small"
        cardProps={{ bodyStyle: { padding: 0 } }}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        headerTitle={
          list.data ? t('monitoring.drillCount', { count: list.data.total }) : t('monitoring.drillLoading')
        }
        toolBarRender={() => [
          <ExportButton
            key="export"
            size="small"
            path={`/monitoring/targets/${code}/contributors/export`}
            query={{ month, dimension: group ? dimension : undefined, group }}
            fileName={`${targetName}-贡献企业-${month}.xlsx`}
          />,
        ]}
        scroll={mobile ? undefined : { x: 640 }}
        columns={[
          {
            title: t('enterprises.attr.name'),
            dataIndex: 'name',
            width: mobile ? undefined : 220,
            ellipsis: true,
            render: (_, r) => <Link to={`/enterprises/${r.id}`}>{r.name}</Link>,
          },
          {
            title: t('enterprises.attr.uscc'),
            dataIndex: 'uscc',
            width: 180,
            // on a phone: name, contribution and status fit; the code and subdistrict do not
            hideInTable: mobile,
            render: (_, r) => <span className="mtx-mono mtx-code">{r.uscc}</span>,
          },
          {
            title: t('enterprises.attr.subdistrict'),
            dataIndex: ['subdistrict', 'name'],
            width: 100,
            hideInTable: mobile,
          },
          {
            title: t('monitoring.contribution'),
            dataIndex: 'value',
            align: 'right',
            width: 120,
            render: (_, r) => (
              <span className={r.value < 0 ? 'mtx-mon-negative' : 'mtx-mon-positive'}>{cell(r.value)}</span>
            ),
          },
          {
            title: t('enterprises.attr.status'),
            dataIndex: 'status',
            width: 80,
            render: (_, r) => <Tag color={statusColours[r.status]}>{labels.status(r.status)}</Tag>,
          },
        ]}
        pagination={listPagination(t, { page, pageSize, total: list.data?.total }, (p, s) =>
          setPaging({ key, page: s !== pageSize ? 1 : p, pageSize: s }),
        )}
        locale={{ emptyText: list.isError ? errorText(t, list.error, i18n.language) : undefined }}
      />
      <div className="mtx-mon-note">{t('monitoring.drillNote')}</div>
    </Drawer>
  );
}
