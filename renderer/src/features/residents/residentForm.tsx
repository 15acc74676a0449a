import { Form, Input, Select, Space } from 'antd';
import type { Output } from '../../../../shared/api';
import { ResidentKind, VULNERABLE } from '../../../../shared/api/residents';
import { checkIdNumber, checkPhone } from '../../../../shared/domain/values';

export type ResidentRow = Output<'residents.list'>['rows'][number];
type Opt = { value: number; label: string };

export const KIND_OPTIONS = Object.entries(ResidentKind).map(([value, label]) => ({ value, label }));
export const FLAG_OPTIONS = VULNERABLE.map((f) => ({ value: f, label: f }));

/** A value the list shows masked (138****5678): it is left alone unless 查看完整信息 is on. */
export const isMasked = (v: string | null | undefined) => !!v && v.includes('*');

/** The shared validators, so the form says what the import and the core would say. */
export const idNumberRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (!v || isMasked(v)) return;
    const r = checkIdNumber(v);
    if (!r.ok) throw new Error(r.reason);
  },
};
export const phoneMessage = (v: string) => {
  const r = checkPhone(v);
  return r.ok ? null : r.reason;
};
const phoneRule = {
  validator: async (_: unknown, v: string | undefined) => {
    const bad = v && !isMasked(v) ? phoneMessage(v) : null;
    if (bad) throw new Error(bad);
  },
};
const dayRule = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };

const FIELDS = ['name', 'idNumber', 'phone', 'compoundId', 'building', 'unit', 'room', 'relation', 'kind', 'flags', 'origin', 'returnDate', 'note'] as const;

export const toResidentForm = (r: ResidentRow | null) =>
  r ? Object.fromEntries(FIELDS.map((k) => [k, (r as Record<string, unknown>)[k] ?? (k === 'flags' ? [] : undefined)])) : {};

/** Only what was changed is sent; masked values were never editable, so they are never sent back. */
export function residentPatch(values: Record<string, unknown>, row: ResidentRow) {
  const before = toResidentForm(row);
  const patch: Record<string, unknown> = { id: row.id };
  for (const k of FIELDS) {
    const v = values[k] === '' ? null : (values[k] ?? null);
    if (JSON.stringify(v) === JSON.stringify(before[k] ?? null)) continue;
    if (isMasked(v as string)) continue;
    patch[k] = v;
  }
  return patch;
}

/** Every field of a resident; name, ID number and phone only when they are shown unmasked. */
export function ResidentFields({ compounds }: { compounds: Opt[] }) {
  return (
    <>
      <Form.Item noStyle dependencies={['idNumber']}>
        {({ getFieldValue }) => {
          const masked = isMasked(getFieldValue('idNumber'));
          return (
            <Space wrap align="start">
              <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
                <Input maxLength={20} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="idNumber"
                label="身份证号"
                rules={[{ required: true, message: '请填写身份证号' }, idNumberRule]}
                extra={masked ? '点“查看完整信息”后可修改' : '性别、出生日期随身份证号更新'}
              >
                <Input maxLength={18} style={{ width: 210 }} disabled={masked} />
              </Form.Item>
              <Form.Item name="phone" label="手机号" rules={[phoneRule]}>
                <Input maxLength={20} style={{ width: 160 }} disabled={masked} />
              </Form.Item>
            </Space>
          );
        }}
      </Form.Item>
      <Form.Item name="compoundId" label="小区" rules={[{ required: true, message: '请选择小区' }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={compounds} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="building" label="楼栋">
          <Input maxLength={10} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="unit" label="单元">
          <Input maxLength={10} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="room" label="房号">
          <Input maxLength={10} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="relation" label="与户主关系">
          <Input maxLength={10} style={{ width: 110 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="kind" label="人员类型" rules={[{ required: true, message: '请选择人员类型' }]}>
          <Select options={KIND_OPTIONS} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="flags" label="特殊人群">
          <Select mode="multiple" options={FLAG_OPTIONS} style={{ minWidth: 200 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="origin" label="来源地">
          <Input maxLength={40} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="returnDate" label="返回日期" rules={[dayRule]}>
          <Input placeholder="2026-12-01" maxLength={10} style={{ width: 130 }} />
        </Form.Item>
      </Space>
      <Form.Item name="note" label="备注">
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </>
  );
}
