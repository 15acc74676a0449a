import { Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { KeyStatus } from '../../../../shared/api/key-persons';
import { call } from '../../api/client';
import type { BulkField } from '../../lib/BulkEditModal';
import { InlineCell } from '../../lib/InlineCell';
import { useLoad } from '../../lib/useLoad';
import { EntityTab } from '../places/EntityTab';
import { FLAG_OPTIONS, isMasked, KIND_OPTIONS, phoneMessage, ResidentFields, residentPatch, type ResidentRow, toResidentForm } from './residentForm';

type Opt = { value: number; label: string };

const bulkFields = (compounds: Opt[]): BulkField[] => [
  { key: 'compoundId', label: '小区', required: true, input: <Select showSearch={{ optionFilterProp: 'label' }} options={compounds} aria-label="新的小区" /> },
  { key: 'building', label: '楼栋', input: <Input maxLength={10} aria-label="新的楼栋" /> },
  { key: 'unit', label: '单元', input: <Input maxLength={10} aria-label="新的单元" /> },
  { key: 'kind', label: '人员类型', required: true, input: <Select options={KIND_OPTIONS} aria-label="新的人员类型" /> },
  { key: 'flags', label: '特殊人群', input: <Select mode="multiple" options={FLAG_OPTIONS} aria-label="新的特殊人群" />, toValue: (v) => v ?? [] },
  { key: 'relation', label: '与户主关系', input: <Input maxLength={10} aria-label="新的与户主关系" /> },
  { key: 'origin', label: '来源地', input: <Input maxLength={40} aria-label="新的来源地" /> },
  { key: 'note', label: '备注', input: <Input maxLength={200} aria-label="新的备注" /> },
];

/** 居民名单: narrowed by compound and building; edited in place, in the edit form, or many at once (批量修改). */
export function ResidentList({ compounds, canReveal, canWrite }: { compounds: Opt[]; canReveal: boolean; canWrite: boolean }) {
  // Compound and building narrow the list from above (a building's residents, door by door).
  const [compoundId, setCompoundId] = useState<number | undefined>();
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const buildings = useLoad(() => (compoundId ? call('residents.buildings', { compoundId }) : Promise.resolve([])), [compoundId]);
  const update = (id: number, patch: Record<string, unknown>) => call('residents.update', { id, ...patch } as never);
  const cell = (r: ResidentRow, key: 'building' | 'unit' | 'room' | 'note' | 'phone', label: string) =>
    canWrite ? (
      <InlineCell
        value={r[key] ?? null}
        label={label}
        editable={!isMasked(r[key])}
        validate={key === 'phone' ? phoneMessage : undefined}
        onSave={(v) => update(r.id, { [key]: v })}
      />
    ) : (
      r[key]
    );
  return (
    <>
      <div className="toolbar">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="小区"
          style={{ width: 220 }}
          options={compounds}
          value={compoundId}
          onChange={(v) => (setCompoundId(v), setBuildingId(undefined))}
          aria-label="小区"
        />
        <Select
          allowClear
          placeholder="楼栋"
          style={{ width: 160 }}
          value={buildingId}
          onChange={setBuildingId}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.name}栋（${b.households}户 ${b.residents}人）` }))}
          aria-label="楼栋"
        />
      </div>
      <EntityTab<ResidentRow>
        key={`${compoundId ?? ''}:${buildingId ?? ''}`}
        canWrite={canWrite}
        canReveal={canReveal}
        config={{
          noun: '居民',
          list: (q) => call('residents.list', { ...q, compoundId, buildingId } as never),
          exportList: (q) => call('residents.export', { ...q, compoundId, buildingId } as never),
          save: async (v, row) => row && update(row.id, residentPatch(v, row)),
          creatable: false,
          bulk: {
            fields: bulkFields(compounds),
            apply: (ids, key, value) => call('residents.bulkUpdate', { ids, set: { [key]: value } } as never),
          },
          filters: [{ key: 'kind', placeholder: '人员类型', options: KIND_OPTIONS }],
          columns: [
            { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, width: 90 },
            {
              title: '重点人员',
              dataIndex: 'keyPerson',
              key: 'keyPerson',
              width: 90,
              // The link made in 重点人员 › 关联居民, seen from the register's side.
              render: (s: keyof typeof KeyStatus | null) => (s ? <Tag color={s === 'observing' ? 'orange' : 'default'}>{KeyStatus[s]}</Tag> : '—'),
            },
            { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber', width: 180 },
            { title: '手机号', dataIndex: 'phone', key: 'phone', width: 130, render: (_, r) => cell(r, 'phone', '手机号') },
            { title: '性别', dataIndex: 'gender', key: 'gender', width: 60, render: (g: string) => (g === 'M' ? '男' : '女') },
            { title: '小区', dataIndex: 'compoundName', key: 'compoundName', sorter: true, width: 120 },
            { title: '楼栋', key: 'building', width: 70, render: (_, r) => cell(r, 'building', '楼栋') },
            { title: '单元', key: 'unit', width: 70, render: (_, r) => cell(r, 'unit', '单元') },
            { title: '房号', key: 'room', width: 80, render: (_, r) => cell(r, 'room', '房号') },
            { title: '类型', dataIndex: 'kind', key: 'kind', width: 90, render: (k: string) => KIND_OPTIONS.find((o) => o.value === k)?.label },
            { title: '特殊人群', dataIndex: 'flags', key: 'flags', width: 120, render: (f: string[]) => f.join('、') },
            { title: '来源地', dataIndex: 'origin', key: 'origin', width: 90 },
            { title: '备注', key: 'note', width: 160, render: (_, r) => cell(r, 'note', '备注') },
          ],
          fields: <ResidentFields compounds={compounds} />,
          toForm: toResidentForm,
          scrollX: 1450,
        }}
      />
    </>
  );
}
