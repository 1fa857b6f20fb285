// The audit trail of one enterprise: who, when, what action, and which attributes changed from what to what.
import { Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@contracts/platform/audit/audit.contract.ts';
import { formatDateTime } from '../../components/format.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useUnits } from '../units/units.api.ts';
import { useBuildings, useEnterpriseAudit } from './enterprises.api.ts';
import { useEnterpriseLabels } from './labels.ts';

export interface Change {
  key: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** '', null, missing and [] all mean "nothing": a change between two of them is no change. */
const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) =>
  (isEmpty(a) && isEmpty(b)) || JSON.stringify(a) === JSON.stringify(b);
/** Keys that change on every write and say nothing to the reader. */
const noise = new Set(['updatedAt', 'createdAt', 'id', 'districtId']);

/** The keys whose values differ between two snapshots (a create compares against nothing). */
export function diffSnapshots(before: unknown, after: unknown): Change[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !noise.has(k));
  return keys.filter((k) => !same(b[k], a[k])).map((k) => ({ key: k, before: b[k], after: a[k] }));
}

/** Turns stored codes and ids into what a reader recognises: field and honour names, statuses, unit and building names. */
function useValueText() {
  const { t } = useTranslation();
  const labels = useEnterpriseLabels();
  const subdistricts = useUnits('subdistrict');
  const buildings = useBuildings(undefined);
  const unitName = new Map((subdistricts.data ?? []).map((u) => [u.id, u.name]));
  const buildingName = new Map((buildings.data ?? []).map((b) => [b.id, b.name]));
  return (key: string, v: unknown): string | null => {
    if (isEmpty(v)) return null;
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (key === 'status' && typeof v === 'string') return labels.status(v);
    if (key === 'subdistrictId' && typeof v === 'string') return unitName.get(v) ?? v;
    if (key === 'buildingId' && typeof v === 'string') return buildingName.get(v) ?? v;
    if (key === 'fields' && Array.isArray(v)) return v.map((f) => labels.field(String(f))).join('、');
    if (key === 'honours' && Array.isArray(v)) {
      return v
        .map((h) =>
          isRecord(h)
            ? [labels.honour(String(h.kind)), h.awardedOn, h.source].filter(Boolean).join(' ')
            : JSON.stringify(h),
        )
        .join('；');
    }
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('、');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
}

function Value({ text }: { text: string | null }) {
  const { t } = useTranslation();
  if (text === null) return <Typography.Text type="secondary">{t('audit.empty')}</Typography.Text>;
  return <>{text}</>;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const text = useValueText();
  const changes = diffSnapshots(entry.before, entry.after);
  if (changes.length === 0)
    return <Typography.Text type="secondary">{entry.note ?? t('audit.noChanges')}</Typography.Text>;
  return (
    <ul className="mtx-diff">
      {changes.map((c) => (
        <li key={c.key}>
          <Tag>{t(`enterprises.attr.${c.key}`, { defaultValue: c.key })}</Tag>
          <span className="mtx-diff-before">
            <Value text={text(c.key, c.before)} />
          </span>
          <span aria-hidden="true"> → </span>
          <span className="sr-only">{t('audit.changedTo')}</span>
          <span className="mtx-diff-after">
            <Value text={text(c.key, c.after)} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export function AuditTrail({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation();
  const query = useEnterpriseAudit(enterpriseId, true);
  return (
    <QueryState query={query}>
      {(unsorted) => {
        const items = [...unsorted].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
        return items.length === 0 ? (
          <Empty description={t('audit.none')} />
        ) : (
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 720 }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 150, render: (_, e) => formatDateTime(e.at) },
              { title: t('audit.actor'), dataIndex: 'actorLabel', width: 180 },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 100,
                render: (_, e) => (
                  <Tag color="blue">{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Tag>
                ),
              },
              {
                title: t('audit.changes'),
                key: 'changes',
                render: (_, e) => (
                  <Space direction="vertical" size={2}>
                    <Changes entry={e} />
                    {e.note && diffSnapshots(e.before, e.after).length > 0 && (
                      <Typography.Text type="secondary">{e.note}</Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        );
      }}
    </QueryState>
  );
}
