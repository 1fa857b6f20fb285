// What every import page shares: the three steps (template, upload, result) and the upload step itself — one
// spreadsheet (.xlsx or .csv, at most 20 MB) dropped or picked, checked in the browser before it is sent.
import type { ReactNode } from 'react';
import { Alert, Steps, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { IMPORT_EXTENSIONS, importFileProblem } from './importFile.ts';

export interface ImportDropzoneProps {
  /** Sends the accepted file; called with antd's request options so progress reaches the widget. */
  customRequest: NonNullable<UploadProps['customRequest']>;
  /** The refusal or failure to show above the drop area, if any. */
  error: string | null;
  onDismissError: () => void;
  /** Shown when the browser refuses the file. */
  onRefused: (problem: 'wrongType' | 'tooLarge') => void;
  disabled: boolean;
  text: ReactNode;
  hint: ReactNode;
}

export function ImportDropzone(props: ImportDropzoneProps) {
  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const problem = importFileProblem(file);
    if (!problem) return true;
    props.onRefused(problem);
    return Upload.LIST_IGNORE;
  };
  return (
    <>
      {props.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={props.error}
          style={{ marginBottom: 12 }}
          closable
          onClose={props.onDismissError}
        />
      )}
      <Upload.Dragger
        name="file"
        accept={IMPORT_EXTENSIONS.join(',')}
        multiple={false}
        maxCount={1}
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={props.customRequest}
        disabled={props.disabled}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{props.text}</p>
        <p className="ant-upload-hint">{props.hint}</p>
      </Upload.Dragger>
    </>
  );
}

/** The three steps at the head of an import page; `keys` is the page's locale prefix (its step1…step3Desc strings). */
export function ImportSteps({ keys, current, failed }: { keys: string; current: number; failed: boolean }) {
  const { t } = useTranslation();
  return (
    <Steps
      current={current}
      status={failed ? 'error' : undefined}
      responsive
      items={[1, 2, 3].map((n) => ({ title: t(`${keys}.step${n}`), description: t(`${keys}.step${n}Desc`) }))}
      style={{ marginBottom: 24 }}
    />
  );
}
