import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { REVEAL_REASONS } from '../../../../shared/api/common';

export type RevealRequest = { reason: (typeof REVEAL_REASONS)[number]; note?: string } | undefined;

/** Personal data is masked until the user names a reason; the server logs it with the row count. */
export function RevealButton({ revealed, onChange }: { revealed: boolean; onChange: (r: RevealRequest) => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  if (revealed) {
    return (
      <Button icon={<EyeInvisibleOutlined />} onClick={() => onChange(undefined)}>
        隐藏完整信息
      </Button>
    );
  }
  return (
    <>
      <Button icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        查看完整信息
      </Button>
      <Modal
        open={open}
        title="查看完整的个人信息"
        okText="查看"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (!v) return;
          onChange({ reason: v.reason, note: v.note || undefined });
          setOpen(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label="查看原因（将记入操作日志）" rules={[{ required: true, message: '请选择原因' }]}>
            <Select options={REVEAL_REASONS.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('reason') === '其他' && (
                <Form.Item name="note" label="具体原因" rules={[{ required: true, message: '请填写具体原因' }]}>
                  <Input maxLength={100} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
