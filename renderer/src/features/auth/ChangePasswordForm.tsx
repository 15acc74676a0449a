import { App, Button, Form, Input } from 'antd';
import { call } from '../../api/client';
import { Password } from '../../../../shared/api/auth';
import { showFieldIssues, zodRule } from '../../lib/zodRule';

/** Used at first sign-in (forced) and from the user menu. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const submit = async (v: { oldPassword: string; newPassword: string; confirm: string }) => {
    try {
      await call('auth.changePassword', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      onDone();
    } catch (e) {
      if (!showFieldIssues(form, e)) message.error((e as Error).message);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码（至少 8 位）" rules={[zodRule(Password)]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="再次输入新密码"
        dependencies={['newPassword']}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_, v) => {
              if (v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        修改密码
      </Button>
    </Form>
  );
}
