import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { MoveKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { ExportButton } from '../../lib/ExportButton';
import { FormModal } from '../../lib/FormModal';
import { useLoad } from '../../lib/useLoad';
import { useRemembered } from '../../lib/useRemembered';
import { showFieldIssues } from '../../lib/zodRule';
import { enumOptions } from '../places/options';
import { LinesField } from './LinesField';
import { type MoveRow, MovesTable } from './MovesTable';
import { itemOptions, type SupplyRefs } from './useRefs';

type Action = 'receive' | 'use' | 'transfer' | 'adjust' | 'loss';
const TITLES: Record<Action, string> = { receive: '入库', use: '领用出库', transfer: '仓库调拨', adjust: '盘点调整', loss: '报损' };

/** 出入库台账: every movement, filterable, with the forms that add rows (never edit them). */
export function LedgerTab({ refs, canWrite, onChanged }: { refs: SupplyRefs; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [filter, setFilter] = useRemembered<{
    itemId?: number;
    warehouseId?: number;
    kind?: string;
    from?: string;
    to?: string;
    page: number;
    pageSize: number;
  }>('ledger', { page: 1, pageSize: 50 });
  const [version, setVersion] = useState(0);
  const moves = useLoad(() => call('stock.moves', filter as never), [JSON.stringify(filter), version]);
  const [action, setAction] = useState<Action | null>(null);
  const [reversing, setReversing] = useState<MoveRow | null>(null);
  const [form] = Form.useForm();
  const [reason, setReason] = useState('');
  const done = (text: string) => {
    message.success(text);
    setVersion((v) => v + 1);
    onChanged();
  };

  const open = (a: Action) => {
    form.resetFields();
    form.setFieldsValue({ warehouseId: refs.warehouses[0]?.value, fromId: refs.warehouses[0]?.value, kind: 'purchase', lines: [{}] });
    setAction(a);
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !action) return;
    try {
      if (action === 'receive') await call('stock.receive', v);
      else if (action === 'use') await call('stock.use', v);
      else if (action === 'transfer') await call('stock.transfer', v);
      else if (action === 'adjust') await call('stock.adjust', v);
      else await call('stock.loss', v);
      setAction(null);
      done(`${TITLES[action]}已登记`);
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  const reverse = async () => {
    if (!reversing) return;
    try {
      await call('stock.reverse', { moveId: reversing.id, reason });
      setReversing(null);
      done('已登记冲正记录');
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const range = (v: [Dayjs | null, Dayjs | null] | null) =>
    setFilter((f) => ({ ...f, page: 1, from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') }));
  return (
    <>
      <div className="toolbar">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="物资"
          style={{ width: 180 }}
          options={itemOptions(refs.items)}
          value={filter.itemId}
          onChange={(v) => setFilter((f) => ({ ...f, page: 1, itemId: v }))}
        />
        <Select
          allowClear
          placeholder="仓库"
          style={{ width: 150 }}
          options={refs.warehouses}
          value={filter.warehouseId}
          onChange={(v) => setFilter((f) => ({ ...f, page: 1, warehouseId: v }))}
        />
        <Select
          allowClear
          placeholder="类型"
          style={{ width: 120 }}
          options={enumOptions(MoveKind.labels)}
          value={filter.kind}
          onChange={(v) => setFilter((f) => ({ ...f, page: 1, kind: v }))}
        />
        <DatePicker.RangePicker value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null} onChange={(v) => range(v as never)} />
        <ExportButton
          run={() => {
            const { page: _p, pageSize: _s, ...current } = filter;
            return call('stockMoves.export', current as never);
          }}
        />
        <span className="spacer" />
        {canWrite && (
          <Space wrap>
            {(Object.keys(TITLES) as Action[]).map((a) => (
              <Button key={a} type={a === 'receive' ? 'primary' : 'default'} onClick={() => open(a)}>
                {TITLES[a]}
              </Button>
            ))}
          </Space>
        )}
      </div>
      {moves.error && <Alert type="error" showIcon title={moves.error} style={{ marginBottom: 8 }} />}
      <MovesTable
        rows={moves.data?.rows ?? []}
        actions={
          canWrite
            ? (m) =>
                m.reversedBy === null && m.kind !== 'reversal' && !m.planNo ? (
                  <Button type="link" size="small" onClick={() => (setReason(''), setReversing(m))}>
                    冲正
                  </Button>
                ) : null
            : undefined
        }
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: moves.data?.total ?? 0,
          showTotal: (t: number) => `共 ${t} 条`,
          onChange: (page: number, pageSize: number) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      <FormModal
        form={form}
        open={action !== null}
        title={action ? TITLES[action] : ''}
        okText="登记"
        cancelText="取消"
        onOk={submit}
        onCancel={() => setAction(null)}
        destroyOnHidden
        width={620}
      >
        <Form form={form} layout="vertical">
          {action === 'receive' && (
            <Form.Item name="kind" label="来源">
              <Radio.Group
                options={[
                  { value: 'purchase', label: '采购' },
                  { value: 'upper', label: '上级调拨' },
                ]}
              />
            </Form.Item>
          )}
          {action === 'transfer' ? (
            <Space>
              <Form.Item name="fromId" label="调出仓库" rules={[{ required: true, message: '请选择调出仓库' }]}>
                <Select options={refs.warehouses} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="toId" label="调入仓库" rules={[{ required: true, message: '请选择调入仓库' }]}>
                <Select options={refs.warehouses} style={{ width: 200 }} />
              </Form.Item>
            </Space>
          ) : (
            <Form.Item name="warehouseId" label="仓库" rules={[{ required: true, message: '请选择仓库' }]}>
              <Select options={refs.warehouses} style={{ width: 240 }} />
            </Form.Item>
          )}
          {(action === 'receive' || action === 'use') && (
            <Form.Item
              name="counterparty"
              label={action === 'receive' ? '来源单位' : '领用人/单位'}
              rules={action === 'use' ? [{ required: true, message: '请填写领用人/单位' }] : []}
            >
              <Input maxLength={60} />
            </Form.Item>
          )}
          {(action === 'receive' || action === 'use' || action === 'transfer') && (
            <Form.Item label="物资与数量" required>
              <LinesField items={refs.items} />
            </Form.Item>
          )}
          {(action === 'adjust' || action === 'loss') && (
            <>
              <Form.Item name="itemId" label="物资" rules={[{ required: true, message: '请选择物资' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={itemOptions(refs.items)} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item
                name={action === 'adjust' ? 'counted' : 'qty'}
                label={action === 'adjust' ? '实盘数量' : '报损数量'}
                rules={[{ required: true, message: '请填写数量' }]}
              >
                <InputNumber min={action === 'adjust' ? 0 : 1} precision={0} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="reason" label={action === 'adjust' ? '调整原因' : '报损原因'} rules={[{ required: true, message: '请写明原因' }]}>
                <Input.TextArea rows={2} maxLength={200} />
              </Form.Item>
            </>
          )}
          {(action === 'receive' || action === 'use' || action === 'transfer') && (
            <Form.Item name="note" label={action === 'use' ? '用途' : '备注'}>
              <Input maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </FormModal>
      <FormModal
        dirty={!!reason.trim()}
        open={reversing !== null}
        title="冲正台账记录"
        okText="登记冲正"
        cancelText="取消"
        onOk={reverse}
        onCancel={() => setReversing(null)}
        okButtonProps={{ disabled: !reason.trim() }}
      >
        {reversing && (
          <p>
            将登记一条与记录 #{reversing.id}（{MoveKind.labels[reversing.kind]} {reversing.itemName} {reversing.qty} {reversing.unit}
            ）数量相反的记录，原记录保留不变。
            {reversing.kind.startsWith('transfer') ? '调拨的调出和调入将一并冲正。' : ''}
          </p>
        )}
        <Input.TextArea
          rows={2}
          placeholder="冲正原因（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          aria-label="冲正原因"
        />
      </FormModal>
    </>
  );
}
