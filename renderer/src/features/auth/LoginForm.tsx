import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import type { MeData } from '../../../../shared/api/auth';

/** Sign-in, also used as the lock screen (user name fixed) after idle time. */
export function LoginForm({ onSignedIn, lockedUser, notice }: { onSignedIn: (me: MeData) => void; lockedUser?: string; notice?: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await call('auth.login', { username: lockedUser ?? v.username, password: v.password }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          街道防控指挥台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {lockedUser ? `屏幕已锁定，请输入 ${lockedUser} 的密码继续` : '请登录'}
        </Typography.Paragraph>
        {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} initialValues={{ username: lockedUser }}>
          <Form.Item name="username" label="用户名" rules={[{ required: !lockedUser, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" disabled={!!lockedUser} autoFocus={!lockedUser} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!lockedUser} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
