// A select that searches the registry by name or USCC as the user types (for binding an enterprise account).
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterpriseList } from './enterprises.api.ts';

export function EnterpriseSelect(props: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** Label of the current value, shown before any search (the list may not contain it). */
  initialLabel?: string | null;
  id?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const list = useEnterpriseList({ q: q || undefined }, 1, 20);
  const options = (list.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.uscc}）` }));
  if (props.value && props.initialLabel && !options.some((o) => o.value === props.value)) {
    options.unshift({ value: props.value, label: props.initialLabel });
  }
  return (
    <Select
      id={props.id}
      showSearch
      allowClear
      value={props.value ?? undefined}
      placeholder={t('users.enterpriseSearch')}
      filterOption={false}
      onSearch={setTyped}
      onChange={(v: string | undefined) => props.onChange?.(v ?? null)}
      loading={list.isFetching}
      options={options}
      notFoundContent={list.isFetching ? t('common.loading') : t('common.noData')}
    />
  );
}
