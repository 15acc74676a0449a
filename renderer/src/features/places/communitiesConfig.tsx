import { Form, Input, Select } from 'antd';
import { call } from '../../api/client';
import { CommunityFields, type CommunityRow, GridFields, type GridRow } from '../../../../shared/api/places';
import { CommunityKind } from '../../../../shared/domain/enums';
import { fmt } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import type { EntityConfig } from './EntityTab';
import { enumOptions } from './options';

const C = CommunityFields.shape;
const G = GridFields.shape;

export function communitiesConfig(): EntityConfig<CommunityRow> {
  return {
    noun: '社区',
    list: (q) => call('communities.list', q as never),
    save: (v, row) => (row ? call('communities.update', { ...v, id: row.id } as never) : call('communities.create', v as never)),
    remove: (id) => call('communities.delete', { id }),
    exportList: (q) => call('communities.export', q as never),
    filters: [{ key: 'kind', placeholder: '类型', options: enumOptions(CommunityKind.labels) }],
    columns: [
      { title: '名称', dataIndex: 'name', key: 'name', sorter: true, width: 160 },
      { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 90, render: (v: keyof typeof CommunityKind.labels) => CommunityKind.labels[v] },
      { title: '负责人', dataIndex: 'secretary', key: 'secretary', width: 100 },
      { title: '联系电话', dataIndex: 'phone', key: 'phone', width: 130 },
      { title: '小区数', dataIndex: 'compoundCount', key: 'compoundCount', width: 80, align: 'right' },
      { title: '人口', dataIndex: 'population', key: 'population', width: 100, align: 'right', render: fmt },
    ],
    fields: (
      <>
        <Form.Item name="name" label="社区名称" rules={[zodRule(C.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[zodRule(C.kind)]} required>
          <Select options={enumOptions(CommunityKind.labels)} />
        </Form.Item>
        <Form.Item name="secretary" label="负责人" rules={[zodRule(C.secretary)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(C.phone)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(C.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : { kind: 'community' }),
  };
}

export function gridsConfig(): EntityConfig<GridRow> {
  return {
    noun: '片区',
    list: (q) => call('grids.list', q as never),
    save: (v, row) => (row ? call('grids.update', { ...v, id: row.id } as never) : call('grids.create', v as never)),
    remove: (id) => call('grids.delete', { id }),
    exportList: (q) => call('grids.export', q as never),
    filters: [],
    columns: [
      { title: '名称', dataIndex: 'name', key: 'name', sorter: true, width: 160 },
      { title: '片区长', dataIndex: 'leader', key: 'leader', sorter: true, width: 100 },
      { title: '联系电话', dataIndex: 'leaderPhone', key: 'leaderPhone', width: 130 },
      { title: '小区数', dataIndex: 'compoundCount', key: 'compoundCount', width: 80, align: 'right' },
      { title: '备注', dataIndex: 'note', key: 'note' },
    ],
    fields: (
      <>
        <Form.Item name="name" label="片区名称" rules={[zodRule(G.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="leader" label="片区长" rules={[zodRule(G.leader)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="leaderPhone" label="联系电话" rules={[zodRule(G.leaderPhone)]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(G.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : {}),
  };
}
