import { Button, Form, InputNumber, Select, Space } from 'antd';
import { itemOptions, type ItemRow } from './useRefs';

/**
 * The items of a new plan: each quantity typed in the item's pack (箱/盒) or its base unit
 * (瓶/只); a pack is the item's pack size in base units (the plan stores base units).
 */
export function PlanItemsField({ items }: { items: ItemRow[] }) {
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'itemId']} rules={[{ required: true, message: '请选择物资' }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="物资"
                  options={itemOptions(items.filter((i) => i.onHand > 0))}
                  style={{ width: 220 }}
                  aria-label="分配物资"
                />
              </Form.Item>
              <Form.Item name={[f.name, 'total']} rules={[{ required: true, message: '请填写数量' }]}>
                <InputNumber min={1} precision={0} placeholder="计划数量" style={{ width: 120 }} aria-label="计划数量" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const item = items.find((i) => i.id === getFieldValue(['items', f.name, 'itemId']));
                  if (!item || item.packSize <= 1) return <span style={{ display: 'inline-block', width: 150 }}>{item?.unit}</span>;
                  return (
                    <Form.Item name={[f.name, 'per']}>
                      <Select
                        style={{ width: 150 }}
                        aria-label="计划数量单位"
                        options={[
                          { value: 'unit', label: item.unit },
                          { value: 'pack', label: `${item.packUnit ?? '包'}（每${item.packUnit ?? '包'} ${item.packSize} ${item.unit}）` },
                        ]}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
              {fields.length > 1 && (
                <Button type="link" danger onClick={() => remove(f.name)}>
                  删除
                </Button>
              )}
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ per: 'unit' })}>
            添加物资
          </Button>
        </>
      )}
    </Form.List>
  );
}
