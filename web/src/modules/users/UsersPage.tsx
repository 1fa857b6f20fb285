// /users (administrators): every account, with create/edit in a modal — role, bound unit or enterprise, disable, reset
// password — pending 忘记密码 requests above it, and 批量开通企业账号.
import { useState } from 'react';
import {
  ModalForm,
  ProFormDependency,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
  ProTable,
} from '@ant-design/pro-components';
import { Alert, App, Button, Form, Tag } from 'antd';
import { EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  createUserBodySchema,
  roles,
  updateUserBodySchema,
  type Role,
  type User,
} from '@contracts/platform/auth/auth.contract.ts';
import { errorText, issuePaths, setFieldErrors, setServerFieldErrors } from '../../app/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { EnterpriseSelect } from '../enterprises/EnterpriseSelect.tsx';
import { useUnits } from '../units/units.api.ts';
import { useSaveUser, useUsers } from './users.api.ts';
import { bindsEnterprise, bindsOperator, bindsSubdistrict, bindsUnit, unitKindsFor } from './users.access.ts';
import { useOperators } from '../space/space.api.ts';
import { listOptions } from '../../components/listTable.ts';
import { BulkAccountsModal } from './BulkAccountsModal.tsx';
import { ResetRequests } from './ResetRequests.tsx';

interface UserFormValues {
  username?: string;
  displayName?: string;
  role?: Role;
  unitId?: string | null;
  enterpriseId?: string | null;
  operatorId?: string | null;
  password?: string;
  resetPassword?: boolean;
  disabled?: boolean;
  unitHead?: boolean;
}

const roleColours: Record<Role, string> = {
  admin: 'red',
  department: 'blue',
  subdistrict: 'green',
  enterprise: 'purple',
  operator: 'orange',
};

