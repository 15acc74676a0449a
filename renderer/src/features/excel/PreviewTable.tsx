import { Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';

type Preview = Output<'excel.preview'>;
type Status = 'new' | 'update' | 'unchanged' | 'error';
const STATUS: Record<string, { label: string; color: string }> = {
  new: { label: '新增', color: 'green' },
  update: { label: '更新', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  error: { label: '错误', color: 'red' },
};

/** Every row with its status; error rows say which column is wrong and why, in Chinese. */
export function PreviewTable({
  preview,
  columns,
  onPage,
}: {
  preview: Preview;
  columns: { key: string; label: string; enumLabels?: Record<string, string> }[];
  /** Every row is reachable: the server pages through its analysis, optionally one status only. */
  onPage: (page: number, status?: Status) => void;
}) {
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const go = (p: number, s: Status | undefined) => (setPage(p), setStatus(s), onPage(p, s));
  return (
    <>
      <Space style={{ marginBottom: 8 }} data-testid="preview-counts">
        <Tag.CheckableTag checked={!status} onChange={() => go(1, undefined)}>
          全部 {preview.total}
        </Tag.CheckableTag>
        {(Object.keys(STATUS) as Status[]).map((k) => (
          <Tag.CheckableTag key={k} checked={status === k} onChange={() => go(1, k)}>
            <span style={{ color: k === 'error' && preview.counts.error ? '#cf1322' : undefined }}>
              {STATUS[k]!.label} {preview.counts[k]}
            </span>
          </Tag.CheckableTag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey="rowNumber"
        dataSource={preview.rows}
        scroll={{ x: 1200, y: 420 }}
        pagination={{ current: page, pageSize: 50, total: preview.matching, showSizeChanger: false, onChange: (p) => go(p, status) }}
        rowClassName={(r) => (r.status === 'error' ? 'row-error' : '')}
        columns={[
          { title: '行号', dataIndex: 'rowNumber', width: 60, fixed: 'left' },
          { title: '状态', dataIndex: 'status', width: 72, fixed: 'left', render: (s: string) => <Tag color={STATUS[s]!.color}>{STATUS[s]!.label}</Tag> },
          {
            title: '错误原因',
            width: 280,
            render: (_, r) =>
              r.errors.map((e) => (
                <div key={e.column + e.message} style={{ color: '#cf1322' }}>
                  “{e.column}”：{e.message}
                </div>
              )),
          },
          ...columns.map((c) => ({
            title: c.label,
            width: 110,
            render: (_: unknown, r: Preview['rows'][number]) => {
              const v = r.values[c.key];
              return String((typeof v === 'string' && c.enumLabels?.[v]) || (v ?? ''));
            },
          })),
        ]}
      />
    </>
  );
}
