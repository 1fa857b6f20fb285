// The district's shortest public notice (最短公示期), in working days: read by every staff user (the publish dialog
// names it), set by the plan office. A shorter notice is refused by the server, never raised silently.
import { useEffect, useState } from 'react';
import { App, Button, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api.ts';
import { errorText } from '../../app/errors.ts';
import { useGrantSettings, useSaveGrantSettings } from './grants.api.ts';

export function NoticeSettings({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const settings = useGrantSettings();
  const save = useSaveGrantSettings();
  const [value, setValue] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = settings.data?.minNoticeWorkingDays;
  useEffect(() => {
    if (current !== undefined) setValue(current);
  }, [current]);
  if (current === undefined) return null;
  if (!editable)
    return (
      <Typography.Text type="secondary">{t('grants.settings.minNotice', { days: current })}</Typography.Text>
    );
  return (
    <Space wrap align="center">
      <label htmlFor="mtx-min-notice">{t('grants.settings.minNoticeLabel')}</label>
      <InputNumber<number>
        id="mtx-min-notice"
        value={value}
        precision={0}
        status={error ? 'error' : undefined}
        onChange={(v) => {
          setValue(v);
          setError(null);
        }}
        addonAfter={t('grants.actions.days')}
        style={{ width: 180 }}
      />
      <Button
        disabled={value === current}
        loading={save.isPending}
        onClick={async () => {
          try {
            await save.mutateAsync({ minNoticeWorkingDays: value ?? 0 });
            void message.success(t('grants.settings.saved'));
          } catch (e) {
            setError(isApiError(e) && e.fields[0] ? e.fields[0].message : errorText(t, e, i18n.language));
          }
        }}
      >
        {t('grants.settings.save')}
      </Button>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
