import { Alert, App, Button, QRCode, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../../api/client';
import { ROLE_LABELS } from '../../../../../shared/domain/roles';
import { useLoad } from '../../../lib/useLoad';

/** 扫码配对: a phone or a second PC signs in once as the chosen account, without typing the address. */
export function LanPairing() {
  const { message } = App.useApp();
  const users = useLoad(() => call('users.list', { pageSize: 200 }), []);
  const [userId, setUserId] = useState<number | null>(null);
  const [pairing, setPairing] = useState<{ url: string; expiresAt: string; username: string } | null>(null);
  const make = async () => {
    if (!userId) return;
    try {
      const p = await call('lan.pairingCreate', { userId });
      setPairing({ url: p.url!, expiresAt: p.expiresAt, username: p.username });
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Title level={5}>扫码配对登录</Typography.Title>
      <Space wrap>
        <Select
          placeholder="选择要登录的账号"
          style={{ width: 260 }}
          value={userId}
          onChange={setUserId}
          options={(users.data?.rows ?? [])
            .filter((u) => !u.disabled)
            .map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}，${ROLE_LABELS[u.role]}）` }))}
        />
        <Button type="primary" disabled={!userId} onClick={() => void make()}>
          生成配对二维码
        </Button>
      </Space>
      {pairing && (
        <div style={{ display: 'flex', gap: 24, marginTop: 12, flexWrap: 'wrap' }}>
          <QRCode value={pairing.url} size={180} />
          <Space direction="vertical">
            <Alert
              type="info"
              showIcon
              message={`用手机扫码即以 ${pairing.username} 登录；${new Date(pairing.expiresAt).toLocaleTimeString('zh-CN')} 前有效，只能使用一次。`}
            />
            <Typography.Text>其他电脑可复制此地址打开：</Typography.Text>
            <Typography.Text code copyable data-testid="pairing-url" style={{ wordBreak: 'break-all' }}>
              {pairing.url}
            </Typography.Text>
          </Space>
        </div>
      )}
    </div>
  );
}
