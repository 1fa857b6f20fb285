// /service-desk/config (the plan office): the desk's configuration document as GET/PUT /api/service-desk/config
// hold it — the category tree with its time limits by urgency (working days), the routing rules in order (the
// first that holds names the unit), the dispatcher and the rating window. Saving keeps a new version; the server's
// field errors (a duplicate code, a parent listed after its child, an unknown unit) land on their fields.
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Tabs, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fields as enterpriseFields } from '@contracts/modules/enterprises/fields.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLanguage } from '../../app/i18n.ts';
import { serverFieldIssues, setFieldErrors, useShowError } from '../../app/errors.ts';
import { useConfig, useDeskUnits, useSaveConfig, type DeskConfig } from './servicedesk.api.ts';
import { configBody } from './servicedesk.helpers.ts';
import './servicedesk.css';

type Tab = 'categories' | 'rules' | 'general';

export function ConfigPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('serviceDesk.menu.config'));
  const query = useConfig();
  return (
    <Page
      title={t('serviceDesk.menu.config')}
      crumbs={[
        { title: t('serviceDesk.menu.desk'), to: '/service-desk' },
        { title: t('serviceDesk.menu.config') },
      ]}
    >
      <QueryState query={query}>{(view) => <ConfigForm view={view} />}</QueryState>
    </Page>
  );
}

