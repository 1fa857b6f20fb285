// The objection form under a public notice: about one listed enterprise or the list as a whole, with name, contact
// (seen by the plan office only) and the objection; a confirmation with the objection's number once filed.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { objectionFileSchema, type PublicNotice } from '@contracts/modules/grants/grants.contract.ts';
import { isApiError } from '../../app/api.ts';
import { errorText, formPath, issuePaths, setFieldErrors } from '../../app/errors.ts';
import { useSession } from '../../app/session.ts';
import { Link } from 'react-router-dom';
import { useFileObjection } from './notices.api.ts';
import { actsForEnterprise } from '../../app/access.ts';

/** The select's value for “about the list as a whole” (the API takes null). */
const WHOLE = 'whole';

interface FormValues {
  about?: string;
  filerName?: string;
  filerContact?: string;
  text?: string;
}

export function NoticeObjectionForm({ notice }: { notice: PublicNotice }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  const file = useFileObjection(notice.id);

  // an enterprise user on the list most likely objects about its own line
  const own = user?.enterpriseId ? notice.items.find((i) => i.enterpriseId === user.enterpriseId) : undefined;
  const initialValues: FormValues = {
    about: own?.enterpriseId,
    filerName: actsForEnterprise(user) ? (user?.enterpriseName ?? undefined) : undefined,
  };

  const onFinish = async (v: FormValues) => {
    setFormError(null);
    const parsed = objectionFileSchema.safeParse({
      enterpriseId: !v.about || v.about === WHOLE ? null : v.about,
      filerName: v.filerName ?? '',
      filerContact: v.filerContact ?? '',
      text: v.text ?? '',
    });
    if (!parsed.success) {
      // the API's field is enterpriseId; the form's is `about`
      setFieldErrors(
        form,
        issuePaths(parsed.error.issues).map((i) =>
          i.path[0] === 'enterpriseId' ? { ...i, path: ['about'] } : i,
        ),
      );
      return;
    }
    try {
      const res = await file.mutateAsync(parsed.data);
      setFiled(res.receipt);
      form.resetFields();
    } catch (e) {
      if (isApiError(e) && e.fields.length > 0) {
        setFieldErrors(
          form,
          e.fields.map((f) => ({
            path: f.path === 'enterpriseId' ? ['about'] : formPath(f.path),
            message: f.message,
          })),
        );
      }
      setFormError(errorText(t, e, i18n.language));
    }
  };

  if (filed) {
    return (
      <Card className="mtx-notice-form" id="objection">
        <Result
          status="success"
          title={t('grants.notices.filedTitle')}
          subTitle={
            <>
              <div>
                {t('grants.notices.filedNumber')}
                <Typography.Text copyable className="mtx-mono">
                  {filed}
                </Typography.Text>
              </div>
              <div>{t('grants.notices.filedText')}</div>
              <div>
                <Link to={`/public/objections?receipt=${encodeURIComponent(filed)}`}>
                  {t('grants.notices.filedFollow')}
                </Link>
              </div>
            </>
          }
          extra={<Button onClick={() => setFiled(null)}>{t('grants.notices.fileAnother')}</Button>}
        />
      </Card>
    );
  }

  return (
    <Card
      className="mtx-notice-form"
      id="objection"
      title={<h2 className="mtx-card-heading">{t('grants.notices.formTitle')}</h2>}
    >
      <Typography.Paragraph type="secondary">{t('grants.notices.formIntro')}</Typography.Paragraph>
      {formError && (
        <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void onFinish(v)}
        onValuesChange={() => formError && setFormError(null)}
        requiredMark
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="about"
          label={t('grants.notices.about')}
          rules={[{ required: true, message: t('grants.notices.aboutRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('grants.notices.aboutPlaceholder')}
            options={[
              { value: WHOLE, label: t('grants.notices.whole') },
              ...notice.items.map((i) => ({ value: i.enterpriseId, label: `${i.name}（${i.uscc}）` })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="filerName"
          label={t('grants.notices.filerName')}
          rules={[{ required: true, whitespace: true, message: t('grants.notices.filerNameRequired') }]}
        >
          <Input maxLength={60} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="filerContact"
          label={t('grants.notices.filerContact')}
          extra={t('grants.notices.filerContactHelp')}
          rules={[
            { required: true, whitespace: true, message: t('grants.notices.filerContactRequired') },
            { min: 5, message: t('grants.notices.filerContactRequired') },
          ]}
        >
          <Input maxLength={60} autoComplete="tel" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('grants.notices.text')}
          rules={[
            { required: true, whitespace: true, message: t('grants.notices.textRequired') },
            { min: 5, message: t('grants.notices.textRequired') },
          ]}
        >
          <Input.TextArea
            maxLength={2000}
            showCount
            autoSize={{ minRows: 4, maxRows: 12 }}
            placeholder={t('grants.notices.textPlaceholder')}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={file.isPending}>
            {t('grants.notices.submit')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
