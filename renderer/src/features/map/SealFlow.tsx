import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Steps, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { showFieldIssues } from '../../lib/zodRule';
import type { Features } from './MapPage';
import { StaffTonight } from './StaffTonight';

export interface SealState {
  compoundId: number;
  step: 'seal' | 'checkpoint' | 'staff';
  /** The checkpoint to staff tonight (a new one or one the compound had). */
  checkpoint?: { id: number; name: string };
}

/**
 * 封控 in one flow: when (default now, today only) and why go into the level history; then
 * a checkpoint for the compound (placed on the map, or one it has), then tonight's people.
 */
export function SealFlow({
  state,
  features,
  onChange,
  onPlaceCheckpoint,
  onSealed,
}: {
  state: SealState | null;
  features: Features;
  onChange: (s: SealState | null) => void;
  /** Hands the map over for the click that places the new checkpoint. */
  onPlaceCheckpoint: (compoundId: number, name: string) => void;
  onSealed: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const c = state ? features.compounds.find((x) => x.id === state.compoundId) : undefined;
  if (!state || !c) return null;
  const gates = features.checkpoints.filter((k) => k.compoundId === c.id && k.status === 'active');

  const seal = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await call('compounds.setLevel', { id: c.id, level: 'sealed', at: (v.at as dayjs.Dayjs).toISOString(), reason: v.reason });
      message.success(`${c.name}已封控`);
      onSealed();
      onChange({ ...state, step: 'checkpoint' });
    } catch (e) {
      if (!showFieldIssues(form, e)) message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const current = { seal: 0, checkpoint: 1, staff: 2 }[state.step];
  return (
    <Modal open title={`封控 ${c.name}`} footer={null} onCancel={() => onChange(null)} width={640} destroyOnHidden>
      <Steps size="small" current={current} items={[{ title: '封控' }, { title: '设卡点' }, { title: '安排今晚值守' }]} style={{ marginBottom: 16 }} />
      {state.step === 'seal' && (
        <Form form={form} layout="vertical" initialValues={{ at: dayjs() }} aria-label="封控">
          <Form.Item name="at" label="封控时间" rules={[{ required: true, message: '请选择封控时间' }]} extra="可改为今天更早的时间；之前各天的简报不变">
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
          <Form.Item name="reason" label="封控原因" rules={[{ required: true, whitespace: true, message: '请填写封控原因' }]}>
            <Input.TextArea rows={2} maxLength={200} placeholder="如：发现一例阳性，按指挥部通知封控" />
          </Form.Item>
          <Button type="primary" danger loading={busy} onClick={seal}>
            确认封控
          </Button>
        </Form>
      )}
      {state.step === 'checkpoint' && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={`${c.name}已封控。封控小区须设卡点 24 小时值守。`} />
          <Space wrap>
            <Button type="primary" onClick={() => onPlaceCheckpoint(c.id, `${c.name}封控卡点`)}>
              在地图上添加卡点
            </Button>
            {gates.map((g) => (
              <Button key={g.id} onClick={() => onChange({ ...state, step: 'staff', checkpoint: { id: g.id, name: g.name } })}>
                用已有卡点 <Tag style={{ marginLeft: 6 }}>{g.name}</Tag>
              </Button>
            ))}
            <Button onClick={() => onChange(null)}>以后再说</Button>
          </Space>
        </Space>
      )}
      {state.step === 'staff' && state.checkpoint && <StaffTonight checkpoint={state.checkpoint} />}
    </Modal>
  );
}
