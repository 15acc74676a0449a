import { Button, Collapse, QRCode, Space, Typography } from 'antd';
import type { LanStatusData } from '../../../../../shared/api/lan';
import { CA_INSTRUCTIONS } from '../../../../../shared/domain/ca-instructions';

/** Saves text as a file through the browser's download. */
function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The office's certificate: installed once on each phone and PC, so browsers trust the server without warnings. */
export function LanCertificate({ ca }: { ca: NonNullable<LanStatusData['ca']> }) {
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Title level={5}>安装办公室证书（每台设备一次）</Typography.Title>
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        {ca.downloadUrl && (
          <div>
            <QRCode value={ca.downloadUrl} size={140} />
            <div style={{ textAlign: 'center' }}>手机扫码下载证书</div>
          </div>
        )}
        <Space direction="vertical" style={{ flex: 1, minWidth: 320 }}>
          <Typography.Text>
            证书指纹（SHA-256），安装时请核对：
            <br />
            <Typography.Text code copyable data-testid="ca-fingerprint" style={{ wordBreak: 'break-all' }}>
              {ca.fingerprint}
            </Typography.Text>
          </Typography.Text>
          <Space>
            <Button onClick={() => downloadText('street-command-ca.crt', ca.pem, 'application/x-x509-ca-cert')}>下载证书文件</Button>
            {ca.downloadUrl && <Typography.Text copyable={{ text: ca.downloadUrl }}>下载页：{ca.downloadUrl}</Typography.Text>}
          </Space>
          <Collapse
            size="small"
            items={CA_INSTRUCTIONS.map((i) => ({
              key: i.platform,
              label: i.platform,
              children: (
                <ol style={{ margin: 0, paddingLeft: 20 }}>
                  {i.steps.map((step) => (
                    <li key={step}>{step}</li>
                  ))}
                </ol>
              ),
            }))}
          />
        </Space>
      </div>
    </div>
  );
}
