// /service-desk/requests/:id — one request, for the enterprise and for staff alike (the server decides what each
// sees): its facts, the clock (due dates, pauses, extension, overdue), the answer and the rating form when due,
// the public timeline (staff also see internal notes, marked), attachments, and the steps the user may take now.
import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  requestContactSchema,
  type RequestDetail,
} from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { ratings, type Rating } from '@contracts/modules/servicedesk/servicedesk.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { formatDateTime } from '../../components/format.ts';
import { useSession } from '../../app/session.ts';
import { api } from '../../app/api.ts';
import { PhoneReveal } from '../enterprises/PhoneReveal.tsx';
import { usePolicies } from '../policies/policies.api.ts';
import { useShowError } from '../../app/errors.ts';
import { usePublication, useRequest, useStep, useUpload } from './servicedesk.api.ts';
import { isDeskStaff, mayAttach, mayPublish } from './servicedesk.access.ts';
import { attachmentAccept, attachmentProblem, fileSize } from './servicedesk.helpers.ts';
import { ClockTag, RequestFlags, StateTag } from './labels.tsx';
import { StepActions } from './StepActions.tsx';
import './servicedesk.css';

export function RequestPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useSession();
  const query = useRequest(id);
  useDocumentTitle(query.data ? `${query.data.number} ${query.data.title}` : t('serviceDesk.detail.title'));
  const staff = isDeskStaff(user);
  // on a phone the number is in the breadcrumbs only (beside the title it would be cut short)
  const mobile = useIsMobile();
  const back = staff
    ? { title: t('serviceDesk.menu.desk'), to: '/service-desk' }
    : { title: t('serviceDesk.menu.mine'), to: '/service-desk/mine' };
  return (
    <QueryState query={query}>
      {(r) => (
        <Page
          title={r.title}
          subTitle={mobile ? undefined : r.number}
          crumbs={[back, { title: r.number }]}
          tags={
            <Space size={4} wrap>
              <StateTag state={r.state} />
              <ClockTag r={r} />
              <RequestFlags r={r} />
            </Space>
          }
        >
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                {r.actions.some((a) => a !== 'rate') && (
                  <Card size="small" title={t('serviceDesk.detail.actions')}>
                    {r.state === 'supplement' && (
                      <Alert
                        type="warning"
                        showIcon
                        style={{ marginBottom: 12 }}
                        message={t('serviceDesk.detail.supplementAsked', {
                          text: r.events.findLast((e) => e.kind === 'supplementRequested')?.text ?? '',
                        })}
                      />
                    )}
                    <StepActions r={r} />
                  </Card>
                )}
                {r.actions.includes('rate') && <RatingCard r={r} />}
                <Card size="small" title={t('serviceDesk.field.description')}>
                  <Typography.Paragraph className="mtx-sd-text">{r.description}</Typography.Paragraph>
                </Card>
                {r.answer !== null && (
                  <Card size="small" title={t('serviceDesk.detail.answer')}>
                    <Typography.Paragraph className="mtx-sd-text">{r.answer}</Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {r.unit?.name} · {r.answeredAt ? formatDateTime(r.answeredAt) : ''}
                    </Typography.Text>
                    {r.rating && (
                      <div style={{ marginTop: 8 }}>
                        <Tag color={r.rating === 'dissatisfied' ? 'red' : 'green'}>
                          {t(`serviceDesk.rating.${r.rating}`)}
                        </Tag>
                        {r.ratingAuto && (
                          <Typography.Text type="secondary">
                            {t('serviceDesk.detail.ratingAuto')}
                          </Typography.Text>
                        )}
                        {r.ratingComment && <span className="mtx-sd-text">{r.ratingComment}</span>}
                      </div>
                    )}
                  </Card>
                )}
                <Card size="small" title={t('serviceDesk.detail.timeline')}>
                  <EventTimeline r={r} />
                </Card>
              </Space>
            </Col>
            <Col xs={24} lg={9}>
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Facts r={r} staff={staff} />
                <ClockCard r={r} />
                <Attachments r={r} />
                {mayPublish(user) && <PublicationCard r={r} />}
              </Space>
            </Col>
          </Row>
        </Page>
      )}
    </QueryState>
  );
}

