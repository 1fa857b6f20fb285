// /enterprises/import — three steps: download the template, upload a filled file (with progress), read the result:
// counts, or every bad cell with the assurance that nothing was written.
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Progress,
  Result,
  Row,
  Space,
  Statistic,
  Steps,
  Typography,
  Upload,
} from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  importFailureSchema,
  importResultSchema,
  type ImportRowError,
} from '@contracts/modules/enterprises/enterprises.contract.ts';
import { api, ApiError } from '../../app/api.ts';
import { errorText, useShowError } from '../../app/errors.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ImportErrorReport } from '../../components/ImportErrorReport.tsx';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';

const MAX_BYTES = 20 * 1024 * 1024;
const accepted = ['.xlsx', '.csv'];

type Outcome =
  | { kind: 'done'; created: number; updated: number; rows: number; fileName: string }
  | { kind: 'invalid'; message: string; errors: ImportRowError[]; errorCount: number; fileName: string };

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const qc = useQueryClient();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useDocumentTitle(t('enterprises.importPage.title'));

  const step = outcome ? 2 : progress !== null ? 1 : 0;

  const downloadTemplate = (format: 'xlsx' | 'csv') => {
    setDownloading(format);
    api
      .download('/enterprises/import/template', { format }, `企业导入模板.${format}`)
      .catch(showError)
      .finally(() => setDownloading(null));
  };

  const customRequest: UploadProps['customRequest'] = (options) => {
    const file = options.file as File;
    setUploadError(null);
    setOutcome(null);
    setProgress(0);
    api
      .upload('/enterprises/import', file, (p) => {
        setProgress(p);
        options.onProgress?.({ percent: p });
      })
      .then(({ status, body }) => {
        if (status === 422) {
          const failure = importFailureSchema.safeParse(body);
          const count = (body as { errorCount?: unknown } | null)?.errorCount;
          if (!failure.success) throw new ApiError(422, 'IMPORT_INVALID', t('errors.IMPORT_INVALID'));
          setOutcome({
            kind: 'invalid',
            message: failure.data.message,
            errors: failure.data.errors,
            errorCount: typeof count === 'number' ? count : failure.data.errors.length,
            fileName: file.name,
          });
          options.onError?.(new Error(failure.data.message));
          return;
        }
        const result = importResultSchema.parse(body);
        setOutcome({ kind: 'done', ...result, fileName: file.name });
        options.onSuccess?.(body);
        void qc.invalidateQueries({ queryKey: ['enterprises'] });
      })
      .catch((e: unknown) => {
        setProgress(null);
        setUploadError(errorText(t, e, i18n.language));
        options.onError?.(e instanceof Error ? e : new Error(String(e)));
      });
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const name = file.name.toLowerCase();
    if (!accepted.some((ext) => name.endsWith(ext))) {
      setUploadError(t('enterprises.importPage.wrongType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > MAX_BYTES) {
      setUploadError(t('enterprises.importPage.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const reset = () => {
    setOutcome(null);
    setProgress(null);
    setUploadError(null);
  };

  return (
    <Page
      title={t('enterprises.importPage.title')}
      crumbs={[
        { title: t('nav.enterprises'), to: '/enterprises' },
        { title: t('enterprises.importPage.title') },
      ]}
    >
      <Card>
        <Steps
          current={step}
          status={outcome?.kind === 'invalid' ? 'error' : undefined}
          responsive
          items={[
            { title: t('enterprises.importPage.step1'), description: t('enterprises.importPage.step1Desc') },
            { title: t('enterprises.importPage.step2'), description: t('enterprises.importPage.step2Desc') },
            { title: t('enterprises.importPage.step3'), description: t('enterprises.importPage.step3Desc') },
          ]}
          style={{ marginBottom: 24 }}
        />

        <section aria-labelledby="import-template" className="mtx-block">
          <h2 id="import-template" className="mtx-h3">
            1. {t('enterprises.importPage.step1')}
          </h2>
          <Typography.Paragraph type="secondary">
            {t('enterprises.importPage.templateHelp')}
          </Typography.Paragraph>
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              loading={downloading === 'xlsx'}
              onClick={() => downloadTemplate('xlsx')}
            >
              {t('enterprises.importPage.templateXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={downloading === 'csv'}
              onClick={() => downloadTemplate('csv')}
            >
              {t('enterprises.importPage.templateCsv')}
            </Button>
          </Space>
        </section>

        <section aria-labelledby="import-upload" className="mtx-block">
          <h2 id="import-upload" className="mtx-h3">
            2. {t('enterprises.importPage.step2')}
          </h2>
          {uploadError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              message={uploadError}
              style={{ marginBottom: 12 }}
              closable
              onClose={() => setUploadError(null)}
            />
          )}
          <Upload.Dragger
            name="file"
            accept={accepted.join(',')}
            multiple={false}
            maxCount={1}
            showUploadList={false}
            beforeUpload={beforeUpload}
            customRequest={customRequest}
            disabled={progress !== null && progress < 100 && !outcome}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('enterprises.importPage.dropHere')}</p>
            <p className="ant-upload-hint">{t('enterprises.importPage.uploadHint')}</p>
          </Upload.Dragger>
          {progress !== null && !outcome && (
            <div style={{ marginTop: 12 }}>
              <Progress
                percent={progress}
                status="active"
                aria-label={t('enterprises.importPage.progress')}
              />
              {progress >= 100 && (
                <Typography.Text type="secondary">{t('enterprises.importPage.processing')}</Typography.Text>
              )}
            </div>
          )}
        </section>

        {outcome && (
          <section aria-labelledby="import-result" className="mtx-block">
            <h2 id="import-result" className="mtx-h3">
              3. {t('enterprises.importPage.step3')}
            </h2>
            {outcome.kind === 'done' ? (
              <Result
                status="success"
                title={t('enterprises.importPage.success')}
                subTitle={outcome.fileName}
                extra={[
                  <LinkButton key="list" to="/enterprises" type="primary">
                    {t('enterprises.importPage.toList')}
                  </LinkButton>,
                  <Button key="again" icon={<ReloadOutlined />} onClick={reset}>
                    {t('enterprises.importPage.again')}
                  </Button>,
                ]}
              >
                <Row gutter={16} justify="center">
                  <Col xs={8}>
                    <Statistic title={t('enterprises.importPage.rows')} value={outcome.rows} />
                  </Col>
                  <Col xs={8}>
                    <Statistic title={t('enterprises.importPage.created')} value={outcome.created} />
                  </Col>
                  <Col xs={8}>
                    <Statistic title={t('enterprises.importPage.updated')} value={outcome.updated} />
                  </Col>
                </Row>
              </Result>
            ) : (
              <ImportErrorReport
                fileName={outcome.fileName}
                message={outcome.message}
                errors={outcome.errors}
                errorCount={outcome.errorCount}
                onReset={reset}
              />
            )}
          </section>
        )}
      </Card>
    </Page>
  );
}
