// Creating or changing a work item: task, title, owning unit, people, dates, kind and goal, source, cadence, weight,
// evidence, state. The server checks the owner against the task and the dates; its field errors land on the fields.
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemInput, ItemView } from '@contracts/modules/supervision/supervision.contract.ts';
import { itemKinds, itemSources, itemStates } from '@contracts/modules/supervision/supervision.kinds.ts';
import { isApiError } from '../../app/api.ts';
import { useSession } from '../../app/session.ts';
import { mayManageLedger } from './supervision.access.ts';
import { useRollup, useSaveItem, useUnits } from './supervision.api.ts';

type Values = ItemInput;

const toValues = (i: ItemView): Values => ({
  taskNumber: i.task?.number ?? null,
  title: i.title,
  ownerUnitId: i.owner.id,
  responsiblePeople: i.responsiblePeople,
  startDate: i.startDate,
  dueDate: i.dueDate,
  kind: i.kind,
  goalQuantity: i.goalQuantity,
  goalUnit: i.goalUnit,
  targetCodes: i.targetCodes,
  evidence: i.evidence,
  source: i.source,
  sourceRef: i.sourceRef,
  cadenceMonths: i.cadenceMonths,
  weight: i.weight,
  state: i.state,
  declaredStatus: i.declaredStatus,
});

export function ItemForm({
  item,
  ownUnitId,
  onClose,
}: {
  /** The item to change; absent to create one. */
  item?: ItemView;
  /** The signed-in user's unit, the owner a new item starts with. */
  ownUnitId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { user } = useSession();
  const tasks = useRollup();
  const units = useUnits();
  const save = useSaveItem();
  const kind = Form.useWatch('kind', form);
  const initial: Partial<Values> = item
    ? toValues(item)
    : {
        kind: 'milestone',
        source: 'task',
        cadenceMonths: 1,
        weight: 1,
        state: 'open',
        ...(ownUnitId ? { ownerUnitId: ownUnitId } : {}),
      };
  const submit = async () => {
    const v = await form.validateFields();
    const body: Values = {
      ...(item ? toValues(item) : {}),
      ...v,
      taskNumber: v.taskNumber ?? null,
      responsiblePeople: v.responsiblePeople ?? '',
      goalQuantity: v.kind === 'quantity' ? (v.goalQuantity ?? null) : null,
      goalUnit: v.kind === 'quantity' ? (v.goalUnit ?? null) : null,
      targetCodes: item?.targetCodes ?? [],
      evidence: v.evidence ?? '',
      sourceRef: v.sourceRef ?? '',
      declaredStatus: item?.declaredStatus ?? null,
    };
    try {
      await save.mutateAsync({ id: item?.id, body });
      void message.success(t('supervision.form.saved'));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.fields.length)
        form.setFields(
          e.fields.map((f) => ({ name: f.path.split('.')[0] as keyof Values, errors: [f.message] })),
        );
      else void message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={item ? t('supervision.form.edit') : t('supervision.form.create')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="taskNumber" label={t('supervision.field.task')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            options={(tasks.data?.tasks ?? []).map((x) => ({
              value: x.number,
              label: `${x.number}、${x.title}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('supervision.field.title')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="ownerUnitId" label={t('supervision.field.owner')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={(units.data?.items ?? [])
                  .filter((u) => u.kind !== 'collective')
                  .map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="responsiblePeople" label={t('supervision.field.people')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="startDate" label={t('supervision.field.start')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dueDate" label={t('supervision.field.due')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label={t('supervision.field.kind')}>
              <Select options={itemKinds.map((k) => ({ value: k, label: t(`supervision.kind.${k}`) }))} />
            </Form.Item>
          </Col>
          {kind === 'quantity' && (
            <>
              <Col span={8}>
                <Form.Item
                  name="goalQuantity"
                  label={t('supervision.field.goal')}
                  rules={[{ required: true }]}
                >
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="goalUnit" label={t('supervision.field.goalUnit')}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={8}>
            <Form.Item name="source" label={t('supervision.field.source')}>
              <Select options={itemSources.map((s) => ({ value: s, label: t(`supervision.source.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="sourceRef" label={t('supervision.field.sourceRef')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="cadenceMonths" label={t('supervision.field.cadence')}>
              <InputNumber min={1} max={12} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="weight" label={t('supervision.field.weight')}>
              <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="state" label={t('supervision.field.state')}>
              <Select
                disabled={!mayManageLedger(user)}
                options={itemStates.map((s) => ({ value: s, label: t(`supervision.state.${s}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="evidence" label={t('supervision.field.evidence')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
