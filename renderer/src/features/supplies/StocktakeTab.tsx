import { Alert, App, Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import type { SupplyRefs } from './useRefs';

type Line = { itemId: number; name: string; unit: string; books: number };

/**
 * 盘点: the warehouse's items in a list with a 实盘 cell each, typed top to bottom (Enter
 * goes to the next row). 保存盘点 sends them together; each difference becomes an
 * adjustment in the ledger with reason 盘点, so the books' history stays as it was.
 */
export function StocktakeTab({ refs, canWrite, onChanged }: { refs: SupplyRefs; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [warehouseId, setWarehouseId] = useState<number | undefined>(refs.warehouses[0]?.value);
  const [counted, setCounted] = useState<Record<number, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reload, setReload] = useState(0);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const stock = useLoad(() => (warehouseId ? call('stock.onHand', { warehouseId }) : Promise.resolve([])), [warehouseId, reload]);
  const lines: Line[] = refs.items.map((i) => ({
    itemId: i.id,
    name: i.name,
    unit: i.unit,
    books: stock.data?.find((s) => s.itemId === i.id)?.onHand ?? 0,
  }));
  const typed = lines.filter((l) => counted[l.itemId] !== undefined && counted[l.itemId] !== null);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const r = await call('stock.count', { warehouseId: warehouseId!, lines: typed.map((l) => ({ itemId: l.itemId, counted: counted[l.itemId]! })) });
      message.success(r.adjusted ? `已登记 ${r.adjusted} 条盘点调整` : '实盘与账面一致，无需调整');
      setCounted({});
      setReload((n) => n + 1);
      onChanged();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div className="toolbar">
        <Select
          style={{ width: 220 }}
          options={refs.warehouses}
          value={warehouseId}
          onChange={(v) => (setWarehouseId(v), setCounted({}))}
          aria-label="盘点仓库"
        />
        <span className="spacer" />
        {canWrite && (
          <Button type="primary" disabled={!typed.length || !warehouseId} loading={saving} onClick={save}>
            保存盘点（{typed.length}）
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Line>
        size="small"
        rowKey="itemId"
        loading={stock.loading}
        dataSource={lines}
        pagination={false}
        data-testid="stocktake-table"
        columns={[
          { title: '物资', dataIndex: 'name', width: 160 },
          { title: '账面库存', key: 'books', align: 'right', width: 120, render: (_, l) => `${l.books.toLocaleString('zh-CN')} ${l.unit}` },
          {
            title: '实盘数量',
            key: 'counted',
            width: 160,
            render: (_, l, i) => (
              <InputNumber
                ref={(el) => {
                  inputs.current[i] = el as unknown as HTMLInputElement | null;
                }}
                min={0}
                precision={0}
                disabled={!canWrite}
                value={counted[l.itemId] ?? null}
                onChange={(v) => setCounted((c) => ({ ...c, [l.itemId]: v }))}
                onPressEnter={() => inputs.current[i + 1]?.focus()}
                aria-label={`${l.name}实盘数量`}
                suffix={l.unit}
                style={{ width: 140 }}
              />
            ),
          },
          {
            title: '差异',
            key: 'diff',
            align: 'right',
            width: 100,
            render: (_, l) => {
              const c = counted[l.itemId];
              if (c === undefined || c === null) return '';
              const d = c - l.books;
              return <Typography.Text type={d === 0 ? 'secondary' : d < 0 ? 'danger' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text>;
            },
          },
        ]}
      />
    </Space>
  );
}
