// Where an import read its data, shown with every preview (both imports): the sheet, the header row, hidden rows
// imported, a .csv's encoding — so an office worker sees at once when the file was read differently than meant.
import { Alert, Space, Tag } from 'antd';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import type { SheetRead } from '@contracts/platform/files/sheet.contract.ts';

// This component's texts, merged under their own top-level key (zh-CN first).
const texts = {
  'zh-CN': {
    format: '文件格式：{{format}}',
    sheet: '读取的工作表：“{{sheet}}”',
    headerRow: '表头在第 {{row}} 行',
    headerBelowTitle: '表头在第 {{row}} 行（其上的标题行未导入）',
    encoding: 'CSV 编码：{{encoding}}',
    hidden: '含 {{n}} 行隐藏行：已与其他行一同导入，请确认这些行确实要导入',
  },
  'en-US': {
    format: 'File format: {{format}}',
    sheet: 'Sheet read: “{{sheet}}”',
    headerRow: 'Header in row {{row}}',
    headerBelowTitle: 'Header in row {{row}} (the title rows above it are not imported)',
    encoding: 'CSV encoding: {{encoding}}',
    hidden: '{{n}} hidden row(s): imported like the others — check that they are meant to be',
  },
} as const;
for (const [lang, bundle] of Object.entries(texts)) {
  i18n.addResourceBundle(lang, 'translation', { sheetRead: bundle }, true, false);
}

export function ImportPreviewFile({ file }: { file: SheetRead | undefined }) {
  const { t } = useTranslation();
  if (!file) return null;
  const k = (key: keyof (typeof texts)['zh-CN'], o?: Record<string, unknown>) => t(`sheetRead.${key}`, o);
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="import-file-read">
      <Space size={[4, 4]} wrap>
        <Tag>{k('format', { format: `.${file.format}` })}</Tag>
        {file.sheet !== null && <Tag>{k('sheet', { sheet: file.sheet })}</Tag>}
        <Tag>{k(file.headerRow > 1 ? 'headerBelowTitle' : 'headerRow', { row: file.headerRow })}</Tag>
        {file.encoding && <Tag>{k('encoding', { encoding: file.encoding })}</Tag>}
      </Space>
      {file.hiddenRows > 0 && <Alert type="warning" showIcon message={k('hidden', { n: file.hiddenRows })} />}
    </Space>
  );
}
