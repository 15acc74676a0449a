import { App, Button, Card, Form, Input, Popconfirm, Space, Table, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { Password } from '../../../../shared/api/auth';
import { fmtBytes } from '../../lib/format';
import { downloadBase64 } from '../../lib/download';
import { readBase64 } from '../../lib/readFile';
import { useLoad } from '../../lib/useLoad';
import { zodRule } from '../../lib/zodRule';
import { BACKUP_KIND_LABELS } from './backup-kinds';
import { BackupStatusLine } from './BackupStatusLine';
import { FormModal } from '../../lib/FormModal';

/** 数据备份: what a non-expert needs — back up now, carry a copy away, restore one. */
export function BackupsCard() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [exportForm] = Form.useForm();
  const [importForm] = Form.useForm();
  const backups = useLoad(() => call('system.backups', {}), []);

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      message.success(done);
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const afterRestore = () => setTimeout(() => window.location.reload(), 800);

  const exportBackup = async () => {
    const v = await exportForm.validateFields().catch(() => null);
    if (!v) return;
    const ok = await run(async () => {
      const out = await call('backup.export', { password: v.password });
      downloadBase64(out.fileName, out.base64);
    }, '备份已导出，请妥善保管文件和密码');
    if (ok) setExporting(false);
  };
  const importBackup = async () => {
    const v = await importForm.validateFields().catch(() => null);
    if (!v || !file) return message.error('请选择备份文件');
    const upload = await readBase64(file);
    const ok = await run(() => call('backup.restore', { upload, fileName: file.name, password: v.password }), '已从备份恢复，请重新登录');
    if (ok) afterRestore();
  };

  return (
    <Card
      title="数据备份"
      size="small"
      extra={
        <Space>
          <Button onClick={() => run(() => call('system.backupNow', {}).then(backups.reload), '备份完成')} loading={busy}>
            立即备份
          </Button>
          <Button onClick={() => (exportForm.resetFields(), setExporting(true))}>导出备份</Button>
          <Button danger onClick={() => (importForm.resetFields(), setFile(null), setImporting(true))}>
            从备份恢复
          </Button>
        </Space>
      }
    >
      <BackupStatusLine version={backups.data} />
      <Table
        rowKey="file"
        size="small"
        loading={backups.loading}
        dataSource={backups.data ?? []}
        pagination={{ pageSize: 8 }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '类型', dataIndex: 'kind', render: (v: string) => BACKUP_KIND_LABELS[v] ?? v },
          { title: '大小', dataIndex: 'size', align: 'right', render: fmtBytes },
          {
            title: '操作',
            render: (_, b) => (
              <Popconfirm
                title="恢复到这个备份？"
                description="当前数据会先自动保存为“恢复前”备份，然后被整体替换。"
                okText="恢复"
                cancelText="取消"
                onConfirm={async () => (await run(() => call('backup.restore', { backup: b.file }), '已恢复，请重新登录')) && afterRestore()}
              >
                <Button type="link" size="small">
                  恢复
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <FormModal
        form={exportForm}
        open={exporting}
        title="导出备份"
        okText="导出"
        cancelText="取消"
        onOk={exportBackup}
        onCancel={() => setExporting(false)}
        confirmLoading={busy}
        forceRender
      >
        <p>导出的文件用下面的密码加密，可以用 U 盘带到另一台电脑，在“从备份恢复”中使用。忘记密码将无法恢复。</p>
        <p data-testid="export-carries">
          注意：备份含全部数据，包括居民的姓名、身份证号和手机号（不脱敏）。知道密码的人都能读取，请只交给有权查看这些信息的人保管；每次导出都记入操作日志。
        </p>
        <Form form={exportForm} layout="vertical">
          <Form.Item name="password" label="备份密码（至少 8 位）" rules={[zodRule(Password)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="再次输入密码"
            dependencies={['password']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v) => {
                  if (v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </FormModal>
      <FormModal
        form={importForm}
        open={importing}
        title="从备份文件恢复"
        okText="恢复"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onOk={importBackup}
        onCancel={() => setImporting(false)}
        confirmLoading={busy}
        forceRender
      >
        <p>先检查备份文件是否完好，当前数据会先自动备份，然后被整体替换。</p>
        <Form form={importForm} layout="vertical">
          <Form.Item label="备份文件（.scbak）" required>
            <Upload beforeUpload={(f) => (setFile(f), false)} maxCount={1} accept=".scbak,.db" onRemove={() => setFile(null)}>
              <Button>选择文件</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="password" label="导出时设置的密码" rules={[{ required: true, message: '请输入该备份文件的密码' }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  );
}
