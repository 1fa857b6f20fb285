// /reports/import — a month's reports for many enterprises at once: pick the month, download the template prefilled
// with the enterprises that should report, upload it with two real progress bars (bytes sent, then rows the server
// has read, from its NDJSON stream), and read the counts or every bad cell with the assurance that nothing was written.
import { useRef, useState } from 'react';
import { Button, Card, Col, DatePicker, Progress, Result, Row, Space, Statistic, Typography } from 'antd';
import type { UploadProps } from 'antd';
import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorText, useShowError } from '../../app/errors.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ImportErrorReport } from '../../components/ImportErrorReport.tsx';
import { ImportDropzone, ImportSteps } from '../../components/ImportDropzone.tsx';
import { Page } from '../../components/Page.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { dayjsToPeriod, isFutureMonth, lastClosedPeriod, periodOr, periodToDayjs } from './periods.ts';
import {
  downloadReportTemplate,
  importReports,
  useInvalidateReports,
  type ImportOutcome,
} from './reports.api.ts';
import { estimateDataRows } from './rowCount.ts';
import { ImportPreviewFile } from '../enterprises/ImportPreviewFile.tsx';
import './reports.css';

interface Running {
  fileName: string;
  size: number;
  uploaded: number;
  rows: number;
  /** Data rows the file appears to hold (null while counting or when unknown). */
  total: number | null;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1);

