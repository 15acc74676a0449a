import { Checkbox, Form, Input, InputNumber, Select, Space } from 'antd';
import type { z } from 'zod';
import { call } from '../../api/client';
import { type Person, PersonFields, PersonUpdate, type Post, PostFields, type Team, TeamFields } from '../../../../shared/api/volunteers';
import { AgeGroup, Gender, Health, PersonKind, TeamKind } from '../../../../shared/domain/enums';
import { SHIFT_PATTERNS } from '../../../../shared/domain/shifts';
import { zodRule } from '../../lib/zodRule';
import type { EntityConfig } from '../places/EntityTab';
import { enumOptions } from '../places/options';
import { PersonEnumCell, peopleBulk } from './peopleBulk';

type PersonRow = z.output<typeof Person>;
type TeamRow = z.output<typeof Team>;
type PostRow = z.output<typeof Post>;
type Opt = { value: number; label: string };
const P = PersonFields.shape;
// The edit form is prefilled with the list's masked phone / ID number, which the core reads as unchanged.
const U = PersonUpdate.shape;
const T = TeamFields.shape;
const S = PostFields.shape;
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `周${d}` }));
const availability = (r: PersonRow) =>
  `${r.weekdays.length === 7 ? '每天' : r.weekdays.map((d) => '一二三四五六日'[d - 1]).join('')}${r.windowStart !== null ? ` ${r.windowStart}–${r.windowEnd} 时` : ''}`;

export function peopleConfig(refs: { communities: Opt[]; compounds: Opt[]; teams: Opt[] }, canWrite = false): EntityConfig<PersonRow> {
  return {
    noun: '人员',
    list: (q) => call('people.list', q as never),
    save: (v, row) => {
      const input = {
        ...v,
        skills:
          typeof v.skills === 'string'
            ? String(v.skills)
                .split(/[、,，\s]+/)
                .filter(Boolean)
            : (v.skills ?? []),
      };
      return row ? call('people.update', { ...input, id: row.id } as never) : call('people.create', input as never);
    },
    remove: (id) => call('people.delete', { id }),
    bulk: peopleBulk(refs),
    exportList: (q) => call('people.export', q as never),
    filters: [
      { key: 'kind', placeholder: '类别', options: enumOptions(PersonKind.labels) },
      { key: 'communityId', placeholder: '社区', options: refs.communities },
      { key: 'teamId', placeholder: '队伍', options: refs.teams },
      { key: 'health', placeholder: '健康状况', options: enumOptions(Health.labels) },
    ],
    columns: [
      { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, width: 90 },
      {
        title: '类别',
        dataIndex: 'kind',
        key: 'kind',
        sorter: true,
        width: 100,
        render: (k: PersonRow['kind'], r) => (
          <>
            <PersonEnumCell id={r.id} field="kind" value={k} canWrite={canWrite} />
            {r.partyMember && k !== 'party' ? '（党员）' : ''}
          </>
        ),
      },
      { title: '手机', dataIndex: 'phone', key: 'phone', width: 120 },
      { title: '居住小区', dataIndex: 'compoundName', key: 'compoundName', width: 120 },
      { title: '社区', dataIndex: 'communityName', key: 'communityName', sorter: true, width: 110 },
      { title: '特长', dataIndex: 'skills', key: 'skills', width: 120, render: (s: string[]) => s.join('、') },
      { title: '可值守', key: 'availability', width: 120, render: (_, r) => availability(r) },
      { title: '队伍', dataIndex: 'teams', key: 'teams', width: 180, ellipsis: true },
      {
        title: '健康',
        dataIndex: 'health',
        key: 'health',
        width: 90,
        render: (h: PersonRow['health'], r) => <PersonEnumCell id={r.id} field="health" value={h} canWrite={canWrite} />,
      },
    ],
    fields: (
      <>
        <Space wrap>
          <Form.Item name="name" label="姓名" rules={[zodRule(P.name)]} required>
            <Input maxLength={20} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="kind" label="类别" rules={[zodRule(P.kind)]} required>
            <Select options={enumOptions(PersonKind.labels)} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="partyMember" label="党员" valuePropName="checked">
            <Checkbox>是</Checkbox>
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="phone" label="手机" rules={[zodRule(U.phone)]}>
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号（可不填）" rules={[zodRule(U.idNumber)]}>
            <Input maxLength={18} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="gender" label="性别">
            <Select allowClear options={enumOptions(Gender.labels)} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="ageGroup" label="年龄段">
            <Select allowClear options={enumOptions(AgeGroup.labels)} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="compoundId" label="居住小区" extra="排班时优先安排住在岗位附近的人">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.compounds} />
        </Form.Item>
        <Form.Item name="skills" label="特长" extra="用顿号分隔，如：驾驶、医护、宣传、心理疏导">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="weekdays" label="可值守的日子" rules={[zodRule(P.weekdays)]}>
          <Checkbox.Group options={WEEKDAYS} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="windowStart" label="可值守时段（开始，时）" rules={[zodRule(P.windowStart)]}>
            <InputNumber min={0} max={23} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="windowEnd" label="结束（时）" rules={[zodRule(P.windowEnd)]} extra="都不填表示任何时段">
            <InputNumber min={0} max={24} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="health" label="健康状况">
            <Select options={enumOptions(Health.labels)} style={{ width: 120 }} />
          </Form.Item>
        </Space>
        <Form.Item name="daysOff" label="请假日期">
          <Select mode="tags" placeholder="输入日期，如 2026-12-03" tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(P.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row, skills: row.skills.join('、') } : { kind: 'volunteer', weekdays: [1, 2, 3, 4, 5, 6, 7], health: 'healthy', daysOff: [] }),
    scrollX: 1200,
  };
}

