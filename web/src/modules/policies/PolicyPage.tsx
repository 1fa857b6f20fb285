// /policies/:id — one policy: status, version, summary and source; its results (eligible with amounts, the near
// misses with what each still lacks, every enterprise), the rule in words and the version history; an enterprise
// opens the explanation of its verdict. The plan office edits, activates or retires it and starts a grant batch.
import { useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import { EditOutlined, GiftOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Policy } from '@contracts/modules/policies/policies.contract.ts';
import { useShowError } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { formatCount, formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { ExplanationDrawer } from './ExplanationDrawer.tsx';
import { ExampleTag, PolicyStatusTag, useMoney } from './labels.tsx';
import { mayEditPolicies, mayEvaluatePolicies, mayStartBatch } from './policies.access.ts';
import {
  usePolicy,
  useSetPolicyStatus,
  useStartBatch,
  type PolicyStatus,
  type ResultFilter,
} from './policies.api.ts';
import { ResultsTable } from './ResultsTable.tsx';
import { RuleView } from './RuleView.tsx';
import './policies.css';
import { EvaluateButton } from './EvaluateButton.tsx';
import { EvaluationMonthNote } from '../../components/EvaluationMonthNote.tsx';
import { PolicyAnswers } from '../servicedesk/PolicyAnswers.tsx';

const tabs = ['eligible', 'nearMiss', 'all', 'rule', 'versions'] as const;
type Tab = (typeof tabs)[number];

function EvaluationStrip({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const money = useMoney();
  const { user } = useSession();
  const e = policy.evaluation;
  const rerun = mayEvaluatePolicies(user) && <EvaluateButton size="small" />;
  if (!e) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message={
          policy.status === 'active'
            ? t('policies.detail.notEvaluatedActive')
            : t('policies.detail.notEvaluated')
        }
        action={policy.status === 'active' ? rerun : undefined}
      />
    );
  }
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <div className="mtx-pol-strip">
        <Statistic
          title={t('policies.list.eligible')}
          value={formatCount(e.eligible, lang)}
          suffix={<span className="mtx-muted">/ {formatCount(e.enterprises, lang)}</span>}
        />
        <Statistic title={t('policies.list.nearMisses')} value={formatCount(e.nearMisses, lang)} />
        {policy.hasBenefit && (
          <Statistic title={t('policies.list.totalAmount')} value={money(e.totalAmount)} />
        )}
        <div className="mtx-pol-strip-meta mtx-muted">
          <div>
            <EvaluationMonthNote month={e.period} /> · {formatDateTime(e.evaluatedAt)}
          </div>
          <div>
            {t('policies.detail.evaluatedVersion', { version: e.version })}
            {e.version !== policy.version && (
              <span className="mtx-pol-warn">
                {' '}
                · {t('policies.detail.staleVersion', { version: policy.version })}
              </span>
            )}
          </div>
        </div>
        <div className="mtx-pol-strip-action">{rerun}</div>
      </div>
    </Card>
  );
}

