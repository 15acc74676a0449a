import { App, Button, Card, Descriptions, Form, Input } from 'antd';
import { useEffect } from 'react';
import { call } from '../../api/client';
import { Office } from '../../../../shared/api/office';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { showFieldIssues, zodRule } from '../../lib/zodRule';

export function OfficeCard() {
  const canEdit = useSession().can('office:write');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const office = useLoad(() => call('office.get', {}), []);
  const info = useLoad(() => call('system.info', {}), []);
  useEffect(() => {
    if (office.data) form.setFieldsValue(office.data);
  }, [office.data, form]);
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await call('office.update', values);
      message.success('已保存');
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  return (
    <Card title="街道信息" size="small">
      <Form form={form} layout="vertical" disabled={!canEdit}>
        <Form.Item name="name" label="街道名称" rules={[zodRule(Office.shape.name)]} required>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="divisionCode" label="行政区划代码" rules={[zodRule(Office.shape.divisionCode)]}>
          <Input maxLength={12} placeholder="6、9 或 12 位数字" />
        </Form.Item>
        {canEdit && (
          <Button type="primary" onClick={save}>
            保存
          </Button>
        )}
      </Form>
      {info.data && (
        <Descriptions size="small" column={1} style={{ marginTop: 16 }} title="系统信息">
          <Descriptions.Item label="版本">{info.data.appVersion}</Descriptions.Item>
          <Descriptions.Item label="数据库版本">{info.data.schemaVersion}</Descriptions.Item>
          {info.data.dataDir && <Descriptions.Item label="数据目录">{info.data.dataDir}</Descriptions.Item>}
          {info.data.databaseFile && <Descriptions.Item label="数据文件">{info.data.databaseFile}</Descriptions.Item>}
        </Descriptions>
      )}
    </Card>
  );
}
