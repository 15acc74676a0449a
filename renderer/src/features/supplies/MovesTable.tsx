import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { Output } from '../../../../shared/api';
import { MoveKind } from '../../../../shared/domain/enums';

export type MoveRow = Output<'stock.moves'>['rows'][number];

const source = (m: MoveRow) => m.recipientName ?? m.counterparty ?? '';
const ref = (m: MoveRow) =>
  [m.planNo && `方案 ${m.planNo}`, m.receiptNo && `凭证 ${m.receiptNo}`, m.reversesId && `冲正 #${m.reversesId}`].filter(Boolean).join(' ');

/** Ledger rows as the storekeeper reads them: in green, out in red, reversed rows marked. */
export function MovesTable({
  rows,
  compact = false,
  actions,
  pagination,
}: {
  rows: MoveRow[];
  compact?: boolean;
  actions?: (m: MoveRow) => ReactNode;
  pagination?: object | false;
}) {
  const columns: ColumnsType<MoveRow> = [
    { title: '时间', dataIndex: 'ts', width: 130, render: (t: string) => dayjs(t).format(compact ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm') },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 90,
      render: (k: MoveRow['kind'], m) => (
        <>
          {MoveKind.labels[k]}
          {m.reversedBy !== null && <Tag style={{ marginLeft: 4 }}>已冲正</Tag>}
        </>
      ),
    },
    { title: '物资', dataIndex: 'itemName', width: 110 },
    {
      title: '数量',
      dataIndex: 'qty',
      align: 'right',
      width: 100,
      render: (q: number, m) => <span style={{ color: q > 0 ? '#389e0d' : '#cf1322' }}>{`${q > 0 ? '+' : ''}${q.toLocaleString('zh-CN')} ${m.unit}`}</span>,
    },
  ];
  if (!compact) {
    columns.push(
      { title: '仓库', dataIndex: 'warehouseName', width: 110 },
      { title: '来源/去向', key: 'source', width: 150, render: (_, m) => source(m) },
      { title: '单据', key: 'ref', width: 170, render: (_, m) => ref(m) },
      { title: '原因/备注', dataIndex: 'reason', width: 140 },
      { title: '经办人', dataIndex: 'username', width: 80 },
    );
    if (actions) columns.push({ title: '操作', key: 'actions', width: 80, fixed: 'right', render: (_, m) => actions(m) });
  }
  return (
    <Table<MoveRow> size="small" rowKey="id" columns={columns} dataSource={rows} pagination={pagination ?? false} scroll={compact ? undefined : { x: 1100 }} />
  );
}
