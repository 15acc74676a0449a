import { App, Button, Card, Form, InputNumber } from 'antd';
import { useEffect } from 'react';
import { call } from '../../api/client';
import { SecuritySettings } from '../../../../shared/api/auth';
import { useLoad } from '../../lib/useLoad';
import { zodRule } from '../../lib/zodRule';

export function SecurityCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const settings = useLoad(() => call('settings.security', {}), []);
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('settings.updateSecurity', v);
      message.success('已保存');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="安全设置" size="small">
      <Form form={form} layout="inline">
        <Form.Item name="idleTimeoutMinutes" label="空闲锁定（分钟）" rules={[zodRule(SecuritySettings.shape.idleTimeoutMinutes)]}>
          <InputNumber precision={0} />
        </Form.Item>
        <Form.Item name="auditRetentionYears" label="日志保留（年）" rules={[zodRule(SecuritySettings.shape.auditRetentionYears)]}>
          <InputNumber precision={0} />
        </Form.Item>
        <Button type="primary" onClick={save}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
