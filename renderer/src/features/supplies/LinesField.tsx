import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Select, Space } from 'antd';
import { itemOptions, type ItemRow } from './useRefs';

/** Item + quantity rows for receipts, issues, transfers and donations. */
export function LinesField({ items, name = 'lines' }: { items: ItemRow[]; name?: string }) {
  const unitOf = (id: number | undefined) => items.find((i) => i.id === id)?.unit ?? '';
  return (
    <Form.List name={name} rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error('请至少填写一种物资'))) }]}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[f.name, 'itemId']} rules={[{ required: true, message: '请选择物资' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} placeholder="物资" options={itemOptions(items)} style={{ width: 220 }} aria-label="物资" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => (
                  <Form.Item name={[f.name, 'qty']} rules={[{ required: true, message: '请填写数量' }]}>
                    <InputNumber
                      min={1}
                      precision={0}
                      placeholder="数量"
                      addonAfter={unitOf(getFieldValue([name, f.name, 'itemId'])) || '数量'}
                      style={{ width: 180 }}
                      aria-label="数量"
                    />
                  </Form.Item>
                )}
              </Form.Item>
              {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此行" />}
            </Space>
          ))}
          <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
            添加物资
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}
