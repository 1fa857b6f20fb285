// /enterprises/import — three steps: download the template, upload a filled file (with progress), then a preview of
// what it would create, change and clear, which the user confirms (the file is sent again and written), or every bad
// cell with the assurance that nothing was written.
import { useState } from 'react';
import { Button, Card, Col, Progress, Result, Row, Space, Statistic, Typography } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  importFailureSchema,
  importResultSchema,
  type ImportOutcome,
  type ImportRowError,
} from '@contracts/modules/enterprises/enterprises.contract.ts';
import { api, ApiError } from '../../app/api.ts';
import { errorText, useShowError } from '../../app/errors.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ImportErrorReport } from '../../components/ImportErrorReport.tsx';
import { ImportDropzone, ImportSteps } from '../../components/ImportDropzone.tsx';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { ImportPreview } from './ImportPreview.tsx';

type Outcome =
  | { kind: 'preview'; result: ImportOutcome; file: File }
  | { kind: 'done'; created: number; updated: number; unchanged: number; rows: number; fileName: string }
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

  const send = (
    file: File,
    preview: boolean,
    options?: Parameters<NonNullable<UploadProps['customRequest']>>[0],
  ) => {
    setUploadError(null);
    setOutcome(null);
    setProgress(0);
    api
      .upload(`/enterprises/import${preview ? '?preview=true' : ''}`, file, (p) => {
        setProgress(p);
        options?.onProgress?.({ percent: p });
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
          options?.onError?.(new Error(failure.data.message));
          return;
        }
        const result = importResultSchema.parse(body);
        options?.onSuccess?.(body);
        if (result.preview) {
          setOutcome({ kind: 'preview', result, file });
          return;
        }
        setOutcome({ kind: 'done', ...result, fileName: file.name });
        void qc.invalidateQueries({ queryKey: ['enterprises'] });
      })
      .catch((e: unknown) => {
        setProgress(null);
        setUploadError(errorText(t, e, i18n.language));
        options?.onError?.(e instanceof Error ? e : new Error(String(e)));
      });
  };

  // Every upload is previewed first; nothing is written until the user confirms what the preview shows.
  const customRequest: UploadProps['customRequest'] = (options) => send(options.file as File, true, options);

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
        <ImportSteps keys="enterprises.importPage" current={step} failed={outcome?.kind === 'invalid'} />

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
          <ImportDropzone
            customRequest={customRequest}
            error={uploadError}
            onDismissError={() => setUploadError(null)}
            onRefused={(problem) => setUploadError(t(`enterprises.importPage.${problem}`))}
            disabled={progress !== null && progress < 100 && !outcome}
            text={t('enterprises.importPage.dropHere')}
            hint={t('enterprises.importPage.uploadHint')}
          />
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
              3.{' '}
              {outcome.kind === 'preview'
                ? t('enterprises.importPage.preview.title')
                : t('enterprises.importPage.step3')}
            </h2>
            {outcome.kind === 'preview' ? (
              <ImportPreview
                result={outcome.result}
                fileName={outcome.file.name}
                onConfirm={() => send(outcome.file, false)}
                onCancel={reset}
              />
            ) : outcome.kind === 'done' ? (
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
                  <Col xs={6}>
                    <Statistic title={t('enterprises.importPage.rows')} value={outcome.rows} />
                  </Col>
                  <Col xs={6}>
                    <Statistic title={t('enterprises.importPage.created')} value={outcome.created} />
                  </Col>
                  <Col xs={6}>
                    <Statistic title={t('enterprises.importPage.updated')} value={outcome.updated} />
                  </Col>
                  <Col xs={6}>
                    <Statistic title={t('enterprises.importPage.unchanged')} value={outcome.unchanged} />
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
