import { Checkbox, Form, Input, InputNumber, Select } from 'antd';
import type { z } from 'zod';
import { call } from '../../api/client';
import { DonorFields, type Donor, SupplyItemFields, type SupplyItem, type Warehouse, WarehouseFields } from '../../../../shared/api/supplies';
import { DonorKind, SupplyCategory } from '../../../../shared/domain/enums';
import { fmt } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import type { EntityConfig } from '../places/EntityTab';
import { enumOptions } from '../places/options';
import { packText } from '../../../../shared/domain/pack-text';

type ItemRow = z.output<typeof SupplyItem>;
type WarehouseRow = z.output<typeof Warehouse>;
type DonorRow = z.output<typeof Donor>;
const I = SupplyItemFields.shape;
const W = WarehouseFields.shape;
const D = DonorFields.shape;

export function itemsConfig(): EntityConfig<ItemRow> {
  return {
    noun: '物资',
    list: (q) => call('supplyItems.list', q as never),
    save: (v, row) => (row ? call('supplyItems.update', { ...v, id: row.id } as never) : call('supplyItems.create', v as never)),
    remove: (id) => call('supplyItems.delete', { id }),
    filters: [{ key: 'category', placeholder: '类别', options: enumOptions(SupplyCategory.labels) }],
    columns: [
      { title: '物资名称', dataIndex: 'name', key: 'name', sorter: true, width: 150 },
      { title: '类别', dataIndex: 'category', key: 'category', sorter: true, width: 100, render: (v: ItemRow['category']) => SupplyCategory.labels[v] },
      { title: '单位', dataIndex: 'unit', key: 'unit', width: 70 },
      {
        title: '包装',
        key: 'pack',
        width: 140,
        render: (_, r) => (r.packSize > 1 ? `每${r.packUnit ?? '包'} ${r.packSize} ${r.unit}${r.allowSplit ? '（可拆）' : ''}` : '—'),
      },
      { title: '现有库存', dataIndex: 'onHand', key: 'onHand', width: 180, align: 'right', render: (_, r) => packText(r.onHand, r) },
      { title: '预警线', dataIndex: 'lowStock', key: 'lowStock', width: 100, align: 'right', render: fmt },
    ],
    fields: (
      <>
        <Form.Item name="name" label="物资名称" rules={[zodRule(I.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[zodRule(I.category)]} required>
          <Select options={enumOptions(SupplyCategory.labels)} />
        </Form.Item>
        <Form.Item name="unit" label="计量单位" rules={[zodRule(I.unit)]} required extra="个、只、瓶、桶、公斤、箱……库存按此单位记账">
          <Input maxLength={6} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="包装" extra="如口罩每盒 50 只：分配时按整盒计算，除非允许拆包">
          <Form.Item name="packSize" noStyle rules={[zodRule(I.packSize)]}>
            <InputNumber min={1} addonBefore="每包装" style={{ width: 160 }} />
          </Form.Item>{' '}
          <Form.Item name="packUnit" noStyle rules={[zodRule(I.packUnit)]}>
            <Input maxLength={6} placeholder="盒/箱/包" style={{ width: 100 }} />
          </Form.Item>{' '}
          <Form.Item name="allowSplit" noStyle valuePropName="checked">
            <Checkbox>允许拆包发放</Checkbox>
          </Form.Item>
        </Form.Item>
        <Form.Item name="lowStock" label="库存预警线" rules={[zodRule(I.lowStock)]} extra="库存低于此数量时在总览中提示（按计量单位）">
          <InputNumber min={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(I.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : { category: 'protective', packSize: 1, allowSplit: false }),
    scrollX: 800,
  };
}

export function warehousesConfig(communities: { value: number; label: string }[]): EntityConfig<WarehouseRow> {
  return {
    noun: '仓库',
    list: (q) => call('warehouses.list', q as never),
    save: (v, row) => (row ? call('warehouses.update', { ...v, id: row.id } as never) : call('warehouses.create', v as never)),
    remove: (id) => call('warehouses.delete', { id }),
    filters: [],
    columns: [
      { title: '仓库名称', dataIndex: 'name', key: 'name', sorter: true, width: 160 },
      { title: '所属社区', dataIndex: 'communityName', key: 'communityName', width: 140, render: (v: string | null) => v ?? '街道' },
      { title: '保管人', dataIndex: 'keeper', key: 'keeper', width: 100 },
      { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130 },
      { title: '备注', dataIndex: 'note', key: 'note' },
    ],
    fields: (
      <>
        <Form.Item name="name" label="仓库名称" rules={[zodRule(W.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="communityId" label="所属社区" extra="不选表示街道的仓库">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={communities} />
        </Form.Item>
        <Form.Item name="keeper" label="保管人" rules={[zodRule(W.keeper)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(W.phone)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(W.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : {}),
    scrollX: 700,
  };
}

export function donorsConfig(): EntityConfig<DonorRow> {
  return {
    noun: '捐赠方',
    list: (q) => call('donors.list', q as never),
    save: (v, row) => (row ? call('donors.update', { ...v, id: row.id } as never) : call('donors.create', v as never)),
    remove: (id) => call('donors.delete', { id }),
    filters: [{ key: 'kind', placeholder: '类型', options: enumOptions(DonorKind.labels) }],
    columns: [
      { title: '捐赠方', dataIndex: 'name', key: 'name', sorter: true, width: 200 },
      { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 120, render: (v: DonorRow['kind']) => DonorKind.labels[v] },
      { title: '联系人', dataIndex: 'contact', key: 'contact', width: 100 },
      { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130 },
      { title: '捐赠次数', dataIndex: 'donations', key: 'donations', width: 90, align: 'right' },
    ],
    fields: (
      <>
        <Form.Item name="name" label="捐赠方名称" rules={[zodRule(D.name)]} required>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[zodRule(D.kind)]} required>
          <Select options={enumOptions(DonorKind.labels)} />
        </Form.Item>
        <Form.Item name="contact" label="联系人" rules={[zodRule(D.contact)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(D.phone)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(D.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : { kind: 'enterprise' }),
    scrollX: 700,
  };
}
