import { App, Button, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ControlLevel, type ControlLevelCode } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { showFieldIssues } from '../../lib/zodRule';

/** The levels a compound can be moved to here; 封控 has its own flow (checkpoint and people follow). */
const TARGETS: ControlLevelCode[] = ['controlled', 'precaution', 'normal'];

/**
 * 解封 or another level change (管控区 / 防范区 / 常态): when (today, default now) and why go
 * into the level history, as for 封控; the days already briefed keep their figures.
 */
export function LevelChange({
  compound,
  onClose,
}: {
  compound: { id: number; name: string; controlLevel: ControlLevelCode };
  onClose: (changed: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const lifting = compound.controlLevel === 'sealed';
  const what = lifting ? '解封' : '变更管控等级';
  const options = TARGETS.filter((l) => l !== compound.controlLevel).map((l) => ({ value: l, label: ControlLevel.labels[l] }));
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await call('compounds.setLevel', { id: compound.id, level: v.level, at: (v.at as dayjs.Dayjs).toISOString(), reason: v.reason });
      message.success(`${compound.name}已${lifting ? '解封，' : ''}改为${ControlLevel.labels[v.level as ControlLevelCode]}`);
      onClose(true);
    } catch (e) {
      if (!showFieldIssues(form, e)) message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${what} ${compound.name}`} footer={null} onCancel={() => onClose(false)} width={560} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ at: dayjs(), level: lifting ? 'precaution' : undefined }} aria-label={what}>
        <Form.Item name="level" label={lifting ? '解封后为' : '改为'} rules={[{ required: true, message: '请选择管控等级' }]}>
          <Radio.Group options={options} optionType="button" />
        </Form.Item>
        <Form.Item name="at" label="生效时间" rules={[{ required: true, message: '请选择生效时间' }]} extra="可改为今天更早的时间；之前各天的简报不变">
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={`${lifting ? '解封' : '变更'}原因`} rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
          <Input.TextArea rows={2} maxLength={200} placeholder={lifting ? '如：连续 14 天无新增，按指挥部通知解封' : '如：按指挥部通知调整'} />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={save}>
          确认{lifting ? '解封' : '变更'}
        </Button>
      </Form>
    </Modal>
  );
}
