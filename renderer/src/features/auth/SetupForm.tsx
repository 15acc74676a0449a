import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { Password } from '../../../../shared/api/auth';
import type { MeData } from '../../../../shared/api/auth';
import { zodRule } from '../../lib/zodRule';

/** First start: create the administrator. Offered only on the machine itself. */
export function SetupForm({ allowed, onDone }: { allowed: boolean; onDone: (me: MeData) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { username: string; displayName: string; password: string }) => {
    try {
      onDone(await call('auth.setup', v));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3}>创建系统管理员</Typography.Title>
        {!allowed ? (
          <Alert
            type="warning"
            showIcon
            title="首个管理员只能在运行本程序的电脑上创建"
            description="请在服务器本机打开 http://127.0.0.1 地址完成设置，之后其他电脑即可登录。"
          />
        ) : (
          <Form layout="vertical" onFinish={submit}>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]} initialValue="admin">
              <Input />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
              <Input />
            </Form.Item>
            <Form.Item name="password" label="密码（至少 8 位）" rules={[zodRule(Password)]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block>
              创建并登录
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
