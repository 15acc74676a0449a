import { App, Button, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { announceDataReplaced } from '../../lib/dataReplaced';
import { FormModal } from '../../lib/FormModal';

/** Replacing all data is destructive: the user must type 重置, and a backup is made first. */
export function DemoResetCard() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const reset = async () => {
    setBusy(true);
    try {
      await call('demo.reset', { confirm: typed as '重置' });
      message.success('已重置为演示数据（原数据已备份）');
      setOpen(false);
      announceDataReplaced();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">
        用一个虚构的示范街道（15 个社区/村、9 个片区、168 个小区、99 个卡点）替换当前全部数据，便于培训和演示。
      </Typography.Paragraph>
      <Button danger onClick={() => (setTyped(''), setOpen(true))}>
        重置为演示数据
      </Button>
      <FormModal
        dirty={!!typed}
        open={open}
        title="重置为演示数据"
        okText="确认重置"
        okButtonProps={{ danger: true, disabled: typed !== '重置' }}
        cancelText="取消"
        confirmLoading={busy}
        onOk={reset}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>
          当前的社区、片区、小区和卡点数据将被<strong>全部替换</strong>。替换前会自动备份，可在“数据备份”中找到“重置前”备份。
        </Typography.Paragraph>
        <Input placeholder="请输入“重置”以确认" value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="确认文字" />
      </FormModal>
    </>
  );
}
