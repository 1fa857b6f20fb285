// /public/objections: a filer follows an objection (异议) — by its receipt number and the contact given when filing
// (no account needed); a signed-in enterprise also sees every objection its account filed.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { objectionLookupSchema, type ObjectionStatus } from '@contracts/modules/grants/grants.contract.ts';
import { errorText, issuePaths, setFieldErrors } from '../../app/errors.ts';
import { actsForEnterprise } from '../../app/access.ts';
import { useSession } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useMyObjections, useObjectionLookup } from './grants.api.ts';
import { ObjectionStatusTag } from './labels.tsx';
import './grants.css';

function StatusCard({ o }: { o: ObjectionStatus }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      className="mtx-descriptions"
      size="small"
      bordered
      column={1}
      title={
        <span>
          {t('grants.follow.receipt')}
          <span className="mtx-mono">{o.receipt ?? '—'}</span> <ObjectionStatusTag status={o.status} />
        </span>
      }
    >
      <Descriptions.Item label={t('grants.follow.notice')}>
        <Link to={`/public/notices/${o.batchId}`}>
          {o.policyName} · <span className="mtx-mono">{o.batchNumber}</span>
        </Link>
      </Descriptions.Item>
      <Descriptions.Item label={t('grants.follow.about')}>
        {o.enterpriseName ?? t('grants.objections.aboutWhole')}
      </Descriptions.Item>
      <Descriptions.Item label={t('grants.follow.filedAt')}>{formatDateTime(o.filedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('grants.follow.text')}>
        <span className="mtx-grant-text">{o.text}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('grants.follow.response')}>
        {o.response ? (
          <>
            <span className="mtx-grant-text">{o.response}</span>
            {o.respondedAt && (
              <Typography.Text type="secondary"> · {formatDateTime(o.respondedAt)}</Typography.Text>
            )}
          </>
        ) : (
          <Typography.Text type="secondary">{t('grants.follow.pending')}</Typography.Text>
        )}
      </Descriptions.Item>
      {o.batchStatus === 'decided' && (
        <Descriptions.Item label={t('grants.follow.decision')}>
          {t('grants.follow.decided')}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function MyObjections() {
  const { t } = useTranslation();
  const mine = useMyObjections(true);
  if (!mine.data) return null;
  return (
    <Card className="mtx-section" title={<h2 className="mtx-card-heading">{t('grants.follow.mine')}</h2>}>
      {mine.data.length === 0 ? (
        <Typography.Text type="secondary">{t('grants.follow.mineNone')}</Typography.Text>
      ) : (
        <List
          dataSource={mine.data}
          renderItem={(o) => (
            <List.Item key={o.receipt ?? o.filedAt}>
              <StatusCard o={o} />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function ObjectionStatusPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ receipt?: string; contact?: string }>();
  const lookup = useObjectionLookup();
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(t('grants.follow.title'));

  const onFinish = async (v: { receipt?: string; contact?: string }) => {
    setError(null);
    const parsed = objectionLookupSchema.safeParse({ receipt: v.receipt ?? '', contact: v.contact ?? '' });
    if (!parsed.success) return setFieldErrors(form, issuePaths(parsed.error.issues));
    try {
      await lookup.mutateAsync(parsed.data);
    } catch (e) {
      setError(errorText(t, e, i18n.language));
    }
  };

  return (
    <Page
      title={t('grants.follow.title')}
      crumbs={[{ title: t('grants.notices.title'), to: '/public/notices' }]}
    >
      <Card className="mtx-section">
        <Typography.Paragraph type="secondary">{t('grants.follow.intro')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 480 }}
          initialValues={{ receipt: params.get('receipt') ?? '' }}
          onFinish={(v) => void onFinish(v)}
        >
          <Form.Item name="receipt" label={t('grants.follow.receiptLabel')} required>
            <Input placeholder="26-0001" className="mtx-mono" maxLength={9} />
          </Form.Item>
          <Form.Item
            name="contact"
            label={t('grants.follow.contactLabel')}
            required
            extra={t('grants.follow.contactHelp')}
          >
            <Input maxLength={60} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lookup.isPending}>
            {t('grants.follow.submit')}
          </Button>
        </Form>
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginTop: 16 }} />}
        {lookup.data && !error && (
          <div style={{ marginTop: 16 }}>
            <StatusCard o={lookup.data} />
          </div>
        )}
      </Card>
      {actsForEnterprise(user) && <MyObjections />}
    </Page>
  );
}
