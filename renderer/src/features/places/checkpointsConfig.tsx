import { Col, Form, Input, InputNumber, Row, Select, Tag } from 'antd';
import { call } from '../../api/client';
import { CheckpointFields, type CheckpointRow } from '../../../../shared/api/places';
import { CheckpointHours, CheckpointKind, CheckpointStatus } from '../../../../shared/domain/enums';
import { zodRule } from '../../lib/zodRule';
import { CoordinateFields } from './CoordinateFields';
import type { EntityConfig } from './EntityTab';
import { enumOptions, type RefOptions } from './options';

const S = CheckpointFields.shape;
const STATUS_TAG: Record<string, string> = { active: 'green', paused: 'gold', removed: 'default' };

export function CheckpointFormFields({ refs }: { refs: RefOptions }) {
  const kind = Form.useWatch('kind');
  const compoundId = Form.useWatch('compoundId');
  return (
    <>
      <Form.Item name="name" label="卡点名称" rules={[zodRule(S.name)]} required>
        <Input maxLength={60} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label="类型" rules={[zodRule(S.kind)]} required>
            <Select options={enumOptions(CheckpointKind.labels)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="compoundId"
            label="所在小区"
            required={kind === 'gate'}
            dependencies={['kind']}
            rules={[{ required: kind === 'gate', message: '小区门岗必须选择所在小区' }]}
          >
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={refs.compounds} placeholder="小区门岗必选" />
          </Form.Item>
        </Col>
        {!compoundId && kind !== 'gate' && (
          <Col span={12}>
            <Form.Item name="communityId" label="所属社区" rules={[{ required: true, message: '请选择卡点所属社区' }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={refs.communities} />
            </Form.Item>
          </Col>
        )}
        <Col span={12}>
          <Form.Item name="hours" label="值守时段" rules={[zodRule(S.hours)]} required>
            <Select options={enumOptions(CheckpointHours.labels)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="staffPerShift" label="每班人数" rules={[zodRule(S.staffPerShift)]} required>
            <InputNumber style={{ width: '100%' }} precision={0} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label="状态" rules={[zodRule(S.status)]} required>
            <Select options={enumOptions(CheckpointStatus.labels)} />
          </Form.Item>
        </Col>
        <CoordinateFields />
      </Row>
      <Form.Item name="note" label="备注" rules={[zodRule(S.note)]}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </>
  );
}

export function checkpointsConfig(refs: RefOptions): EntityConfig<CheckpointRow> {
  return {
    noun: '卡点',
    list: (q) => call('checkpoints.list', q as never),
    save: (v, row) => {
      const input = { ...v, compoundId: v.compoundId ?? null, communityId: v.compoundId ? null : (v.communityId ?? null) } as never;
      return row ? call('checkpoints.update', { ...(input as object), id: row.id } as never) : call('checkpoints.create', input);
    },
    remove: (id) => call('checkpoints.delete', { id }),
    exportList: (q) => call('checkpoints.export', q as never),
    filters: [
      { key: 'communityId', placeholder: '社区', options: refs.communities },
      { key: 'kind', placeholder: '类型', options: enumOptions(CheckpointKind.labels) },
      { key: 'status', placeholder: '状态', options: enumOptions(CheckpointStatus.labels) },
    ],
    scrollX: 1000,
    columns: [
      { title: '卡点名称', dataIndex: 'name', key: 'name', sorter: true, width: 200 },
      { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 90, render: (v: keyof typeof CheckpointKind.labels) => CheckpointKind.labels[v] },
      { title: '所属社区', dataIndex: 'communityName', key: 'communityName', sorter: true, width: 120 },
      { title: '所在小区', dataIndex: 'compoundName', key: 'compoundName', width: 140, render: (v: string | null) => v ?? '—' },
      { title: '值守', dataIndex: 'hours', key: 'hours', width: 80, render: (v: keyof typeof CheckpointHours.labels) => CheckpointHours.labels[v] },
      { title: '每班人数', dataIndex: 'staffPerShift', key: 'staffPerShift', sorter: true, width: 90, align: 'right' },
      {
        title: '状态',
        dataIndex: 'status',
        key: 'status',
        sorter: true,
        width: 90,
        render: (v: keyof typeof CheckpointStatus.labels) => <Tag color={STATUS_TAG[v]}>{CheckpointStatus.labels[v]}</Tag>,
      },
    ],
    fields: <CheckpointFormFields refs={refs} />,
    toForm: (row) => (row ? { ...row } : { kind: 'gate', hours: 'allDay', status: 'active', staffPerShift: 2 }),
  };
}
