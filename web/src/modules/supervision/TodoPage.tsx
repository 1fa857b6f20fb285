// /supervision/todo: 我的待办 — the unit's open items wanting a report this period, returned ones and overdue ones,
// each with a report form (进展情况, 完成数量 or 百分比, 存在问题, 下步计划, 自报状态).
import { useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportBody, todoItemSchema } from '@contracts/modules/supervision/supervision.contract.ts';
import type { z } from 'zod';

type TodoItem = z.infer<typeof todoItemSchema>;
import { declaredStatuses } from '@contracts/modules/supervision/supervision.kinds.ts';
import type { Period } from '@contracts/platform/time/period.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { isApiError } from '../../app/api.ts';
import { useNotices, useSubmitReport, useTodo } from './supervision.api.ts';
import { NoticeList } from './NoticeList.tsx';
import { StatusTag } from './labels.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';

const whyColour = { due: 'blue', returned: 'orange', overdue: 'red' } as const;

export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.menu.todo'));
  const todo = useTodo();
  // The unit's 督办单 in force, to acknowledge (签收) and answer (整改情况).
  const notices = useNotices({ state: 'open' }, 1, 100);
  const [reporting, setReporting] = useState<TodoItem | null>(null);
  const [openId, setOpenId] = useState<string>();
  return (
    <Page
      title={t('supervision.menu.todo')}
      subTitle={
        todo.data
          ? t('supervision.todo.period', {
              period: todo.data.period,
              year: todo.data.period.slice(0, 4),
              month: Number(todo.data.period.slice(5, 7)),
            })
          : undefined
      }
    >
      {(notices.data?.items.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>{t('supervision.notice.mine')}</Typography.Title>
          <NoticeList notices={notices.data!.items} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('supervision.menu.todo')}
          </Typography.Title>
        </>
      )}
      <List
        loading={todo.isLoading}
        dataSource={todo.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('supervision.todo.empty')} /> }}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Button key="report" type="primary" onClick={() => setReporting(i)}>
                {t('supervision.todo.report')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <a onClick={() => setOpenId(i.id)}>
                    {i.number}. {i.title}
                  </a>
                  {i.why.map((w) => (
                    <Tag key={w} color={whyColour[w]}>
                      {t(`supervision.todo.why.${w}`)}
                    </Tag>
                  ))}
                </Space>
              }
              description={
                <Space wrap>
                  <StatusTag status={i.status} />
                  <Typography.Text type="secondary">
                    {i.task ? `${i.task.number}、${i.task.title} · ` : ''}
                    {t('supervision.field.due')} {i.dueDate} · {i.status.reason}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      {reporting && todo.data && (
        <ReportForm
          item={reporting}
          periods={
            [
              ...new Set([todo.data.period, reporting.returnedPeriod].filter((x): x is string => !!x)),
            ] as Period[]
          }
          onClose={() => setReporting(null)}
        />
      )}
      <ItemDrawer id={openId} onClose={() => setOpenId(undefined)} />
    </Page>
  );
}

function ReportForm({ item, periods, onClose }: { item: TodoItem; periods: Period[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportBody>();
  const submit = useSubmitReport();
  const save = async () => {
    const values = await form.validateFields();
    const period = values.period;
    try {
      await submit.mutateAsync({
        itemId: item.id,
        body: {
          ...values,
          period,
          quantityDone: values.quantityDone ?? null,
          percent: values.percent ?? null,
          problems: values.problems ?? '',
          nextSteps: values.nextSteps ?? '',
          needsCoordination: !!values.needsCoordination,
        },
      });
      void message.success(t('supervision.todo.saved'));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.fields.length)
        form.setFields(e.fields.map((f) => ({ name: f.path as keyof ReportBody, errors: [f.message] })));
      else void message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open
      title={`${item.number}. ${item.title}`}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('supervision.todo.submit')}
      confirmLoading={submit.isPending}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          declaredStatus: item.declaredStatus ?? undefined,
          period: item.returnedPeriod ?? periods[0],
        }}
      >
        <Form.Item name="period" label={t('supervision.field.period')} rules={[{ required: true }]}>
          <Select style={{ width: 200 }} options={periods.map((p) => ({ value: p, label: p }))} />
        </Form.Item>
        <Form.Item
          name="progress"
          label={t('supervision.field.progress')}
          rules={[{ required: true, message: t('supervision.todo.progressRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        {item.kind === 'quantity' ? (
          <Form.Item
            name="quantityDone"
            label={t('supervision.field.quantityDone', {
              unit: item.goalUnit ?? '',
              goal: item.goalQuantity ?? '',
            })}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} style={{ width: 200 }} />
          </Form.Item>
        ) : (
          <Form.Item name="percent" label={t('supervision.field.percent')}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item name="problems" label={t('supervision.field.problems')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('supervision.field.nextSteps')}>
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="declaredStatus" label={t('supervision.field.declared')}>
          <Select
            allowClear
            options={declaredStatuses.map((s) => ({ value: s, label: t(`supervision.declared.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="needsCoordination" valuePropName="checked">
          <Checkbox>{t('supervision.field.needsCoordination')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