function HeaderActions({ policy, viewingOld }: { policy: Policy; viewingOld: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const { user } = useSession();
  const setStatus = useSetPolicyStatus(policy.id);
  const startBatch = useStartBatch(policy.id);
  if (!mayEditPolicies(user) || viewingOld) return null;

  const changeStatus = (status: PolicyStatus) =>
    modal.confirm({
      title: t(`policies.detail.confirm.${status}.title`),
      content: t(`policies.detail.confirm.${status}.text`),
      okText: t(`policies.detail.statusAction.${status}`),
      cancelText: t('common.cancel'),
      onOk: () =>
        setStatus.mutateAsync(status).then(
          () => void message.success(t(`policies.detail.statusDone.${status}`)),
          (e: unknown) => {
            showError(e);
          },
        ),
    });

  const batchBlocked =
    policy.status !== 'active'
      ? t('policies.detail.batchNeedsActive')
      : !policy.hasBenefit
        ? t('policies.detail.batchNeedsBenefit')
        : null;

  return (
    <Space wrap>
      <LinkButton to={`/policies/${policy.id}/edit`} icon={<EditOutlined />}>
        {t('common.edit')}
      </LinkButton>
      {policy.status === 'active' ? (
        <Button
          icon={<PauseCircleOutlined />}
          loading={setStatus.isPending}
          onClick={() => changeStatus('retired')}
        >
          {t('policies.detail.statusAction.retired')}
        </Button>
      ) : (
        <Button
          icon={<PlayCircleOutlined />}
          loading={setStatus.isPending}
          onClick={() => changeStatus('active')}
        >
          {t('policies.detail.statusAction.active')}
        </Button>
      )}
      {mayStartBatch(user) && (
        <Tooltip title={batchBlocked ?? t('policies.detail.batchHint')}>
          <Button
            type="primary"
            icon={<GiftOutlined />}
            disabled={batchBlocked !== null}
            loading={startBatch.isPending}
            onClick={() => {
              const note = { current: '' };
              modal.confirm({
                title: t('policies.detail.batchConfirmTitle'),
                content: (
                  <>
                    <p>{t('policies.detail.batchConfirmText')}</p>
                    <Input.TextArea
                      maxLength={300}
                      autoSize={{ minRows: 2, maxRows: 4 }}
                      placeholder={t('policies.detail.batchNote')}
                      aria-label={t('policies.detail.batchNote')}
                      onChange={(e) => {
                        note.current = e.target.value;
                      }}
                    />
                  </>
                ),
                okText: t('policies.detail.startBatch'),
                cancelText: t('common.cancel'),
                onOk: () =>
                  startBatch.mutateAsync(note.current.trim()).then(
                    (batchId) => navigate(`/grants/batches/${batchId}`),
                    (e: unknown) => {
                      showError(e);
                    },
                  ),
              });
            }}
          >
            {t('policies.detail.startBatch')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}

function PolicyView({ policy, viewingOld }: { policy: Policy; viewingOld: number | null }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<string | null>(null);
  const name = pick(policy.name, policy.nameEn);
  useDocumentTitle(name);
  const raw = params.get('tab');
  const tab: Tab = tabs.includes(raw as Tab) ? (raw as Tab) : viewingOld ? 'rule' : 'eligible';
  const setTab = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('tab', next);
    setParams(p, { replace: true });
  };
  const showVersion = (version: number | null) => {
    const p = new URLSearchParams(params);
    if (version === null) p.delete('version');
    else p.set('version', String(version));
    p.set('tab', 'rule');
    setParams(p);
  };
  const latest = Math.max(policy.version, ...policy.versions.map((v) => v.version));
  const shownVersion = viewingOld ?? policy.version;

  const results = (filter: ResultFilter) => (
    <ResultsTable
      key={filter}
      policyId={policy.id}
      filter={filter}
      hasBenefit={policy.hasBenefit}
      defaultMargin={policy.definition.nearMissMargin}
      onOpen={setOpen}
    />
  );

  return (
    <Page
      title={name}
      crumbs={[{ title: t('policies.title'), to: '/policies' }, { title: name }]}
      tags={
        <Space size={6}>
          <PolicyStatusTag status={policy.status} />
          {policy.example && <ExampleTag />}
          <Tooltip title={t('policies.detail.versionHint')}>
            <span className="mtx-muted mtx-nowrap">{t('policies.versionN', { version: shownVersion })}</span>
          </Tooltip>
        </Space>
      }
      extra={<HeaderActions policy={policy} viewingOld={viewingOld !== null && viewingOld !== latest} />}
      content={
        <div className="mtx-pol-head">
          {policy.summary && (
            <Typography.Paragraph style={{ marginBottom: 4 }}>{policy.summary}</Typography.Paragraph>
          )}
          {policy.source && (
            <div className="mtx-muted">{t('policies.detail.sourceLine', { source: policy.source })}</div>
          )}
          {policy.example && <div className="mtx-pol-warn">{t('policies.exampleHint')}</div>}
        </div>
      }
    >
      {viewingOld !== null && viewingOld !== latest && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('policies.detail.oldVersion', { version: viewingOld, latest })}
          action={
            <Button size="small" onClick={() => showVersion(null)}>
              {t('policies.detail.backToLatest')}
            </Button>
          }
        />
      )}
      <EvaluationStrip policy={policy} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'eligible', label: t('policies.detail.tab.eligible'), children: results('eligible') },
            { key: 'nearMiss', label: t('policies.detail.tab.nearMiss'), children: results('nearMiss') },
            { key: 'all', label: t('policies.detail.tab.all'), children: results('all') },
            {
              key: 'rule',
              label: t('policies.detail.tab.rule'),
              children: <RuleView definition={policy.definition} />,
            },
            {
              key: 'versions',
              label: t('policies.detail.tab.versions'),
              children: (
                <Table
                  rowKey="version"
                  size="small"
                  pagination={false}
                  dataSource={[...policy.versions].sort((a, b) => b.version - a.version)}
                  rowClassName={(v) => (v.version === shownVersion ? 'mtx-pol-row-current' : '')}
                  columns={[
                    {
                      title: t('policies.attr.version'),
                      dataIndex: 'version',
                      width: 110,
                      render: (v: number) => (
                        <Typography.Link
                          onClick={() => showVersion(v === latest ? null : v)}
                          aria-current={v === shownVersion ? 'true' : undefined}
                        >
                          {t('policies.versionN', { version: v })}
                          {v === latest && ` · ${t('policies.detail.current')}`}
                        </Typography.Link>
                      ),
                    },
                    {
                      title: t('policies.detail.savedAt'),
                      dataIndex: 'createdAt',
                      width: 160,
                      render: (v: string) => formatDateTime(v),
                    },
                    { title: t('policies.detail.savedBy'), dataIndex: 'createdBy', width: 140 },
                    { title: t('policies.detail.note'), dataIndex: 'note', render: (v: string) => v || '—' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
      <PolicyAnswers policyId={policy.id} />
      <ExplanationDrawer policyId={policy.id} enterpriseId={open} onClose={() => setOpen(null)} />
    </Page>
  );
}

export function PolicyPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const v = Number(params.get('version'));
  const version = Number.isInteger(v) && v > 0 ? v : null;
  const policy = usePolicy(id, version);
  return <QueryState query={policy}>{(p) => <PolicyView policy={p} viewingOld={version} />}</QueryState>;
}
