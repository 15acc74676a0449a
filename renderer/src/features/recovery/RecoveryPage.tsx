import { Alert, App, Button, Card, Popconfirm, Result, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { fmtBytes } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { BACKUP_KIND_LABELS } from '../settings/backup-kinds';

/**
 * Shown instead of sign-in when the database is missing or damaged. Nobody can sign in
 * then, so the server decides who may act: the backups are listed, and restored with
 * one click, only on the machine itself (the desktop window or 127.0.0.1); a LAN
 * colleague sees why the app is unavailable.
 */
export function RecoveryPage({ reason }: { reason: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const status = useLoad(() => call('recovery.status', {}), []);
  const s = status.data;

  const restore = async (file: string) => {
    setBusy(file);
    try {
      await call('recovery.restore', { backup: file });
      message.success('已从备份恢复，请登录');
      setTimeout(() => window.location.reload(), 800);
    } catch (e) {
      message.error((e as Error).message);
      status.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="login-page" data-testid="recovery-page">
      <Card style={{ width: 'min(860px, 96vw)' }}>
        <Result
          status="warning"
          title={s?.problem === 'missing' ? '找不到数据库，未自动新建' : '数据库文件已损坏'}
          subTitle={<span data-testid="recovery-reason">{s?.message ?? reason}</span>}
        />
        {status.loading && !s && (
          <div style={{ textAlign: 'center' }}>
            <Spin tip="正在逐个检查备份是否完好…" />
          </div>
        )}
        {status.error && <Alert type="error" showIcon message={status.error} />}
        {s && !s.local && (
          <Alert
            type="info"
            showIcon
            message="只能在运行本程序的电脑上恢复"
            description="请到运行“街道防控指挥台”的那台电脑上，打开桌面程序，或在它的浏览器中打开 http://127.0.0.1 开头的地址，按提示从备份恢复。"
          />
        )}
        {s?.local && (
          <>
            <Typography.Paragraph>
              下面是通过完整性检查的备份，最新的在最前。恢复前，损坏的文件会先另存到数据目录的 <Typography.Text code>damaged</Typography.Text>{' '}
              文件夹，供技术人员查看。
              {s.rejected > 0 && `另有 ${s.rejected} 个备份没有通过检查，未列出。`}
            </Typography.Paragraph>
            {s.backups.length === 0 ? (
              <Alert
                type="error"
                showIcon
                message="没有可用的备份"
                description={`数据目录：${s.dataDir ?? ''}。请联系技术人员，或用“导出备份”得到的 .scbak 文件在另一台电脑上恢复。`}
              />
            ) : (
              <Table
                rowKey="file"
                size="small"
                pagination={false}
                dataSource={s.backups}
                columns={[
                  { title: '时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
                  { title: '类型', dataIndex: 'kind', render: (v: string) => BACKUP_KIND_LABELS[v] ?? v },
                  { title: '大小', dataIndex: 'size', align: 'right', render: fmtBytes },
                  {
                    title: '操作',
                    render: (_, b, i) => (
                      <Popconfirm title="从这个备份恢复？" description="此后的修改将找不回。" okText="恢复" cancelText="取消" onConfirm={() => restore(b.file)}>
                        <Button type={i === 0 ? 'primary' : 'link'} size="small" loading={busy === b.file} disabled={busy !== null && busy !== b.file}>
                          {i === 0 ? '恢复最新的备份' : '恢复'}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}