function ConfigForm({ view }: { view: NonNullable<ReturnType<typeof useConfig>['data']> }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<DeskConfig>();
  const [tab, setTab] = useState<Tab>('categories');
  const save = useSaveConfig();
  const units = useDeskUnits();
  const categories = Form.useWatch('categories', form) ?? view.categories;
  useEffect(() => {
    form.setFieldsValue(view);
  }, [form, view]);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  const subdistrictOptions = (units.data ?? [])
    .filter((u) => u.kind === 'subdistrict')
    .map((u) => ({ value: u.code, label: u.name }));
  const categoryOptions = categories
    .filter((c) => c?.code)
    .map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }));

  const submit = async () => {
    let values: DeskConfig;
    try {
      values = await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name[0];
      if (first === 'categories' || first === 'rules') setTab(first);
      else if (first) setTab('general');
      return;
    }
    try {
      const saved = await save.mutateAsync(configBody(values));
      void message.success(t('serviceDesk.config.saved', { version: saved.version }));
    } catch (e) {
      const issues = serverFieldIssues(e);
      if (issues.length) {
        setFieldErrors(form, issues);
        const first = issues[0]!.path[0];
        setTab(first === 'categories' || first === 'rules' ? first : 'general');
        void message.error(t('serviceDesk.config.fieldErrors', { n: issues.length }));
      } else showError(e);
    }
  };

  const days = (name: (string | number)[], label: string, min = 0) => (
    <Form.Item name={name} label={label} rules={[{ required: true, type: 'number', min, max: 60 }]}>
      <InputNumber min={min} max={60} precision={0} style={{ width: 88 }} />
    </Form.Item>
  );
  const rowButtons = (i: number, count: number, move: (a: number, b: number) => void, remove: () => void) => (
    <Space size={2} style={{ paddingTop: 30 }}>
      <Button
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={i === 0}
        onClick={() => move(i, i - 1)}
        aria-label={t('serviceDesk.config.up')}
      />
      <Button
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={i === count - 1}
        onClick={() => move(i, i + 1)}
        aria-label={t('serviceDesk.config.down')}
      />
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={remove}
        aria-label={t('serviceDesk.config.remove')}
      />
    </Space>
  );

  return (
    <Form<DeskConfig> form={form} layout="vertical" initialValues={view} onFinish={() => void submit()}>
      <Typography.Paragraph type="secondary">
        {t('serviceDesk.config.version', {
          version: view.version,
          by: view.savedByLabel ?? t('serviceDesk.config.defaultBy'),
          at: view.savedAt ? formatDateTime(view.savedAt) : '—',
        })}
      </Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          {
            key: 'categories',
            label: t('serviceDesk.config.categories'),
            forceRender: true,
            children: (
              <Card size="small">
                <Typography.Paragraph type="secondary">
                  {t('serviceDesk.config.categoriesHint')}
                </Typography.Paragraph>
                <Form.List name="categories">
                  {(rows, { add, remove, move }) => (
                    <>
                      {rows.map((row, i) => (
                        <div key={row.key} className="mtx-sd-config-row">
                          <Form.Item
                            name={[row.name, 'code']}
                            label={t('serviceDesk.config.code')}
                            rules={[{ required: true, message: t('serviceDesk.config.codeRequired') }]}
                          >
                            <Input style={{ width: 150 }} />
                          </Form.Item>
                          <Form.Item
                            name={[row.name, 'name']}
                            label={t('serviceDesk.config.name')}
                            rules={[
                              {
                                required: true,
                                whitespace: true,
                                message: t('serviceDesk.config.nameRequired'),
                              },
                            ]}
                          >
                            <Input style={{ width: 200 }} maxLength={40} />
                          </Form.Item>
                          {days([row.name, 'acceptDays'], t('serviceDesk.config.acceptDays'))}
                          {days([row.name, 'answerDays'], t('serviceDesk.config.answerDays'), 1)}
                          {days([row.name, 'urgentAcceptDays'], t('serviceDesk.config.urgentAcceptDays'))}
                          {days([row.name, 'urgentAnswerDays'], t('serviceDesk.config.urgentAnswerDays'), 1)}
                          {rowButtons(i, rows.length, move, () => remove(row.name))}
                        </div>
                      ))}
                      <Button
                        icon={<PlusOutlined />}
                        style={{ marginTop: 12 }}
                        onClick={() =>
                          add({
                            code: '',
                            name: '',
                            acceptDays: 1,
                            answerDays: 5,
                            urgentAcceptDays: 1,
                            urgentAnswerDays: 3,
                          })
                        }
                      >
                        {t('serviceDesk.config.addCategory')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ),
          },
          {
            key: 'rules',
            label: t('serviceDesk.config.rules'),
            forceRender: true,
            children: (
              <Card size="small">
                <Typography.Paragraph type="secondary">
                  {t('serviceDesk.config.rulesHint')}
                </Typography.Paragraph>
                <Form.List name="rules">
                  {(rows, { add, remove, move }) => (
                    <>
                      {rows.map((row, i) => (
                        <div key={row.key} className="mtx-sd-config-row">
                          <Typography.Text strong style={{ paddingTop: 34, width: 28 }}>
                            {i + 1}.
                          </Typography.Text>
                          <Form.Item
                            name={[row.name, 'category']}
                            label={t('serviceDesk.config.ruleCategory')}
                            rules={[{ required: true, message: t('serviceDesk.config.categoryRequired') }]}
                          >
                            <Select
                              showSearch
                              optionFilterProp="label"
                              options={categoryOptions}
                              style={{ width: 200 }}
                            />
                          </Form.Item>
                          <Form.Item
                            name={[row.name, 'subdistrict']}
                            label={t('serviceDesk.config.subdistrict')}
                          >
                            <Select
                              allowClear
                              showSearch
                              optionFilterProp="label"
                              options={subdistrictOptions}
                              style={{ width: 150 }}
                            />
                          </Form.Item>
                          <Form.Item name={[row.name, 'field']} label={t('serviceDesk.config.field')}>
                            <Select
                              allowClear
                              showSearch
                              optionFilterProp="label"
                              style={{ width: 150 }}
                              options={enterpriseFields.map((f) => ({
                                value: f.code,
                                label: pick(f.zh, f.en),
                              }))}
                            />
                          </Form.Item>
                          <Form.Item name={[row.name, 'keyword']} label={t('serviceDesk.config.keyword')}>
                            <Input style={{ width: 120 }} maxLength={40} />
                          </Form.Item>
                          <Form.Item
                            name={[row.name, 'unit']}
                            label={t('serviceDesk.config.unit')}
                            rules={[{ required: true, message: t('serviceDesk.config.unitRequired') }]}
                          >
                            <Select
                              showSearch
                              optionFilterProp="label"
                              options={unitOptions}
                              style={{ width: 260 }}
                            />
                          </Form.Item>
                          {rowButtons(i, rows.length, move, () => remove(row.name))}
                        </div>
                      ))}
                      <Button
                        icon={<PlusOutlined />}
                        style={{ marginTop: 12 }}
                        onClick={() => add({ category: undefined, unit: undefined })}
                      >
                        {t('serviceDesk.config.addRule')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Card>
            ),
          },
          {
            key: 'general',
            label: t('serviceDesk.config.general'),
            forceRender: true,
            children: (
              <Card size="small">
                <Form.Item
                  name="dispatcher"
                  label={t('serviceDesk.config.dispatcher')}
                  extra={t('serviceDesk.config.dispatcherHint')}
                >
                  <Select
                    allowClear
                    showSearch
                    optionFilterProp="label"
                    options={unitOptions}
                    style={{ maxWidth: 360 }}
                  />
                </Form.Item>
                <Form.Item
                  name="rateWithinWorkingDays"
                  label={t('serviceDesk.config.rateWithin')}
                  extra={t('serviceDesk.config.rateWithinHint')}
                  rules={[{ required: true, type: 'number', min: 1, max: 30 }]}
                >
                  <InputNumber
                    min={1}
                    max={30}
                    precision={0}
                    addonAfter={t('serviceDesk.clock.workingDays')}
                  />
                </Form.Item>
              </Card>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('serviceDesk.config.save')}
        </Button>
        <Button onClick={() => form.setFieldsValue(view)}>{t('serviceDesk.config.reset')}</Button>
      </Space>
    </Form>
  );
}
