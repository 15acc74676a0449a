import { Alert, App, Button, Card, Descriptions, Form, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Typography, QRCode } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../../api/client';
import { LanConfig, type LanConfigData, type LanStatusData } from '../../../../../shared/api/lan';
import { useLoad } from '../../../lib/useLoad';
import { zodRule } from '../../../lib/zodRule';
import { LanCertificate } from './LanCertificate';
import { LanPairing } from './LanPairing';

const PLAIN_HTTP_WARNING =
  '不加密（HTTP）时，登录密码和居民信息会以明文在办公室网络中传输，同一网络里的任何人都可能截获；手机也无法使用摄像头扫码。仅在无法安装证书时临时使用。';

/** 设置 → 局域网共享: other office PCs and phones use this PC's data through the browser. */
export function LanCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<LanConfigData>();
  const [saving, setSaving] = useState(false);
  const status = useLoad(() => call('lan.status', {}), []);
  const s: LanStatusData | null = status.data;
  // Connected devices change by themselves: look again every few seconds.
  useEffect(() => {
    const timer = setInterval(status.reload, 5000);
    return () => clearInterval(timer);
  }, [status.reload]);
  useEffect(() => {
    if (s && !form.isFieldsTouched()) form.setFieldsValue(s.config);
  }, [s, form]);

  const apply = async (config: LanConfigData) => {
    setSaving(true);
    try {
      const next = await call('lan.update', config);
      form.setFieldsValue(next.config);
      status.reload();
      if (next.error) message.error(next.error);
      else message.success(next.running ? '局域网共享已开启' : '局域网共享已停止');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const start = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const config = { ...v, enabled: true };
    if (!config.https) {
      Modal.confirm({
        title: '确定不加密共享？',
        content: PLAIN_HTTP_WARNING,
        okText: '仍然使用 HTTP',
        okButtonProps: { danger: true },
        onOk: () => apply(config),
      });
      return;
    }
    await apply(config);
  };

  const https = Form.useWatch('https', form) ?? true;
  if (s && !s.available) return <Alert type="info" showIcon message="局域网共享" description={s.error ?? '局域网共享不可用'} />;
  return (
    <Card title="局域网共享" size="small" loading={!s && !status.error}>
      {status.error && <Alert type="error" message={status.error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        开启后，办公室里的其他电脑和手机在浏览器中打开下面的地址即可使用本机的数据（各自用自己的账号登录，或用下方的配对二维码）。关闭本程序时共享也随之停止，下次启动时自动恢复。
      </Typography.Paragraph>
      <Form form={form} layout="inline" disabled={saving || !!s?.running} initialValues={s?.config}>
        <Form.Item name="port" label="端口" rules={[zodRule(LanConfig.shape.port)]}>
          <InputNumber precision={0} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="iface" label="网卡">
          <Select
            style={{ width: 240 }}
            options={[{ value: 'all', label: '所有网卡' }, ...(s?.interfaces ?? []).map((i) => ({ value: i.name, label: `${i.name}（${i.address}）` }))]}
          />
        </Form.Item>
        <Form.Item name="https" label="连接方式">
          <Radio.Group
            options={[
              { value: true, label: 'HTTPS 加密（推荐）' },
              { value: false, label: 'HTTP 不加密' },
            ]}
          />
        </Form.Item>
      </Form>
      {!https && !s?.running && <Alert type="warning" showIcon message={PLAIN_HTTP_WARNING} style={{ marginTop: 12 }} />}
      <Space style={{ marginTop: 12 }}>
        <Switch
          checked={!!s?.running}
          loading={saving}
          checkedChildren="共享中"
          unCheckedChildren="未共享"
          onChange={(on) => (on ? void start() : s && void apply({ ...s.config, enabled: false }))}
        />
        {s?.running && (
          <Button danger onClick={() => void apply({ ...s.config, enabled: false })} loading={saving}>
            停止共享
          </Button>
        )}
      </Space>
      {s?.error && <Alert type="error" showIcon message={s.error} style={{ marginTop: 12 }} />}
      {s?.running && <Running status={s} />}
      {s?.running && s.ca && <LanCertificate ca={s.ca} />}
      {s?.running && <LanPairing />}
    </Card>
  );
}

function Running({ status: s }: { status: LanStatusData }) {
  return (
    <div style={{ display: 'flex', gap: 24, marginTop: 16, flexWrap: 'wrap' }}>
      <div>
        <QRCode value={s.urls[0]!} size={160} />
        <div style={{ textAlign: 'center' }}>手机扫码打开</div>
      </div>
      <Descriptions column={1} size="small" style={{ flex: 1, minWidth: 320 }}>
        <Descriptions.Item label="访问地址">
          <Space direction="vertical" size={0}>
            {s.urls.map((u) => (
              <Typography.Text key={u} copyable strong>
                {u}
              </Typography.Text>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="连接方式">{s.config.https ? <Tag color="green">HTTPS 加密</Tag> : <Tag color="red">HTTP 不加密</Tag>}</Descriptions.Item>
        <Descriptions.Item label="已连接设备">{s.clients.length} 台</Descriptions.Item>
        <Descriptions.Item label="设备地址">
          <Table
            size="small"
            pagination={false}
            rowKey="address"
            dataSource={s.clients}
            locale={{ emptyText: '暂无设备连接' }}
            columns={[
              { title: '地址', dataIndex: 'address' },
              { title: '连接数', dataIndex: 'connections', width: 80 },
              { title: '最近访问', dataIndex: 'lastSeen', render: (v: string) => new Date(v).toLocaleTimeString('zh-CN') },
            ]}
          />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
