// Values departments enter for a target no report measures (e.g. clusters built), and the form to add one.
import { Alert, App, Button, Card, Form, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormDatePicker,
  ProFormDigit,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { manualValueBodySchema } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { issuePaths, setFieldErrors, setServerFieldErrors, useShowError } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatDateTime } from '../../components/format.ts';
import { formatMeasure } from '../../components/charts/measure.ts';
import { useAddManualValue, useManualValues, type ManualValue } from './monitoring.api.ts';

interface FormValues {
  asOf: string;
  value: number;
  source: string;
  note?: string;
}

export function ManualValues({
  code,
  unit,
  canAdd,
  isAdmin,
  official = false,
}: {
  /** A computed target: these are departments' official figures shown beside the computed value. */
  official?: boolean;
  code: string;
  unit: string;
  canAdd: boolean;
  isAdmin: boolean;
}) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const showError = useShowError();
  const list = useManualValues(code, true);
  const add = useAddManualValue(code);
  const [form] = Form.useForm<FormValues>();

  const onFinish = async (values: FormValues): Promise<boolean> => {
    const body = {
      asOf: values.asOf,
      value: values.value,
      source: values.source,
      note: values.note?.trim() || undefined,
    };
    const parsed = manualValueBodySchema.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(form, issuePaths(parsed.error.issues));
      return false;
    }
    try {
      await add.mutateAsync(parsed.data);
      void message.success(isAdmin ? t('monitoring.manualSavedAdmin') : t('monitoring.manualSaved'), 6);
      return true;
    } catch (e) {
      if (!setServerFieldErrors(form, e)) showError(e);
      return false;
    }
  };

  return (
    <Card
      className="mtx-mon-block"
      title={
        <h2 className="mtx-card-heading">
          {t(official ? 'monitoring.manualTitleOfficial' : 'monitoring.manualTitle')}
        </h2>
      }
      extra={
        canAdd ? (
          <ModalForm<FormValues>
            title={t('monitoring.manualAdd')}
            form={form}
            width={480}
            modalProps={{ destroyOnHidden: true }}
            trigger={
              <Button type="primary" size="small" icon={<PlusOutlined />}>
                {t('monitoring.manualAdd')}
              </Button>
            }
            initialValues={{ asOf: dayjs().format('YYYY-MM-DD') }}
            dateFormatter="string"
            onFinish={onFinish}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
          >
            <ProFormDatePicker
              name="asOf"
              label={t('monitoring.manualAsOf')}
              rules={[{ required: true, message: t('monitoring.manualAsOfRequired') }]}
              fieldProps={{ style: { width: '100%' } }}
            />
            <ProFormDigit
              name="value"
              label={t('monitoring.manualValue', { unit })}
              min={-1e12}
              fieldProps={{ precision: 2 }}
              rules={[{ required: true, message: t('monitoring.manualValueRequired') }]}
            />
            <ProFormText
              name="source"
              label={t('monitoring.manualSource')}
              placeholder={t('monitoring.manualSourcePlaceholder')}
              rules={[{ required: true, message: t('monitoring.manualSourceRequired') }]}
            />
            <ProFormTextArea name="note" label={t('monitoring.manualNote')} fieldProps={{ maxLength: 500 }} />
          </ModalForm>
        ) : undefined
      }
    >
      {list.isError ? (
        <Alert type="error" showIcon message={t('common.loadFailed')} />
      ) : (
        <Table<ManualValue>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 560 }}
          locale={{ emptyText: t('monitoring.manualEmpty') }}
          columns={[
            { title: t('monitoring.manualAsOf'), dataIndex: 'asOf', width: 110 },
            {
              title: t('monitoring.value'),
              dataIndex: 'value',
              align: 'right',
              width: 100,
              render: (_, r) => formatMeasure(r.value, unit, lang),
            },
            { title: t('monitoring.manualSource'), dataIndex: 'source' },
            { title: t('monitoring.manualNote'), dataIndex: 'note', render: (_, r) => r.note ?? '—' },
            {
              title: t('monitoring.manualEnteredAt'),
              dataIndex: 'enteredAt',
              width: 140,
              render: (_, r) => formatDateTime(r.enteredAt),
            },
          ]}
        />
      )}
      <div className="mtx-mon-note">{t('monitoring.manualNoteText')}</div>
    </Card>
  );
}
