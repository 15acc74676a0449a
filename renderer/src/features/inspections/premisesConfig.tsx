import { Col, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import { type Premises, PremisesFields } from '../../../../shared/api/inspections';
import { PremisesKind, PremisesStatus } from '../../../../shared/domain/enums';
import type { z } from 'zod';
import { call } from '../../api/client';
import { zodRule } from '../../lib/zodRule';
import { CoordinateFields } from '../places/CoordinateFields';
import type { EntityConfig } from '../places/EntityTab';
import { enumOptions, type RefOptions } from '../places/options';
import { PhotoInput, StoredPhoto } from './PhotoInput';

type Row = z.output<typeof Premises>;
const S = PremisesFields.shape;
const STATUS_TAG: Record<string, string> = { open: 'green', paused: 'orange', closed: 'default' };

/** A new scan chosen in the form (kept as base64 until the premises is saved). */
function ScanInput({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  return <PhotoInput value={value ?? []} onChange={(v) => onChange?.(v)} max={1} testId="pledge-scan" />;
}

function PremisesFormFields({ refs }: { refs: RefOptions }) {
  const scanId = Form.useWatch('pledgeScanId') as number | null | undefined;
  return (
    <>
      <Form.Item name="pledgeScanId" hidden>
        <Input />
      </Form.Item>
      <Form.Item name="name" label="场所名称" rules={[zodRule(S.name)]} required>
        <Input maxLength={60} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kind" label="场所类型" rules={[{ required: true, message: '请选择场所类型' }]}>
            <Select options={enumOptions(PremisesKind.labels)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="status" label="营业状态">
            <Select options={enumOptions(PremisesStatus.labels)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="communityId" label="所属社区" rules={[{ required: true, message: '请选择所属社区' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={refs.communities} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="gridId" label="所属片区">
            <Select allowClear options={refs.grids} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label="地址" rules={[zodRule(S.address)]}>
        <Input maxLength={100} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="manager" label="负责人" rules={[zodRule(S.manager)]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="phone" label="联系电话" rules={[zodRule(S.phone)]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="pledgeDate" label="四方责任书签订" tooltip="未签订请留空">
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="codePosted" label="场所码已张贴" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="codeCheckedOn" label="场所码检查日期">
            <Input type="date" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <CoordinateFields />
      </Row>
      <Form.Item name="note" label="备注" rules={[zodRule(S.note)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="四方责任书照片（可选）">
        <Space>
          {scanId ? <StoredPhoto id={scanId} /> : null}
          <Form.Item name="pledgeScan" noStyle>
            <ScanInput />
          </Form.Item>
        </Space>
      </Form.Item>
    </>
  );
}

export function premisesConfig(refs: RefOptions): EntityConfig<Row> {
  return {
    noun: '经营场所',
    list: (q) => call('premises.list', q as never),
    save: async (v, row) => {
      const { pledgeScan, pledgeScanId: _s, ...rest } = v as Record<string, unknown> & { pledgeScan?: string[] };
      const values = { ...rest, pledgeDate: rest.pledgeDate || null, codeCheckedOn: rest.codeCheckedOn || null };
      const saved = row ? await call('premises.update', { ...values, id: row.id } as never) : await call('premises.create', values as never);
      // The scan travels on its own (a photo is large; the register row stays small).
      if (pledgeScan?.length) await call('premises.setPledgeScan', { id: saved.id, photo: pledgeScan[0]! });
      return saved;
    },
    remove: (id) => call('premises.delete', { id }),
    exportList: (q) => call('premises.export', q as never),
    filters: [
      { key: 'kind', placeholder: '场所类型', options: enumOptions(PremisesKind.labels) },
      { key: 'communityId', placeholder: '社区', options: refs.communities },
      { key: 'status', placeholder: '营业状态', options: enumOptions(PremisesStatus.labels) },
    ],
    scrollX: 1200,
    columns: [
      { title: '场所名称', dataIndex: 'name', key: 'name', sorter: true, width: 170 },
      { title: '类型', dataIndex: 'kind', key: 'kind', sorter: true, width: 90, render: (v: keyof typeof PremisesKind.labels) => PremisesKind.labels[v] },
      { title: '所属社区', dataIndex: 'communityName', key: 'communityName', sorter: true, width: 110 },
      { title: '负责人', dataIndex: 'manager', key: 'manager', width: 80 },
      { title: '电话', dataIndex: 'phone', key: 'phone', width: 120 },
      { title: '责任书', dataIndex: 'pledgeDate', key: 'pledgeDate', width: 100, render: (v: string | null) => v ?? <Tag color="red">未签订</Tag> },
      {
        title: '场所码',
        dataIndex: 'codePosted',
        key: 'codePosted',
        width: 110,
        render: (v: boolean, r) => (
          <>
            {v ? '已张贴' : <Tag color="red">未张贴</Tag>}
            <a href={`#/print/premises-code/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ marginLeft: 4 }} aria-label={`打印${r.name}的场所码`}>
              打印
            </a>
          </>
        ),
      },
      {
        title: '状态',
        dataIndex: 'status',
        key: 'status',
        sorter: true,
        width: 90,
        render: (v: string) => <Tag color={STATUS_TAG[v]}>{PremisesStatus.labels[v as keyof typeof PremisesStatus.labels]}</Tag>,
      },
      { title: '未销号问题', dataIndex: 'openProblems', key: 'openProblems', width: 90, align: 'right' },
    ],
    fields: <PremisesFormFields refs={refs} />,
    toForm: (row) =>
      row
        ? { ...row, pledgeDate: row.pledgeDate ?? '', codeCheckedOn: row.codeCheckedOn ?? '', pledgeScan: [] }
        : { status: 'open', codePosted: false, pledgeScan: [] },
  };
}
