import { Checkbox, Input, Select } from 'antd';
import { Health, PersonKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import type { BulkField } from '../../lib/BulkEditModal';
import { InlineCell } from '../../lib/InlineCell';
import { enumOptions } from '../places/options';

type Opt = { value: number; label: string };
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `周${d}` }));

const apply = (ids: number[], set: Record<string, unknown>) => call('people.bulkUpdate', { ids, set } as never);

/** 批量修改 of the people list: what a dispatcher changes for a whole group at once. */
export function peopleBulk(refs: { communities: Opt[]; teams: Opt[] }) {
  const fields: BulkField[] = [
    {
      key: 'teamId',
      label: '加入队伍',
      required: true,
      input: <Select showSearch={{ optionFilterProp: 'label' }} options={refs.teams} aria-label="新的加入队伍" />,
    },
    { key: 'kind', label: '类别', required: true, input: <Select options={enumOptions(PersonKind.labels)} aria-label="新的类别" /> },
    { key: 'health', label: '健康状况', required: true, input: <Select options={enumOptions(Health.labels)} aria-label="新的健康状况" /> },
    {
      key: 'communityId',
      label: '所属社区',
      input: <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.communities} aria-label="新的所属社区" />,
    },
    {
      key: 'partyMember',
      label: '党员',
      required: true,
      input: (
        <Select
          options={[
            { value: 'yes', label: '是' },
            { value: 'no', label: '否' },
          ]}
          aria-label="新的党员"
        />
      ),
      toValue: (v) => v === 'yes',
    },
    { key: 'weekdays', label: '可值守的日子', required: true, input: <Checkbox.Group options={WEEKDAYS} /> },
    { key: 'note', label: '备注', input: <Input maxLength={200} aria-label="新的备注" /> },
  ];
  return { fields, apply: (ids: number[], key: string, value: unknown) => apply(ids, { [key]: value }) };
}

/** A person's 类别 or 健康 changed in the list itself (the same core call, for one person). */
export function PersonEnumCell({ id, field, value, canWrite }: { id: number; field: 'kind' | 'health'; value: string; canWrite: boolean }) {
  const labels: Record<string, string> = field === 'kind' ? PersonKind.labels : Health.labels;
  if (!canWrite) return <>{labels[value]}</>;
  return (
    <InlineCell
      value={value}
      label={field === 'kind' ? '类别' : '健康状况'}
      options={Object.entries(labels).map(([v, l]) => ({ value: v, label: l }))}
      onSave={(v) => apply([id], { [field]: v })}
    />
  );
}
