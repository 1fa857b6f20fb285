// /enterprises/new and /enterprises/:id/edit — the enterprise form: checked with the contract's Zod schema before
// sending, then the server's field errors (VALIDATION, CONFLICT on a duplicate USCC) shown on their fields.
import { useMemo, useState } from 'react';
import {
  ProForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormList,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
} from '@ant-design/pro-components';
import { Alert, App, Card, Form, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  enterpriseInputSchema,
  type Enterprise,
  type EnterpriseInput,
} from '@contracts/modules/enterprises/enterprises.contract.ts';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { ApiError } from '../../app/api.ts';
import { selfEditableKeys } from '../../app/access.ts';
import { errorText, formPath, issuePaths, setFieldErrors, type FieldIssue } from '../../app/errors.ts';
import { useSession } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { useUnits } from '../units/units.api.ts';
import { useBuildings, useEnterprise, useEnterpriseContact, useSaveEnterprise } from './enterprises.api.ts';
import { useEnterpriseLabels } from './labels.ts';
import { actsForEnterprise, confinedToSubdistrict } from '../../app/access.ts';

type DateLike = string | Dayjs | null | undefined;
interface FormValues {
  uscc?: string;
  name?: string;
  registrationDate?: DateLike;
  subdistrictId?: string;
  buildingId?: string | null;
  address?: string;
  fields?: string[];
  aboveScale?: boolean;
  status?: string;
  settledOn?: DateLike;
  leftOn?: DateLike;
  contactPerson?: string;
  contactPhone?: string;
  honours?: { kind?: string; awardedOn?: DateLike; source?: string }[];
}

const toDate = (v: DateLike): string =>
  !v ? '' : typeof v === 'string' ? v.slice(0, 10) : v.format('YYYY-MM-DD');

/** The form's values as the API's input, before the schema checks them. */
function toInput(v: FormValues): EnterpriseInput {
  return {
    uscc: v.uscc ?? '',
    name: v.name ?? '',
    registrationDate: toDate(v.registrationDate),
    subdistrictId: v.subdistrictId ?? '',
    buildingId: v.buildingId || null,
    address: v.address ?? '',
    fields: (v.fields ?? []) as EnterpriseInput['fields'],
    aboveScale: !!v.aboveScale,
    status: (v.status ?? 'active') as EnterpriseInput['status'],
    settledOn: toDate(v.settledOn) || null,
    // a date left over from a moment when another status was picked means nothing for an active enterprise
    leftOn: v.status && v.status !== 'active' ? toDate(v.leftOn) || null : null,
    contactPerson: v.contactPerson ?? '',
    contactPhone: v.contactPhone ?? '',
    honours: (v.honours ?? []).map((h) => ({
      kind: (h.kind ?? '') as NonNullable<EnterpriseInput['honours']>[number]['kind'],
      awardedOn: toDate(h.awardedOn),
      source: h.source ?? '',
    })),
  };
}

function fromEnterprise(e: Enterprise): FormValues {
  return {
    uscc: e.uscc,
    name: e.name,
    registrationDate: dayjs(e.registrationDate),
    subdistrictId: e.subdistrict.id,
    buildingId: e.building?.id ?? null,
    address: e.address,
    fields: e.fields,
    aboveScale: e.aboveScale,
    status: e.status,
    settledOn: e.settledOn ? dayjs(e.settledOn) : null,
    leftOn: e.leftOn ? dayjs(e.leftOn) : null,
    contactPerson: e.contactPerson,
    contactPhone: e.contactPhone,
    honours: e.honours.map((h) => ({ kind: h.kind, awardedOn: dayjs(h.awardedOn), source: h.source })),
  };
}

const formKeys = new Set([
  'uscc',
  'name',
  'registrationDate',
  'subdistrictId',
  'buildingId',
  'address',
  'fields',
  'aboveScale',
  'status',
  'settledOn',
  'leftOn',
  'contactPerson',
  'contactPhone',
  'honours',
]);

/** The id of the enterprise already registered under a USCC, from a 409 (present only if the user may read it). */
function existingRecordOf(e: unknown): string | null {
  if (!(e instanceof ApiError) || e.code !== 'CONFLICT') return null;
  const id = (e.body as { existingId?: unknown } | null)?.existingId;
  return typeof id === 'string' ? id : null;
}

