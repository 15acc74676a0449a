import { Space, Table, Tag } from 'antd';
import type { Output } from '../../../../shared/api';

type Preview = Output<'excel.preview'>;
const STATUS: Record<string, { label: string; color: string }> = {
  new: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  error: { label: '错误', color: 'red' },
};

/** Every row with its status; error rows say which column is wrong and why, in Chinese. */
export function PreviewTable({ preview, columns }: { preview: Preview; columns: { key: string; label: string; enumLabels?: Record<string, string> }[] }) {
  return (
    <>
      <Space style={{ marginBottom: 8 }} data-testid="preview-counts">
        {Object.entries(preview.counts).map(([k, n]) => (
          <Tag key={k} color={STATUS[k]!.color}>
            {STATUS[k]!.label} {n}
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey="rowNumber"
        dataSource={preview.rows}
        scroll={{ x: 1200, y: 420 }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowClassName={(r) => (r.status === 'error' ? 'row-error' : '')}
        columns={[
          { title: '行号', dataIndex: 'rowNumber', width: 60, fixed: 'left' },
          { title: '状态', dataIndex: 'status', width: 72, fixed: 'left', render: (s: string) => <Tag color={STATUS[s]!.color}>{STATUS[s]!.label}</Tag> },
          {
            title: '错误原因',
            width: 280,
            render: (_, r) => r.errors.map((e) => <div key={e.column + e.message} style={{ color: '#cf1322' }}>“{e.column}”：{e.message}</div>),
          },
          ...columns.map((c) => ({ title: c.label, width: 110, render: (_: unknown, r: Preview['rows'][number]) => {
              const v = r.values[c.key];
              return String((typeof v === 'string' && c.enumLabels?.[v]) || (v ?? ''));
            },
          })),
        ]}
      />
    </>
  );
}
