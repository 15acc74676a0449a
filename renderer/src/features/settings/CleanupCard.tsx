import { App, Button, Card, DatePicker, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { FormModal } from '../../lib/FormModal';

/**
 * 数据清理 after the emergency: personal data before a date is deleted or anonymised,
 * figures stay. Asked twice — the typed words, then a last confirmation — and a backup
 * (清理前) is taken first.
 */
export function CleanupCard() {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [before, setBefore] = useState<Dayjs | null>(null);
  const [confirm, setConfirm] = useState('');
  const run = () =>
    modal.confirm({
      title: '再次确认：清理个人信息',
      content: `${before!.format('YYYY年M月D日')}之前的居民、卡点登记和已解除重点人员的姓名、身份证号、电话等将被删除或匿名化，无法撤销（清理前会自动备份）。`,
      okText: '确认清理',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await call('personal.cleanup', { before: before!.format('YYYY-MM-DD'), confirm: confirm as '清理个人信息' });
          message.success(`已清理：卡点登记 ${r.registrations} 条、重点人员 ${r.keyPersons} 人、居民 ${r.residents} 人`);
          setOpen(false);
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  return (
    <Card title="数据清理" size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">疫情防控结束后，按规定删除或匿名化个人信息；统计数字（各卡点通行人数、重点人员人数等）保留。</Typography.Paragraph>
      <Button danger onClick={() => (setConfirm(''), setBefore(null), setOpen(true))}>
        清理个人信息…
      </Button>
      <FormModal
        dirty={!!before || !!confirm}
        open={open}
        title="清理个人信息"
        okText="下一步"
        okButtonProps={{ danger: true, disabled: !before || confirm !== '清理个人信息' }}
        cancelText="取消"
        onOk={run}
        onCancel={() => setOpen(false)}
      >
        <p>清理这一天之前的个人信息：</p>
        <DatePicker value={before} onChange={setBefore} />
        <p style={{ marginTop: 12 }}>请输入“清理个人信息”以确认：</p>
        <Input value={confirm} onChange={(e) => setConfirm(e.target.value)} aria-label="确认文字" />
      </FormModal>
    </Card>
  );
}
