import { Button, Card, Select, Table } from 'antd';
import { useState } from 'react';

interface Column {
  key: string;
  label: string;
  required: boolean;
}

/** File headers → table columns, guessed from synonyms (or remembered); the user can correct each. */
export function MappingCard({
  headers,
  mapping,
  columns,
  busy,
  onApply,
}: {
  headers: string[];
  mapping: (string | null)[];
  columns: Column[];
  busy: boolean;
  onApply: (m: (string | null)[]) => void;
}) {
  const [draft, setDraft] = useState<(string | null)[]>(mapping);
  const rows = headers.map((h, i) => ({ i, header: h || `（第 ${i + 1} 列，无表头）` })).filter((r) => headers[r.i] || draft[r.i]);
  const missing = columns.filter((c) => c.required && !draft.includes(c.key));
  return (
    <Card
      size="small"
      title="列对应（自动识别，可修改）"
      extra={
        <Button onClick={() => onApply(draft)} loading={busy} disabled={!headers.length}>
          按此对应重新预览
        </Button>
      }
    >
      {missing.length > 0 && <p style={{ color: '#cf1322' }}>缺少必填列：{missing.map((c) => c.label).join('、')}</p>}
      <Table
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={rows}
        scroll={{ y: 240 }}
        columns={[
          { title: '文件中的列', dataIndex: 'header' },
          {
            title: '对应到',
            render: (_, r) => (
              <Select
                aria-label={`对应 ${r.header}`}
                style={{ width: 200 }}
                allowClear
                placeholder="不导入"
                value={draft[r.i] ?? undefined}
                options={columns.map((c) => ({
                  value: c.key,
                  label: c.required ? `${c.label}（必填）` : c.label,
                  disabled: draft.includes(c.key) && draft[r.i] !== c.key,
                }))}
                onChange={(v) => setDraft((d) => d.map((x, j) => (j === r.i ? (v ?? null) : x)))}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
