import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useSession } from '../features/auth/me';
import { downloadBase64 } from './download';

type File = { fileName: string; base64: string; rowCount: number };

/**
 * 导出 of a list's current rows as .xlsx. For lists with personal data, a role that may
 * unmask also gets 导出完整信息 (the core checks the permission again and logs it); everyone
 * else gets the masked file only.
 */
export function ExportButton({ run, personal = false }: { run: (full: boolean) => Promise<File>; personal?: boolean }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const go = async (full: boolean) => {
    setBusy(true);
    try {
      const out = await run(full);
      downloadBase64(out.fileName, out.base64);
      message.success(`已导出 ${out.rowCount} 条${full ? '（完整信息）' : ''}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (personal && can('personal:unmask')) {
    return (
      <Space.Compact>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void go(false)} data-testid="export">
          导出
        </Button>
        <Dropdown menu={{ items: [{ key: 'full', label: '导出完整信息（记入操作日志）' }], onClick: () => void go(true) }}>
          <Button icon={<DownOutlined />} aria-label="更多导出方式" />
        </Dropdown>
      </Space.Compact>
    );
  }
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void go(false)} data-testid="export">
      导出
    </Button>
  );
}
