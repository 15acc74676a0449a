import { Col, Form, Input, InputNumber, Row, Select, Tag } from 'antd';
import { call } from '../../api/client';
import { CompoundFields, type CompoundRow } from '../../../../shared/api/places';
import { ControlLevel, ManagementType } from '../../../../shared/domain/enums';
import { fmt } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import { CoordinateFields } from './CoordinateFields';
import type { EntityConfig } from './EntityTab';
import { enumOptions, type RefOptions } from './options';

const S = CompoundFields.shape;
const CONTROL_TAG: Record<string, string> = { sealed: 'red', controlled: 'orange', precaution: 'lime', normal: 'default' };

function CompoundFormFields({ refs }: { refs: RefOptions }) {
  const type = Form.useWatch('managementType');
  const num = (name: string, label: string, schema: typeof S.population) => (
    <Col span={8}>
      <Form.Item name={name} label={label} rules={[zodRule(schema)]} required>
        <InputNumber style={{ width: '100%' }} precision={0} />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Form.Item name="boundary" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="name" label="小区名称" rules={[zodRule(S.name)]} required>
        <Input maxLength={60} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="communityId" label="所属社区" validateFirst rules={[{ required: true, message: '请选择所属社区' }, zodRule(S.communityId)]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={refs.communities} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="gridId" label="所属片区">
            <Select allowClear options={refs.grids} placeholder="请选择" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="managementType" label="管理类型" rules={[zodRule(S.managementType)]} required>
            <Select options={enumOptions(ManagementType.labels)} placeholder="物业 / 自管 / 三不管" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="controlLevel" label="管控等级" rules={[zodRule(S.controlLevel)]} required>
            <Select options={enumOptions(ControlLevel.labels)} />
          </Form.Item>
        </Col>
      </Row>
      {type === 'managed' && (
        <Form.Item name="propertyCompany" label="物业公司" rules={[zodRule(S.propertyCompany)]}>
          <Input maxLength={60} />
        </Form.Item>
      )}
      <Row gutter={12}>
        {num('buildings', '楼栋数', S.buildings)}
        {num('households', '户数', S.households)}
        {num('population', '人口', S.population)}
      </Row>
      <Row gutter={12}>
        <CoordinateFields />
      </Row>
    </>
  );
}

export function compoundsConfig(refs: RefOptions): EntityConfig<CompoundRow> {
  return {
    noun: '小区',
    list: (q) => call('compounds.list', q as never),
    save: (v, row) => (row ? call('compounds.update', { ...v, id: row.id } as never) : call('compounds.create', v as never)),
    remove: (id) => call('compounds.delete', { id }),
    exportList: (q) => call('compounds.export', q as never),
    filters: [
      { key: 'communityId', placeholder: '社区', options: refs.communities },
      { key: 'gridId', placeholder: '片区', options: refs.grids },
      { key: 'managementType', placeholder: '管理类型', options: enumOptions(ManagementType.labels) },
      { key: 'controlLevel', placeholder: '管控等级', options: enumOptions(ControlLevel.labels) },
    ],
    scrollX: 1100,
    columns: [
      { title: '小区名称', dataIndex: 'name', key: 'name', sorter: true, width: 180 },
      { title: '所属社区', dataIndex: 'communityName', key: 'communityName', sorter: true, width: 120 },
      { title: '片区', dataIndex: 'gridName', key: 'gridName', width: 90 },
      {
        title: '管理类型',
        dataIndex: 'managementType',
        key: 'managementType',
        width: 90,
        render: (v: keyof typeof ManagementType.labels) => ManagementType.labels[v],
      },
      { title: '楼栋', dataIndex: 'buildings', key: 'buildings', sorter: true, width: 70, align: 'right' },
      { title: '户数', dataIndex: 'households', key: 'households', sorter: true, width: 80, align: 'right', render: fmt },
      { title: '人口', dataIndex: 'population', key: 'population', sorter: true, width: 80, align: 'right', render: fmt },
      {
        title: '管控等级',
        dataIndex: 'controlLevel',
        key: 'controlLevel',
        sorter: true,
        width: 90,
        render: (v: keyof typeof ControlLevel.labels) => <Tag color={CONTROL_TAG[v]}>{ControlLevel.labels[v]}</Tag>,
      },
      { title: '卡点', dataIndex: 'checkpointCount', key: 'checkpointCount', width: 60, align: 'right' },
    ],
    fields: <CompoundFormFields refs={refs} />,
    toForm: (row) =>
      row
        ? { ...row }
        : { controlLevel: 'normal', managementType: undefined, buildings: undefined, households: undefined, population: undefined, boundary: null },
  };
}
