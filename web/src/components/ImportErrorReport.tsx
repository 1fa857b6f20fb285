// What an import that wrote nothing shows: the server's message, every bad cell (row, column, reason), a CSV copy.
import type { ReactNode } from 'react';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { saveBlob } from '../app/api.ts';
import { toCsv } from './format.ts';

export interface ImportErrorReportProps {
  fileName: string;
  message: string;
  errors: ImportRowError[];
  /** All errors found; the server lists at most a thousand. */
  errorCount: number;
  onReset: () => void;
  /** An extra line under the message (e.g. how to fix and retry). */
  note?: ReactNode;
}

export function ImportErrorReport({
  fileName,
  message,
  errors,
  errorCount,
  onReset,
  note,
}: ImportErrorReportProps) {
  const { t } = useTranslation();
  const download = () => {
    const rows: (string | number)[][] = [
      [t('common.importErrors.row'), t('common.importErrors.column'), t('common.importErrors.reason')],
      ...errors.map((e) => [e.row, e.column, e.reason]),
    ];
    saveBlob(
      new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }),
      `${fileName.replace(/\.[^.]+$/, '')}-${t('common.importErrors.errorFileSuffix')}.csv`,
    );
  };
  return (
    <>
      <Alert
        type="error"
        showIcon
        role="alert"
        message={t('common.importErrors.nothingWritten')}
        description={
          <>
            {message}
            {errorCount > errors.length && (
              <div>{t('common.importErrors.truncated', { shown: errors.length, total: errorCount })}</div>
            )}
            {note && <div>{note}</div>}
            <Space wrap style={{ marginTop: 8, display: 'flex' }}>
              <Button size="small" icon={<DownloadOutlined />} onClick={download}>
                {t('common.importErrors.downloadReport')}
              </Button>
              <Button size="small" icon={<ReloadOutlined />} onClick={onReset}>
                {t('common.importErrors.again')}
              </Button>
            </Space>
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <Table<ImportRowError>
        rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
        size="small"
        dataSource={errors}
        pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 480 }}
        columns={[
          { title: t('common.importErrors.row'), dataIndex: 'row', width: 80, align: 'right' },
          { title: t('common.importErrors.column'), dataIndex: 'column', width: 200 },
          { title: t('common.importErrors.reason'), dataIndex: 'reason' },
        ]}
      />
    </>
  );
}