function UserModal({ editing, open, onClose }: { editing: User | null; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const save = useSaveUser(editing?.id ?? null);
  const units = useUnits();
  const operators = useOperators(open);
  const unitOptions = (role: Role | undefined) =>
    (units.data ?? [])
      .filter((u) => unitKindsFor(role)?.includes(u.kind))
      .map((u) => ({ value: u.id, label: u.name }));

  const onFinish = async (v: UserFormValues): Promise<boolean> => {
    setFormError(null);
    const binding = {
      role: v.role,
      unitId: bindsUnit(v.role) ? (v.unitId ?? null) : null,
      enterpriseId: bindsEnterprise(v.role) ? (v.enterpriseId ?? null) : null,
      operatorId: bindsOperator(v.role) ? (v.operatorId ?? null) : null,
      unitHead: bindsUnit(v.role) ? !!v.unitHead : false,
    };
    const parsed = editing
      ? updateUserBodySchema.safeParse({
          displayName: v.displayName ?? '',
          ...binding,
          disabled: !!v.disabled,
          ...(v.resetPassword ? { password: v.password ?? '' } : {}),
        })
      : createUserBodySchema.safeParse({
          username: v.username ?? '',
          displayName: v.displayName ?? '',
          password: v.password ?? '',
          ...binding,
        });
    if (!parsed.success) {
      setFieldErrors(form, issuePaths(parsed.error.issues));
      return false;
    }
    try {
      await save.mutateAsync(parsed.data);
      void message.success(editing ? t('users.saved') : t('users.created'));
      onClose();
      return true;
    } catch (e) {
      const text = errorText(t, e, i18n.language);
      setServerFieldErrors(form, e);
      setFormError(text);
      return false;
    }
  };

  return (
    <ModalForm<UserFormValues>
      title={editing ? t('users.editTitle', { name: editing.username }) : t('users.createTitle')}
      open={open}
      form={form}
      width={560}
      modalProps={{ destroyOnHidden: true, onCancel: onClose, maskClosable: false }}
      initialValues={
        editing
          ? {
              displayName: editing.displayName,
              role: editing.role,
              unitId: editing.unitId,
              enterpriseId: editing.enterpriseId,
              operatorId: editing.operatorId,
              disabled: editing.disabled,
              unitHead: editing.unitHead,
              resetPassword: false,
            }
          : { role: 'department' }
      }
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={onFinish}
      onValuesChange={() => formError && setFormError(null)}
    >
      {formError && (
        <Alert type="error" showIcon role="alert" message={formError} style={{ marginBottom: 16 }} />
      )}
      {editing ? (
        <Form.Item label={t('users.username')}>
          <span className="mtx-mono">{editing.username}</span>
        </Form.Item>
      ) : (
        <ProFormText
          name="username"
          label={t('users.username')}
          rules={[{ required: true, message: t('users.usernameRequired') }]}
          extra={t('users.usernameHelp')}
          fieldProps={{ autoComplete: 'off', maxLength: 64 }}
        />
      )}
      <ProFormText
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        fieldProps={{ maxLength: 100 }}
      />
      <ProFormSelect
        name="role"
        label={t('users.roleLabel')}
        allowClear={false}
        options={roles.map((r) => ({ value: r, label: t(`users.role.${r}`) }))}
        fieldProps={{
          onChange: () => form.setFieldsValue({ unitId: null, enterpriseId: null, operatorId: null }),
        }}
        rules={[{ required: true }]}
      />
      <ProFormDependency name={['role', 'resetPassword']}>
        {({ role, resetPassword }: UserFormValues) => (
          <>
            {bindsUnit(role) && (
              <ProFormSelect
                name="unitId"
                label={bindsSubdistrict(role) ? t('users.boundSubdistrict') : t('users.boundDepartment')}
                options={unitOptions(role)}
                fieldProps={{ showSearch: true, optionFilterProp: 'label', loading: units.isPending }}
                rules={[{ required: true, message: t('users.unitRequired') }]}
              />
            )}
            {bindsUnit(role) && (
              <ProFormSwitch name="unitHead" label={t('users.unitHead')} extra={t('users.unitHeadHelp')} />
            )}
            {bindsEnterprise(role) && (
              <Form.Item
                name="enterpriseId"
                label={t('users.boundEnterprise')}
                rules={[{ required: true, message: t('users.enterpriseRequired') }]}
              >
                <EnterpriseSelect initialLabel={editing?.enterpriseName ?? null} />
              </Form.Item>
            )}
            {bindsOperator(role) && (
              <ProFormSelect
                name="operatorId"
                label={t('users.boundOperator')}
                options={(operators.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                fieldProps={{ showSearch: true, optionFilterProp: 'label', loading: operators.isPending }}
                rules={[{ required: true, message: t('users.operatorRequired') }]}
              />
            )}
            {editing && <ProFormSwitch name="resetPassword" label={t('users.resetPassword')} />}
            {(!editing || resetPassword) && (
              <ProFormText.Password
                name="password"
                label={editing ? t('users.newPassword') : t('users.password')}
                rules={[{ required: true, message: t('users.passwordRequired') }]}
                extra={t('users.passwordHelp')}
                fieldProps={{ autoComplete: 'new-password' }}
              />
            )}
          </>
        )}
      </ProFormDependency>
      {editing && <ProFormSwitch name="disabled" label={t('users.disabled')} />}
    </ModalForm>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const [modal, setModal] = useState<{ open: boolean; editing: User | null }>({ open: false, editing: null });
  const [bulkOpen, setBulkOpen] = useState(false);
  useDocumentTitle(t('nav.users'));

  return (
    <Page title={t('nav.users')} crumbs={[{ title: t('nav.users') }]}>
      {users.isError && (
        <Alert type="error" showIcon message={t('common.loadFailed')} style={{ marginBottom: 16 }} />
      )}
      <ResetRequests />
      <ProTable<User>
        rowKey="id"
        search={false}
        loading={users.isFetching}
        dataSource={users.data ?? []}
        headerTitle={t('users.count', { count: users.data?.length ?? 0 })}
        options={listOptions(() => users.refetch())}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1000 }}
        size="middle"
        toolBarRender={() => [
          <Button key="bulk" icon={<TeamOutlined />} onClick={() => setBulkOpen(true)}>
            {t('accounts.bulkTitle')}
          </Button>,
          <Button
            key="new"
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setModal({ open: true, editing: null })}
          >
            {t('users.create')}
          </Button>,
        ]}
        columns={[
          {
            title: t('users.username'),
            dataIndex: 'username',
            width: 150,
            render: (_, u) => <span className="mtx-mono">{u.username}</span>,
          },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 140 },
          {
            title: t('users.roleLabel'),
            dataIndex: 'role',
            width: 130,
            filters: roles.map((r) => ({ text: t(`users.role.${r}`), value: r })),
            onFilter: (value, u) => u.role === value,
            render: (_, u) => <Tag color={roleColours[u.role]}>{t(`users.role.${u.role}`)}</Tag>,
          },
          {
            title: t('users.binding'),
            key: 'binding',
            render: (_, u) =>
              u.enterpriseId ? (
                <Link to={`/enterprises/${u.enterpriseId}`}>{u.enterpriseName}</Link>
              ) : u.unitId ? (
                <>
                  <Link to={`/units/${u.unitId}`}>{u.unitName}</Link>
                  {u.unitHead && (
                    <Tag color="gold" style={{ marginInlineStart: 8 }}>
                      {t('users.unitHeadTag')}
                    </Tag>
                  )}
                </>
              ) : u.operatorId ? (
                u.operatorName
              ) : (
                '—'
              ),
          },
          {
            title: t('users.statusLabel'),
            dataIndex: 'disabled',
            width: 150,
            render: (_, u) => (
              <>
                {u.disabled ? (
                  <Tag>{t('users.disabledTag')}</Tag>
                ) : (
                  <Tag color="green">{t('users.activeTag')}</Tag>
                )}
                {u.mustChangePassword && <Tag color="orange">{t('accounts.mustChangeTag')}</Tag>}
              </>
            ),
          },
          {
            title: t('users.lastLoginAt'),
            dataIndex: 'lastLoginAt',
            width: 150,
            render: (_, u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt) : '—'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            fixed: 'right',
            render: (_, u) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                aria-label={`${t('common.edit')} ${u.username}`}
                onClick={() => setModal({ open: true, editing: u })}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <BulkAccountsModal open={bulkOpen} onClose={() => setBulkOpen(false)} />
      {modal.open && (
        <UserModal
          key={modal.editing?.id ?? 'new'}
          editing={modal.editing}
          open
          onClose={() => setModal({ open: false, editing: null })}
        />
      )}
    </Page>
  );
}
