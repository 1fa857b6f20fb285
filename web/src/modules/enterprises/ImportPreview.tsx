// What an enterprise import would do, before anything is written: how many it creates, changes and leaves as they
// are, which columns it changes or clears (清空) and how often, and the first rows cell by cell. Confirm writes it.
import { Alert, Button, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportOutcome } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { ImportPreviewFile } from './ImportPreviewFile.tsx';

type RowChange = ImportOutcome['rowChanges'][number];

export function ImportPreview({
  result,
  fileName,
  onConfirm,
  onCancel,
}: {
  result: ImportOutcome;
  fileName: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const k = (key: string, o?: Record<string, unknown>) => t(`enterprises.importPage.preview.${key}`, o);
  const nothing = result.created === 0 && result.updated === 0;
  const clearing = result.columns.filter((c) => c.cleared > 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph>
        <Typography.Text strong>{fileName}</Typography.Text> · {k('summary', result)}
      </Typography.Paragraph>
      <ImportPreviewFile file={result.file} />
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('enterprises.importPage.created')} value={result.created} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('enterprises.importPage.updated')} value={result.updated} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('enterprises.importPage.unchanged')} value={result.unchanged} />
        </Col>
      </Row>
      {clearing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={k('clearing', {
            columns: clearing.map((c) => `${c.column}（${c.cleared}）`).join('、'),
          })}
        />
      )}
      {result.columns.length > 0 && (
        <Table
          size="small"
          rowKey="column"
          pagination={false}
          dataSource={result.columns}
          columns={[
            { title: k('column'), dataIndex: 'column' },
            { title: k('changed'), dataIndex: 'changed', align: 'right' },
            { title: k('cleared'), dataIndex: 'cleared', align: 'right' },
          ]}
        />
      )}
      {result.rowChanges.length > 0 && (
        <Table<RowChange>
          size="small"
          rowKey="row"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={result.rowChanges}
          scroll={{ x: true }}
          caption={
            result.rowChanges.length < result.created + result.updated
              ? k('firstRows', { n: result.rowChanges.length })
              : undefined
          }
          columns={[
            { title: k('row'), dataIndex: 'row', width: 64 },
            {
              title: k('enterprise'),
              key: 'name',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>
                    {r.name} {r.created && <Tag color="green">{k('new')}</Tag>}
                  </span>
                  <Typography.Text type="secondary">{r.uscc}</Typography.Text>
                </Space>
              ),
            },
            {
              title: k('changes'),
              key: 'changes',
              render: (_, r) =>
                r.created ? (
                  <Typography.Text type="secondary">{k('newRecord')}</Typography.Text>
                ) : (
                  <Space direction="vertical" size={0}>
                    {r.changes.map((c) => (
                      <span key={c.column}>
                        {c.column}：<Typography.Text delete>{c.before || '—'}</Typography.Text> →{' '}
                        {c.after ? c.after : <Tag color="orange">{k('clearedTag')}</Tag>}
                      </span>
                    ))}
                  </Space>
                ),
            },
          ]}
        />
      )}
      <Space wrap>
        <Button type="primary" onClick={onConfirm} disabled={nothing}>
          {nothing ? k('nothing') : k('confirm', { n: result.created + result.updated })}
        </Button>
        <Button onClick={onCancel}>{k('cancel')}</Button>
      </Space>
    </Space>
  );
}
