// Downloads of a batch: its enterprises as .xlsx (amounts in exact 元, as far as the reader sees) and its notice — or,
// once decided, its decision — as a .docx in the style of official documents.
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { GrantBatch } from '@contracts/modules/grants/grants.contract.ts';
import { downloadBatchItems, downloadNoticeDocument } from './grants.api.ts';

function useDownload(run: () => Promise<void>) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    start: async () => {
      setBusy(true);
      try {
        await run();
      } catch {
        void message.error(t('grants.downloads.failed'));
      } finally {
        setBusy(false);
      }
    },
  };
}

export function ItemsExportButton({ batch }: { batch: GrantBatch }) {
  const { t } = useTranslation();
  const d = useDownload(() => downloadBatchItems(batch.id, batch.number));
  return (
    <Button icon={<DownloadOutlined />} loading={d.busy} onClick={() => void d.start()}>
      {t('grants.downloads.items')}
    </Button>
  );
}

/** The notice (公示) or decision as .docx: only once the batch is public (the server answers 404 before). */
export function NoticeDocumentButton({
  batch,
  size,
}: {
  batch: Pick<GrantBatch, 'id' | 'number' | 'status'>;
  size?: 'small';
}) {
  const { t } = useTranslation();
  const d = useDownload(() => downloadNoticeDocument(batch.id, batch.number));
  if (batch.status !== 'notice' && batch.status !== 'decided') return null;
  return (
    <Button size={size} icon={<FileWordOutlined />} loading={d.busy} onClick={() => void d.start()}>
      {batch.status === 'decided' ? t('grants.downloads.decision') : t('grants.downloads.notice')}
    </Button>
  );
}