export function teamsConfig(refs: { communities: Opt[]; compounds: Opt[]; people: Opt[] }): EntityConfig<TeamRow> {
  return {
    noun: '队伍',
    list: (q) => call('teams.list', q as never),
    save: (v, row) => (row ? call('teams.update', { ...v, id: row.id } as never) : call('teams.create', v as never)),
    remove: (id) => call('teams.delete', { id }),
    filters: [{ key: 'kind', placeholder: '类型', options: enumOptions(TeamKind.labels) }],
    columns: [
      { title: '队伍', dataIndex: 'name', key: 'name', sorter: true, width: 220 },
      { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 120, render: (k: TeamRow['kind']) => TeamKind.labels[k] },
      { title: '队长', dataIndex: 'leaderName', key: 'leaderName', width: 100 },
      { title: '所属社区', dataIndex: 'communityName', key: 'communityName', width: 120 },
      { title: '人数', dataIndex: 'members', key: 'members', width: 80, align: 'right' },
    ],
    fields: (
      <>
        <Form.Item name="name" label="队伍名称" rules={[zodRule(T.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[zodRule(T.kind)]} required>
          <Select options={enumOptions(TeamKind.labels)} />
        </Form.Item>
        <Form.Item name="leaderId" label="队长">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.people} />
        </Form.Item>
        <Form.Item name="communityId" label="所属社区">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.communities} />
        </Form.Item>
        <Form.Item name="compoundId" label="所属小区">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.compounds} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(T.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </>
    ),
    toForm: (row) => (row ? { ...row } : { kind: 'vanguard' }),
    scrollX: 700,
  };
}

export function postsConfig(refs: { communities: Opt[]; compounds: Opt[]; kinds: Opt[] }): EntityConfig<PostRow> {
  return {
    noun: '岗位',
    list: (q) => call('posts.list', q as never),
    save: (v, row) => {
      // 自定义班次 is typed as "6-14, 14-22, 22-6".
      const customShifts =
        v.pattern === 'custom'
          ? String(v.customText ?? '')
              .split(/[,，、\s]+/)
              .filter(Boolean)
              .map((t) => t.split(/[-–~～]/).map(Number))
          : null;
      const { customText: _t, ...rest } = v;
      const input = { ...rest, customShifts };
      return row ? call('posts.update', { ...input, id: row.id } as never) : call('posts.create', input as never);
    },
    remove: (id) => call('posts.delete', { id }),
    filters: [
      { key: 'kindId', placeholder: '岗位类型', options: refs.kinds },
      { key: 'communityId', placeholder: '社区', options: refs.communities },
    ],
    columns: [
      { title: '岗位', dataIndex: 'name', key: 'name', sorter: true, width: 200 },
      { title: '类型', dataIndex: 'kindName', key: 'kindName', sorter: true, width: 100 },
      { title: '地点', key: 'place', width: 160, render: (_, r) => r.compoundName ?? r.place ?? r.communityName ?? '—' },
      { title: '每班人数', dataIndex: 'perShift', key: 'perShift', width: 90, align: 'right' },
      { title: '班次', dataIndex: 'pattern', key: 'pattern', width: 180, render: (p: PostRow['pattern']) => SHIFT_PATTERNS[p].label },
      { title: '来源', dataIndex: 'checkpointId', key: 'checkpointId', width: 100, render: (c: number | null) => (c ? '卡点自动生成' : '手工') },
      { title: '状态', dataIndex: 'active', key: 'active', width: 70, render: (a: boolean) => (a ? '启用' : '停用') },
    ],
    fields: (
      <>
        <Form.Item name="name" label="岗位名称" rules={[zodRule(S.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kindId" label="岗位类型" rules={[{ required: true, message: '请选择岗位类型' }]}>
          <Select options={refs.kinds} />
        </Form.Item>
        <Form.Item name="compoundId" label="所在小区">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.compounds} />
        </Form.Item>
        <Form.Item name="communityId" label="所属社区" extra="不在小区的岗位填社区；街道的岗位都不填">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.communities} />
        </Form.Item>
        <Form.Item name="place" label="地点说明" rules={[zodRule(S.place)]}>
          <Input maxLength={40} placeholder="如 街道物资库" />
        </Form.Item>
        <Space wrap>
          <Form.Item name="perShift" label="每班人数" rules={[zodRule(S.perShift)]} required>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="pattern" label="班次" required>
            <Select options={Object.entries(SHIFT_PATTERNS).map(([value, p]) => ({ value, label: p.label }))} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.pattern !== b.pattern}>
            {({ getFieldValue }) =>
              getFieldValue('pattern') === 'custom' && (
                <Form.Item
                  name="customText"
                  label="自定义班次（时）"
                  extra="如 6-14, 14-22, 22-6（跨零点的班写成 22-6）"
                  rules={[
                    { pattern: /^\s*\d{1,2}\s*[-–~～]\s*\d{1,2}(\s*[,，、\s]\s*\d{1,2}\s*[-–~～]\s*\d{1,2})*\s*$/, message: '请写成 6-14, 14-22 的形式' },
                  ]}
                >
                  <Input style={{ width: 220 }} />
                </Form.Item>
              )
            }
          </Form.Item>
          <Form.Item name="active" label="启用" valuePropName="checked">
            <Checkbox />
          </Form.Item>
        </Space>
      </>
    ),
    toForm: (row) =>
      row
        ? { ...row, customText: row.customShifts?.map(([s, e]) => `${s}-${e}`).join(', ') }
        : { perShift: 1, pattern: 'day', active: true, kindId: refs.kinds[0]?.value },
    scrollX: 900,
  };
}
