import { App, Button, Card, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { fmtBytes } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

const KIND_LABELS: Record<string, string> = { daily: '每日自动', manual: '手动', premigrate: '升级前', prereset: '重置前' };

export function BackupsCard() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const backups = useLoad(() => call('system.backups', {}), []);
  const backupNow = async () => {
    setBusy(true);
    try {
      await call('system.backupNow', {});
      message.success('备份完成');
      backups.reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="数据备份"
      size="small"
      extra={
        <Button onClick={backupNow} loading={busy}>
          立即备份
        </Button>
      }
    >
      <Table
        rowKey="file"
        size="small"
        loading={backups.loading}
        dataSource={backups.data ?? []}
        pagination={{ pageSize: 8 }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '类型', dataIndex: 'kind', render: (v: string) => KIND_LABELS[v] ?? v },
          { title: '大小', dataIndex: 'size', align: 'right', render: fmtBytes },
        ]}
      />
    </Card>
  );
}
