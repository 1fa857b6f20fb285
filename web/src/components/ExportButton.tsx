// A list's "导出 Excel" button: downloads the .xlsx the API builds for the list as filtered (same access as the page).
import { useState } from 'react';
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { useShowError } from '../app/errors.ts';

type Query = Parameters<typeof api.download>[1];

export function ExportButton({
  path,
  query,
  fileName,
  size,
}: {
  /** The export route under /api, e.g. '/reports/missing/export'. */
  path: string;
  query?: Query;
  /** Used when the answer names no file. */
  fileName: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size={size}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={(ev) => {
        ev.stopPropagation();
        setBusy(true);
        api
          .download(path, query, fileName)
          .catch(showError)
          .finally(() => setBusy(false));
      }}
    >
      {t('monitoring.exportXlsx')}
    </Button>
  );
}