function EnterpriseForm({ existing, user }: { existing: Enterprise | null; user: SessionUser }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const labels = useEnterpriseLabels();
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  // A duplicate USCC: the record that holds it, when the server says the user may open it.
  const [existingId, setExistingId] = useState<string | null>(null);
  const save = useSaveEnterprise(existing?.id);
  const subdistricts = useUnits('subdistrict');
  const subdistrictId = Form.useWatch('subdistrictId', form) as string | undefined;
  const buildings = useBuildings(subdistrictId, !!subdistrictId);

  const selfOnly = actsForEnterprise(user);
  const lockedToSubdistrict = confinedToSubdistrict(user);
  const locked = (key: string) => selfOnly && !selfEditableKeys.includes(key);

  const initialValues = useMemo<FormValues>(
    () =>
      existing
        ? fromEnterprise(existing)
        : {
            status: 'active',
            aboveScale: false,
            fields: [],
            honours: [],
            subdistrictId: lockedToSubdistrict ? (user.unitId ?? undefined) : undefined,
          },
    [existing, lockedToSubdistrict, user.unitId],
  );

  const showFieldErrors = (errors: FieldIssue[]) => {
    const onForm = errors.filter((e) => e.path.length > 0 && formKeys.has(String(e.path[0])));
    const elsewhere = errors.filter((e) => !onForm.includes(e));
    setFieldErrors(form, onForm);
    if (onForm[0]) form.scrollToField(onForm[0].path, { block: 'center' });
    return elsewhere;
  };

  const onFinish = async (values: FormValues): Promise<boolean> => {
    setFormError(null);
    setExistingId(null);
    const parsed = enterpriseInputSchema.safeParse(toInput({ ...form.getFieldsValue(true), ...values }));
    if (!parsed.success) {
      const rest = showFieldErrors(issuePaths(parsed.error.issues));
      if (rest.length) setFormError(rest.map((e) => e.message).join('；'));
      void message.error(t('enterprises.form.fixErrors'));
      return false;
    }
    try {
      const saved = await save.mutateAsync(parsed.data);
      void message.success(existing ? t('enterprises.form.saved') : t('enterprises.form.created'));
      navigate(`/enterprises/${saved.id}`);
      return true;
    } catch (e) {
      const text = errorText(t, e, i18n.language);
      setExistingId(existingRecordOf(e));
      if (e instanceof ApiError && e.fields.length > 0) {
        const rest = showFieldErrors(e.fields.map((f) => ({ path: formPath(f.path), message: f.message })));
        setFormError(rest.length ? `${text}：${rest.map((f) => f.message).join('；')}` : text);
      } else {
        setFormError(text);
      }
      void message.error(text);
      return false;
    }
  };

  return (
    <Card>
      {formError && (
        <Alert
          type="error"
          showIcon
          message={formError}
          description={
            existingId && existingId !== existing?.id ? (
              <Link to={`/enterprises/${existingId}`}>{t('enterprises.form.existingRecord')}</Link>
            ) : undefined
          }
          role="alert"
          style={{ marginBottom: 16 }}
        />
      )}
      {selfOnly && (
        <Alert
          type="info"
          showIcon
          message={t('enterprises.form.selfEditNote')}
          style={{ marginBottom: 16 }}
        />
      )}
      <ProForm<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        grid
        rowProps={{ gutter: [16, 0] }}
        submitter={{
          searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') },
          onReset: () => navigate(-1),
          submitButtonProps: { loading: save.isPending },
        }}
        onValuesChange={() => formError && setFormError(null)}
      >
        <ProFormText
          name="name"
          label={t('enterprises.attr.name')}
          colProps={{ xs: 24, md: 12 }}
          disabled={locked('name')}
          rules={[{ required: true, message: t('enterprises.form.nameRequired') }]}
          fieldProps={{ maxLength: 200 }}
        />
        <ProFormText
          name="uscc"
          label={t('enterprises.attr.uscc')}
          colProps={{ xs: 24, md: 12 }}
          disabled={locked('uscc')}
          tooltip={t('enterprises.form.usccHelp')}
          rules={[{ required: true, message: t('enterprises.form.usccRequired') }]}
          fieldProps={{ maxLength: 18, className: 'mtx-mono', autoComplete: 'off' }}
        />
        <ProFormDatePicker
          name="registrationDate"
          label={t('enterprises.attr.registrationDate')}
          colProps={{ xs: 24, md: 8 }}
          disabled={locked('registrationDate')}
          rules={[{ required: true, message: t('enterprises.form.dateRequired') }]}
          fieldProps={{ style: { width: '100%' }, disabledDate: (d: Dayjs) => d.isAfter(dayjs(), 'day') }}
        />
        <ProFormSelect
          name="subdistrictId"
          label={t('enterprises.attr.subdistrict')}
          colProps={{ xs: 24, md: 8 }}
          disabled={locked('subdistrictId') || lockedToSubdistrict}
          rules={[{ required: true, message: t('enterprises.form.subdistrictRequired') }]}
          fieldProps={{
            showSearch: true,
            optionFilterProp: 'label',
            loading: subdistricts.isPending,
            onChange: () => form.setFieldValue('buildingId', null),
          }}
          options={(subdistricts.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <ProFormSelect
          name="buildingId"
          label={t('enterprises.attr.building')}
          colProps={{ xs: 24, md: 8 }}
          disabled={!subdistrictId}
          placeholder={
            subdistrictId
              ? t('enterprises.form.buildingPlaceholder')
              : t('enterprises.form.pickSubdistrictFirst')
          }
          fieldProps={{
            showSearch: true,
            optionFilterProp: 'label',
            allowClear: true,
            loading: buildings.isFetching,
          }}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <ProFormText
          name="address"
          label={t('enterprises.attr.address')}
          colProps={{ xs: 24 }}
          fieldProps={{ maxLength: 300 }}
        />
        <ProFormSelect
          name="fields"
          label={t('enterprises.attr.fields')}
          mode="multiple"
          colProps={{ xs: 24 }}
          options={labels.fieldOptions}
          fieldProps={{ optionFilterProp: 'label', maxCount: 20 }}
        />
        <ProFormDatePicker
          name="settledOn"
          label={t('enterprises.attr.settledOn')}
          colProps={{ xs: 24, md: 6 }}
          disabled={locked('settledOn')}
          tooltip={t('enterprises.form.settledOnHelp')}
          fieldProps={{ style: { width: '100%' }, disabledDate: (d: Dayjs) => d.isAfter(dayjs(), 'day') }}
        />
        <ProFormSelect
          name="status"
          label={t('enterprises.attr.status')}
          colProps={{ xs: 12, md: 6 }}
          disabled={locked('status')}
          options={labels.statusOptions}
          allowClear={false}
        />
        <ProFormDependency name={['status']}>
          {({ status }: FormValues) =>
            status && status !== 'active' ? (
              <ProFormDatePicker
                name="leftOn"
                label={t('enterprises.attr.leftOn')}
                colProps={{ xs: 12, md: 6 }}
                disabled={locked('leftOn')}
                rules={[{ required: true, message: t('enterprises.form.leftOnRequired') }]}
                fieldProps={{
                  style: { width: '100%' },
                  disabledDate: (d: Dayjs) => d.isAfter(dayjs(), 'day'),
                }}
              />
            ) : null
          }
        </ProFormDependency>
        <ProFormSwitch
          name="aboveScale"
          label={t('enterprises.attr.aboveScale')}
          colProps={{ xs: 12, md: 6 }}
          disabled={locked('aboveScale')}
        />
        <ProFormText
          name="contactPerson"
          label={t('enterprises.attr.contactPerson')}
          colProps={{ xs: 24, md: 6 }}
          fieldProps={{ maxLength: 50 }}
        />
        <ProFormText
          name="contactPhone"
          label={t('enterprises.attr.contactPhone')}
          colProps={{ xs: 24, md: 6 }}
          fieldProps={{ maxLength: 30, inputMode: 'tel' }}
        />
        <ProFormList
          name="honours"
          label={t('enterprises.attr.honours')}
          colProps={{ xs: 24 }}
          creatorButtonProps={
            locked('honours') ? false : { creatorButtonText: t('enterprises.form.addHonour'), block: true }
          }
          deleteIconProps={locked('honours') ? false : { tooltipText: t('common.delete') }}
          copyIconProps={false}
          creatorRecord={{ kind: undefined, awardedOn: undefined, source: '' }}
          itemContainerRender={(dom) => (
            <Row gutter={[16, 0]} className="mtx-honour-row">
              {dom}
            </Row>
          )}
        >
          <ProFormSelect
            name="kind"
            label={t('enterprises.honour.kind')}
            colProps={{ xs: 24, md: 6 }}
            disabled={locked('honours')}
            options={labels.honourOptions}
            rules={[{ required: true, message: t('enterprises.form.honourKindRequired') }]}
          />
          <ProFormDatePicker
            name="awardedOn"
            label={t('enterprises.honour.awardedOn')}
            colProps={{ xs: 24, md: 6 }}
            disabled={locked('honours')}
            rules={[{ required: true, message: t('enterprises.form.dateRequired') }]}
          />
          <ProFormText
            name="source"
            label={t('enterprises.honour.source')}
            colProps={{ xs: 24, md: 12 }}
            disabled={locked('honours')}
            placeholder={t('enterprises.form.sourcePlaceholder')}
            rules={[{ required: true, whitespace: true, message: t('enterprises.form.sourceRequired') }]}
          />
        </ProFormList>
      </ProForm>
    </Card>
  );
}

export function EnterpriseFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useSession();
  const query = useEnterprise(id);
  // Staff are shown the phone masked; the form edits the full number, read (and recorded) for the purpose.
  const staff = !!user && !actsForEnterprise(user);
  const contact = useEnterpriseContact(id, staff);
  const title = id ? t('enterprises.form.editTitle') : t('enterprises.form.newTitle');
  useDocumentTitle(title);
  if (!user) return null;
  const crumbs = (name?: string) =>
    actsForEnterprise(user)
      ? [{ title: t('nav.myEnterprise'), to: `/enterprises/${id}` }, { title }]
      : [
          { title: t('nav.enterprises'), to: '/enterprises' },
          ...(id && name ? [{ title: name, to: `/enterprises/${id}` }] : []),
          { title },
        ];
  if (!id) {
    return (
      <Page title={title} crumbs={crumbs()}>
        <EnterpriseForm existing={null} user={user} />
      </Page>
    );
  }
  return (
    <QueryState query={query}>
      {(e) => (
        <Page title={t('enterprises.form.editTitleWithName', { name: e.name })} crumbs={crumbs(e.name)}>
          {staff ? (
            <QueryState query={contact}>
              {(c) => <EnterpriseForm key={e.id} existing={{ ...e, ...c }} user={user} />}
            </QueryState>
          ) : (
            <EnterpriseForm key={e.id} existing={e} user={user} />
          )}
        </Page>
      )}
    </QueryState>
  );
}