function Facts({ r, staff }: { r: RequestDetail; staff: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('serviceDesk.detail.facts')}>
      <Descriptions column={1} size="small">
        {staff && (
          <Descriptions.Item label={t('serviceDesk.field.enterprise')}>
            <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link>
          </Descriptions.Item>
        )}
        {staff && (
          <Descriptions.Item label={t('serviceDesk.field.subdistrict')}>
            {r.subdistrict.name}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('serviceDesk.field.category')}>{r.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.urgency')}>
          {t(`serviceDesk.urgency.${r.urgency}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.unit')}>
          {r.unit?.name ?? t('serviceDesk.unit.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.filedAt')}>
          {formatDateTime(r.filedAt)} · {t(`serviceDesk.channel.${r.channel}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.filedBy')}>{r.filedByLabel}</Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.contact')}>
          {r.contactName && `${r.contactName} · `}
          <PhoneReveal
            phone={r.contactPhone}
            load={() =>
              api
                .get(`/service-desk/requests/${encodeURIComponent(r.id)}/contact`, requestContactSchema)
                .then((c) => c.contactPhone)
            }
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.field.publishConsent')}>
          {r.publishConsent ? t('serviceDesk.detail.consentYes') : t('serviceDesk.detail.consentNo')}
          {r.published && (
            <>
              {' · '}
              <Link to={`/public/service-desk/${r.id}`}>{t('serviceDesk.detail.publishedLink')}</Link>
            </>
          )}
        </Descriptions.Item>
        {staff && r.coordinationNote && (
          <Descriptions.Item label={t('serviceDesk.flag.coordination')}>
            {r.coordinationNote}
          </Descriptions.Item>
        )}
        {staff && r.possibleDuplicate && (
          <Descriptions.Item label={t('serviceDesk.detail.duplicate')}>
            <Link to={`/service-desk/requests/${r.possibleDuplicate.id}`}>{r.possibleDuplicate.number}</Link>
            {` · ${t('serviceDesk.detail.similarity', { score: Math.round(r.possibleDuplicate.score * 100) })}`}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function ClockCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const c = r.clock;
  return (
    <Card size="small" title={t('serviceDesk.detail.clock')}>
      {c.paused && (
        <Alert
          type="warning"
          showIcon
          message={t('serviceDesk.clock.pausedLong')}
          style={{ marginBottom: 8 }}
        />
      )}
      {c.overdueWorkingDays !== null && c.overdueWorkingDays > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('serviceDesk.clock.overdueDays', { n: c.overdueWorkingDays })}
          style={{ marginBottom: 8 }}
        />
      )}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('serviceDesk.clock.acceptDue')}>{c.acceptDueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.clock.answerDue')}>{c.answerDueOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.clock.elapsed')}>
          {t('serviceDesk.clock.elapsedOf', {
            n: c.elapsedWorkingDays,
            of: c.answerDays + c.extensionDays,
          })}
          {c.extensionDays > 0 && ` (${t('serviceDesk.clock.extended', { n: c.extensionDays })})`}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceDesk.clock.pausedDays')}>
          {t('serviceDesk.clock.days', { n: c.pausedWorkingDays })}
        </Descriptions.Item>
        {r.pendingExtension && (
          <Descriptions.Item label={t('serviceDesk.clock.pendingExtension')}>
            {t('serviceDesk.step.pendingExtension', r.pendingExtension)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {c.pauses.length > 0 && (
        <ul className="mtx-sd-pauses">
          {c.pauses.map((p, i) => (
            <li key={i}>
              {p.from} – {p.to ?? t('serviceDesk.clock.now')}：{p.reason}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function EventTimeline({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  if (!r.events.length) return <Empty />;
  return (
    <Timeline
      items={[...r.events].reverse().map((e) => ({
        color: e.internal ? 'gray' : e.kind === 'overdue' ? 'red' : 'blue',
        children: (
          <div>
            <Space size={4} wrap>
              <strong>
                {t(`serviceDesk.event.${e.kind === 'note' && e.internal ? 'internalNote' : e.kind}`)}
              </strong>
              {e.internal && <Tag>{t('serviceDesk.event.internalTag')}</Tag>}
              {e.unit && <Typography.Text type="secondary">{e.unit.name}</Typography.Text>}
            </Space>
            {e.text && <div className="mtx-sd-text">{e.text}</div>}
            <div>
              <Typography.Text type="secondary">
                {e.actorLabel} · {formatDateTime(e.at)}
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}

function RatingCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const step = useStep(r.id);
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const rate = async () => {
    if (!rating) return;
    try {
      await step.mutateAsync({ action: 'rate', body: { rating, comment: comment.trim() } });
      void message.success(t('serviceDesk.rate.done'));
    } catch (e) {
      showError(e);
    }
  };
  return (
    <Card size="small" title={t('serviceDesk.rate.title')} className="mtx-sd-rating">
      <Typography.Paragraph type="secondary">{t('serviceDesk.rate.hint')}</Typography.Paragraph>
      <Radio.Group
        value={rating}
        onChange={(e) => setRating(e.target.value as Rating)}
        optionType="button"
        buttonStyle="solid"
        options={ratings.map((x) => ({ value: x, label: t(`serviceDesk.rating.${x}`) }))}
      />
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('serviceDesk.rate.comment')}
        aria-label={t('serviceDesk.rate.comment')}
        style={{ margin: '12px 0' }}
      />
      {rating === 'dissatisfied' && r.reopenCount === 0 && (
        <Alert type="info" showIcon message={t('serviceDesk.rate.reopenHint')} style={{ marginBottom: 12 }} />
      )}
      <Button type="primary" disabled={!rating} loading={step.isPending} onClick={() => void rate()}>
        {t('serviceDesk.rate.submit')}
      </Button>
    </Card>
  );
}

function Attachments({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const upload = useUpload(r.id);
  return (
    <Card
      size="small"
      title={t('serviceDesk.field.attachments')}
      extra={
        mayAttach(user, r) && (
          <Upload
            accept={attachmentAccept}
            showUploadList={false}
            beforeUpload={(f) => {
              const problem = attachmentProblem(f);
              if (problem) void message.error(t(`serviceDesk.attachment.${problem}`, { file: f.name }));
              else
                upload.mutate(f, {
                  onSuccess: () => void message.success(t('serviceDesk.attachment.done', { file: f.name })),
                  onError: showError,
                });
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('serviceDesk.attachment.add')}
            </Button>
          </Upload>
        )
      }
    >
      {r.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('serviceDesk.attachment.none')}</Typography.Text>
      ) : (
        <Space direction="vertical" size={4}>
          {r.attachments.map((a) => (
            <a key={a.id} href={`/api/service-desk/attachments/${a.id}`}>
              <PaperClipOutlined /> {a.fileName}{' '}
              <Typography.Text type="secondary">
                ({fileSize(a.size)} · {a.uploadedByLabel})
              </Typography.Text>
            </a>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** The plan office withholds a consented, closed request from the knowledge base, or publishes it again. */
function PublicationCard({ r }: { r: RequestDetail }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const publication = usePublication(r.id);
  const policies = usePolicies();
  const eligible = r.publishConsent && r.state === 'closed' && r.answer !== null;
  return (
    <Card size="small" title={t('serviceDesk.publication.title')}>
      {eligible ? (
        <Space>
          <Switch
            checked={r.published}
            loading={publication.isPending}
            onChange={(on) => publication.mutate({ withheld: !on }, { onError: showError })}
            aria-label={t('serviceDesk.publication.title')}
          />
          {r.published ? t('serviceDesk.publication.on') : t('serviceDesk.publication.withheld')}
        </Space>
      ) : null}
      {eligible ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('serviceDesk.publication.policies')}</Typography.Text>
          <Select
            mode="multiple"
            allowClear
            style={{ width: '100%', marginTop: 4 }}
            placeholder={t('serviceDesk.publication.policiesHint')}
            loading={policies.isLoading || publication.isPending}
            value={r.policyIds}
            options={(policies.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            optionFilterProp="label"
            onChange={(policyIds: string[]) =>
              publication.mutate({ withheld: !r.published, policyIds }, { onError: showError })
            }
            aria-label={t('serviceDesk.publication.policies')}
          />
        </div>
      ) : (
        <Typography.Text type="secondary">
          {r.publishConsent ? t('serviceDesk.publication.notYet') : t('serviceDesk.publication.noConsent')}
        </Typography.Text>
      )}
    </Card>
  );
}