export function ReportImportPage() {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const invalidate = useInvalidateReports();
  const [params, setParams] = useSearchParams();
  const period = periodOr(params.get('period'), lastClosedPeriod());
  const [downloading, setDownloading] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<(ImportOutcome & { fileName: string; period: string }) | null>(null);
  const busy = useRef(false);
  useDocumentTitle(t('reports.import.title'));

  const step = outcome ? 2 : running ? 1 : 0;
  const inFlight = !!running && !outcome;

  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };

  const downloadTemplate = () => {
    setDownloading(true);
    downloadReportTemplate(period)
      .catch(showError)
      .finally(() => setDownloading(false));
  };

  const [previewed, setPreviewed] = useState<File | null>(null);

  // Every upload is checked and counted first (preview); it is written when the user confirms.
  const customRequest: UploadProps['customRequest'] = (options) => send(options.file as File, true, options);

  const send = (
    file: File,
    preview: boolean,
    options?: Parameters<NonNullable<UploadProps['customRequest']>>[0],
  ) => {
    if (busy.current) return;
    setPreviewed(preview ? file : null);
    busy.current = true;
    setUploadError(null);
    setOutcome(null);
    setRunning({ fileName: file.name, size: file.size, uploaded: 0, rows: 0, total: null });
    void estimateDataRows(file).then((total) => setRunning((r) => (r ? { ...r, total } : r)));
    const forPeriod = period;
    importReports(
      forPeriod,
      file,
      {
        onUpload: (p) => {
          setRunning((r) => (r ? { ...r, uploaded: p } : r));
          options?.onProgress?.({ percent: p });
        },
        onRows: (rows) => setRunning((r) => (r ? { ...r, rows } : r)),
      },
      preview,
    )
      .then((o) => {
        setOutcome({ ...o, fileName: file.name, period: forPeriod });
        if (o.kind === 'done') {
          setRunning((r) => (r ? { ...r, uploaded: 100, rows: o.result.rows, total: o.result.rows } : r));
          if (!o.result.preview) invalidate();
          options?.onSuccess?.(o.result);
        } else options?.onError?.(new Error(o.message));
      })
      .catch((e: unknown) => {
        setRunning(null);
        setUploadError(errorText(t, e, i18n.language));
        options?.onError?.(e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        busy.current = false;
      });
  };

  const reset = () => {
    setOutcome(null);
    setRunning(null);
    setUploadError(null);
  };

  const processing = (() => {
    if (!running) return null;
    if (outcome?.kind === 'done')
      return { percent: 100, text: t('reports.import.rowsDone', { rows: running.rows }) };
    if (outcome?.kind === 'invalid')
      return { percent: 100, text: t('reports.import.rowsFailed', { count: outcome.errorCount }) };
    const { rows, total } = running;
    if (total && total > 0) {
      const percent = Math.min(99, Math.floor((rows / total) * 100));
      const text =
        rows === 0
          ? t('reports.import.waitingOf', { total: total.toLocaleString() })
          : rows >= total
            ? t('reports.import.finishing')
            : t('reports.import.rowsOf', { rows: rows.toLocaleString(), total: total.toLocaleString() });
      return { percent, text };
    }
    return {
      percent: null,
      text: rows
        ? t('reports.import.rowsRead', { rows: rows.toLocaleString() })
        : t('reports.import.waiting'),
    };
  })();

  return (
    <Page
      title={t('reports.import.title')}
      crumbs={[
        { title: t('reports.menu.status'), to: `/monitoring/reporting?period=${period}` },
        { title: t('reports.import.title') },
      ]}
    >
      <Card>
        <ImportSteps keys="reports.import" current={step} failed={outcome?.kind === 'invalid'} />

        <section aria-labelledby="import-template" className="mtx-block">
          <h2 id="import-template" className="mtx-h3">
            1. {t('reports.import.step1')}
          </h2>
          <Typography.Paragraph type="secondary">{t('reports.import.templateHelp')}</Typography.Paragraph>
          <Space wrap>
            <span>{t('reports.import.month')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={periodToDayjs(period)}
              disabled={inFlight}
              aria-label={t('reports.import.month')}
              disabledDate={(d) => isFutureMonth(d)}
              onChange={(d) => d && setPeriod(dayjsToPeriod(d))}
            />
            <Button icon={<FileExcelOutlined />} loading={downloading} onClick={downloadTemplate}>
              {t('reports.import.template', { period })}
            </Button>
          </Space>
        </section>

        <section aria-labelledby="import-upload" className="mtx-block">
          <h2 id="import-upload" className="mtx-h3">
            2. {t('reports.import.step2')}
          </h2>
          <ImportDropzone
            customRequest={customRequest}
            error={uploadError}
            onDismissError={() => setUploadError(null)}
            onRefused={(problem) => setUploadError(t(`reports.import.${problem}`))}
            disabled={inFlight}
            text={t('reports.import.dropHere', { period })}
            hint={t('reports.import.uploadHint')}
          />
          {running && processing && (
            <div className="mtx-import-progress" style={{ marginTop: 16 }} aria-live="polite">
              <Typography.Text strong>{running.fileName}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {t('reports.import.uploading', {
                    sent: mb((running.size * running.uploaded) / 100),
                    size: mb(running.size),
                  })}
                </Typography.Text>
                <Progress
                  percent={running.uploaded}
                  status={running.uploaded < 100 ? 'active' : 'success'}
                  aria-label={t('reports.import.uploadProgress')}
                />
              </div>
              <div>
                <Typography.Text type="secondary">{processing.text}</Typography.Text>
                {processing.percent !== null ? (
                  <Progress
                    percent={processing.percent}
                    status={
                      outcome?.kind === 'invalid'
                        ? 'exception'
                        : outcome?.kind === 'done'
                          ? 'success'
                          : 'active'
                    }
                    aria-label={t('reports.import.processProgress')}
                  />
                ) : (
                  <Progress
                    percent={100}
                    showInfo={false}
                    status="active"
                    strokeColor="#bfbfbf"
                    aria-label={t('reports.import.processProgress')}
                  />
                )}
              </div>
            </div>
          )}
        </section>

        {outcome && (
          <section aria-labelledby="import-result" className="mtx-block">
            <h2 id="import-result" className="mtx-h3">
              3. {t('reports.import.step3')}
            </h2>
            {outcome.kind === 'done' && outcome.result.preview && previewed ? (
              <Result
                status="info"
                title={t('reports.import.previewTitle', { period: outcome.result.period })}
                subTitle={`${outcome.fileName} · ${t('reports.import.previewNote')}`}
                extra={[
                  <Button
                    key="confirm"
                    type="primary"
                    disabled={outcome.result.created + outcome.result.revised === 0}
                    onClick={() => send(previewed, false)}
                  >
                    {outcome.result.created + outcome.result.revised === 0
                      ? t('reports.import.previewNothing')
                      : t('reports.import.previewConfirm', {
                          n: outcome.result.created + outcome.result.revised,
                        })}
                  </Button>,
                  <Button key="cancel" onClick={reset}>
                    {t('reports.import.previewCancel')}
                  </Button>,
                ]}
              >
                <ImportPreviewFile file={outcome.result.file} />
                <ImportCounts result={outcome.result} />
              </Result>
            ) : outcome.kind === 'done' ? (
              <Result
                status="success"
                title={t('reports.import.success', { period: outcome.result.period })}
                subTitle={outcome.fileName}
                extra={[
                  <LinkButton
                    key="status"
                    to={`/monitoring/reporting?period=${outcome.result.period}`}
                    type="primary"
                  >
                    {t('reports.import.toStatus')}
                  </LinkButton>,
                  <Button key="again" icon={<ReloadOutlined />} onClick={reset}>
                    {t('reports.import.again')}
                  </Button>,
                ]}
              >
                <ImportCounts result={outcome.result} />
              </Result>
            ) : (
              <ImportErrorReport
                fileName={outcome.fileName}
                message={outcome.message}
                errors={outcome.errors}
                errorCount={outcome.errorCount}
                onReset={reset}
                note={t('reports.import.fixAndRetry')}
              />
            )}
          </section>
        )}
      </Card>
    </Page>
  );
}

/** How many rows an import creates, corrects and leaves as they are (the result, or a preview's counts). */
function ImportCounts({
  result,
}: {
  result: { rows: number; created: number; revised: number; unchanged: number };
}) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} justify="center">
      <Col xs={12} sm={6}>
        <Statistic title={t('reports.import.rows')} value={result.rows} />
      </Col>
      <Col xs={12} sm={6}>
        <Statistic
          title={t('reports.import.created')}
          value={result.created}
          valueStyle={{ color: '#389e0d' }}
        />
      </Col>
      <Col xs={12} sm={6}>
        <Statistic
          title={t('reports.import.revised')}
          value={result.revised}
          valueStyle={{ color: '#d46b08' }}
        />
      </Col>
      <Col xs={12} sm={6}>
        <Statistic title={t('reports.import.unchanged')} value={result.unchanged} />
      </Col>
    </Row>
  );
}
