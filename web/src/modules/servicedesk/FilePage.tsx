// /service-desk/new: 提交诉求 — an enterprise files a request for itself (category from the configurable tree,
// urgency, title, description, attachments within the server's limits, contact, consent to publish anonymised);
// staff register one received by phone or at a visit (代录), naming the enterprise by USCC or name. One column,
// so it works on a 390px phone. The server's field errors land on the fields.
import { useState } from 'react';
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Radio,
  TreeSelect,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { FilingInput } from '@contracts/modules/servicedesk/servicedesk.contract.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useSession } from '../../app/session.ts';
import { setServerFieldErrors, useShowError } from '../../app/errors.ts';
import { useCategories, useFileRequest } from './servicedesk.api.ts';
import { mayFileFor, mayFileOwn } from './servicedesk.access.ts';
import {
  attachmentAccept,
  attachmentProblem,
  categoryTree,
  fileSize,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from './servicedesk.helpers.ts';
import './servicedesk.css';

interface Values {
  category: string;
  urgency: 'normal' | 'urgent';
  title: string;
  description: string;
  contactName?: string;
  contactPhone?: string;
  publishConsent: boolean;
  enterpriseBy: 'uscc' | 'name';
  enterprise?: { uscc?: string; name?: string };
  channel: 'phone' | 'visit';
}

export function FilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const navigate = useNavigate();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const categories = useCategories();
  const file = useFileRequest();
  // 代录 for staff; an enterprise files for itself
  const forOther = !mayFileOwn(user) && mayFileFor(user);
  const by = Form.useWatch('enterpriseBy', form) ?? 'uscc';
  const title = forOther ? t('serviceDesk.file.forTitle') : t('serviceDesk.file.title');
  useDocumentTitle(title);

  const submit = async (v: Values) => {
    const body: Partial<FilingInput> = {
      category: v.category,
      urgency: v.urgency,
      title: v.title,
      description: v.description,
      contactName: v.contactName ?? '',
      contactPhone: v.contactPhone ?? '',
      publishConsent: v.publishConsent,
      ...(forOther
        ? {
            enterprise: by === 'uscc' ? { uscc: v.enterprise?.uscc } : { name: v.enterprise?.name },
            channel: v.channel,
          }
        : {}),
    };
    try {
      const { created, failed } = await file.mutateAsync({
        body,
        files: files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])),
      });
      if (failed.length)
        void message.warning(
          t('serviceDesk.file.someFailed', {
            files: failed.map((f) => `${f.file}（${f.message}）`).join('；'),
          }),
        );
      void message.success(t('serviceDesk.file.done', { number: created.number }));
      navigate(`/service-desk/requests/${created.id}`);
    } catch (e) {
      if (!setServerFieldErrors(form, e)) showError(e);
    }
  };

  return (
    <Page title={title} crumbs={[{ title: t('serviceDesk.menu.root'), to: '/service-desk' }, { title }]}>
      <Card className="mtx-sd-form">
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ urgency: 'normal', publishConsent: false, enterpriseBy: 'uscc', channel: 'phone' }}
          onFinish={(v) => void submit(v)}
          scrollToFirstError
        >
          {forOther && (
            <>
              <Form.Item name="enterpriseBy" label={t('serviceDesk.file.enterpriseBy')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'uscc', label: t('serviceDesk.file.byUscc') },
                    { value: 'name', label: t('serviceDesk.file.byName') },
                  ]}
                />
              </Form.Item>
              {by === 'uscc' ? (
                <Form.Item
                  name={['enterprise', 'uscc']}
                  label={t('serviceDesk.file.uscc')}
                  rules={[{ required: true, len: 18, message: t('serviceDesk.file.usccRequired') }]}
                >
                  <Input maxLength={18} autoComplete="off" />
                </Form.Item>
              ) : (
                <Form.Item
                  name={['enterprise', 'name']}
                  label={t('serviceDesk.file.enterpriseName')}
                  extra={t('serviceDesk.file.enterpriseNameHint')}
                  rules={[{ required: true, message: t('serviceDesk.file.nameRequired') }]}
                >
                  <Input maxLength={200} />
                </Form.Item>
              )}
              <Form.Item name="channel" label={t('serviceDesk.file.channel')}>
                <Radio.Group
                  options={(['phone', 'visit'] as const).map((c) => ({
                    value: c,
                    label: t(`serviceDesk.channel.${c}`),
                  }))}
                />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="category"
            label={t('serviceDesk.field.category')}
            rules={[{ required: true, message: t('serviceDesk.file.categoryRequired') }]}
          >
            <TreeSelect
              treeDefaultExpandAll
              showSearch
              treeNodeFilterProp="title"
              loading={categories.isLoading}
              placeholder={t('serviceDesk.file.categoryPlaceholder')}
              treeData={categoryTree(categories.data?.items ?? [])}
            />
          </Form.Item>
          <Form.Item name="urgency" label={t('serviceDesk.field.urgency')}>
            <Radio.Group
              options={(['normal', 'urgent'] as const).map((u) => ({
                value: u,
                label: t(`serviceDesk.urgency.${u}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('serviceDesk.field.title')}
            rules={[{ required: true, whitespace: true, message: t('serviceDesk.file.titleRequired') }]}
          >
            <Input maxLength={100} showCount placeholder={t('serviceDesk.file.titlePlaceholder')} />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('serviceDesk.field.description')}
            rules={[{ required: true, whitespace: true, message: t('serviceDesk.file.descriptionRequired') }]}
          >
            <Input.TextArea
              rows={6}
              maxLength={5000}
              showCount
              placeholder={t('serviceDesk.file.descriptionPlaceholder')}
            />
          </Form.Item>
          <Form.Item
            label={t('serviceDesk.field.attachments')}
            extra={t('serviceDesk.file.attachmentsHint', {
              max: MAX_ATTACHMENTS,
              size: fileSize(MAX_ATTACHMENT_BYTES),
            })}
          >
            <Upload
              multiple
              accept={attachmentAccept}
              fileList={files}
              beforeUpload={(f) => {
                const problem = attachmentProblem(f);
                if (problem) {
                  void message.error(t(`serviceDesk.attachment.${problem}`, { file: f.name }));
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => {
                if (fileList.length > MAX_ATTACHMENTS)
                  void message.warning(t('serviceDesk.attachment.tooMany', { max: MAX_ATTACHMENTS }));
                setFiles(fileList.slice(0, MAX_ATTACHMENTS));
              }}
            >
              <Button icon={<UploadOutlined />}>{t('serviceDesk.file.chooseFiles')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="contactName" label={t('serviceDesk.field.contactName')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('serviceDesk.field.contactPhone')}
            rules={[{ pattern: /^[0-9+\-() ]*$/, message: t('serviceDesk.file.phoneInvalid') }]}
          >
            <Input maxLength={30} inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Form.Item name="publishConsent" valuePropName="checked" extra={t('serviceDesk.file.consentHint')}>
            <Checkbox>{t('serviceDesk.file.consent')}</Checkbox>
          </Form.Item>
          {forOther && <Alert type="info" showIcon message={t('serviceDesk.file.forHint')} />}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('serviceDesk.file.limitsHint')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" loading={file.isPending} block>
            {t('serviceDesk.file.submit')}
          </Button>
        </Form>
      </Card>
    </Page>
  );
}
