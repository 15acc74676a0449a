import { Alert, App, Form, Modal, Select } from 'antd';
import { type ReactNode, useState } from 'react';

/** One field a list offers in 批量修改: its label, the input that picks the value, and how to send it. */
export interface BulkField {
  key: string;
  label: string;
  input: ReactNode;
  /** A value must be chosen (otherwise an empty value clears the field). */
  required?: boolean;
  /** The form value as the contract wants it (a date object to 'YYYY-MM-DD', '' to null …). */
  toValue?: (v: unknown) => unknown;
}

/**
 * 批量修改 for any list (居民, 人员 …): pick one field and one value, applied by the core to
 * every selected row in one transaction. A refusal stays in the dialog (it names the row
 * that could not take the change) instead of passing as a toast.
 */
export function BulkEditModal({
  open,
  count,
  noun,
  fields,
  onApply,
  onClose,
}: {
  open: boolean;
  count: number;
  noun: string;
  fields: BulkField[];
  /** Sends the change; resolves to how many rows changed. */
  onApply: (key: string, value: unknown) => Promise<number>;
  onClose: (changed: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = Form.useWatch('field', form) as string | undefined;
  const field = fields.find((f) => f.key === key);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const raw = v.value === '' || v.value === undefined ? null : v.value;
      const n = await onApply(v.field, field?.toValue ? field.toValue(raw) : raw);
      message.success(`已修改 ${n} 条${noun}`);
      form.resetFields();
      onClose(true);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={`批量修改 ${count} 条${noun}`}
      okText="全部修改"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => (setError(null), form.resetFields(), onClose(false))}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onValuesChange={(c) => 'field' in c && form.setFieldValue('value', undefined)}>
        <Form.Item name="field" label="修改哪一项" rules={[{ required: true, message: '请选择要修改的字段' }]}>
          <Select options={fields.map((f) => ({ value: f.key, label: f.label }))} aria-label="修改哪一项" />
        </Form.Item>
        {field && (
          <Form.Item
            key={field.key}
            name="value"
            label={`新的${field.label}`}
            rules={field.required ? [{ required: true, message: `请填写${field.label}` }] : []}
            extra={field.required ? undefined : '留空表示清空该项'}
          >
            {field.input}
          </Form.Item>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} data-testid="bulk-error" />}
    </Modal>
  );
}
