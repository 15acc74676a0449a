import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type KeyboardEvent, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { FEVER } from '../../../../shared/api/residents';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { looksLikePassCode } from '../../../../shared/domain/pass-code';
import { CameraScan } from '../gate/CameraScan';
import { type GateResult, useGate } from '../gate/useGate';
import { Verdict } from '../gate/Verdict';

type Reg = Output<'registrations.create'>;

/**
 * 卡点登记, made for the keyboard: the checkpoint stays chosen, the cursor starts in 姓名,
 * Enter moves to the next field and Enter in the last one saves and starts the next
 * person. 进/出 flips with the ←/→ keys; a temperature of 37.3 ℃ or more is flagged at once.
 * A pass QR read by a USB/Bluetooth scanner arrives as typed text plus Enter in whichever
 * field has the cursor: it is recognised there, checked (see useGate) and, if it passes,
 * registered with what is already typed (direction, temperature) — no click needed.
 */
export function RegistrationEntry({ checkpoints }: { checkpoints: { value: number; label: string }[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [checkpointId, setCheckpointId] = useState<number | undefined>(checkpoints[0]?.value);
  const [recent, setRecent] = useState<Reg[]>([]);
  const day = dayjs().format('YYYY-MM-DD');
  const [version, setVersion] = useState(0);
  const daily = useLoad(() => call('registrations.daily', { day }), [version]);
  const order = ['name', 'phone', 'temperature', 'passNo', 'reason'];
  const refs = useRef<Record<string, HTMLInputElement | null>>({});
  const focus = (name: string) => setTimeout(() => refs.current[name]?.focus(), 0);
  // Scanned entries appear in the list once the office has them (at once, or after an outage).
  const gate = useGate((r) => (setRecent((list) => [r, ...list.filter((x) => x.id !== r.id)].slice(0, 10)), setVersion((x) => x + 1)));
  const [verdict, setVerdict] = useState<GateResult | null>(null);
  const [camera, setCamera] = useState(false);

  const onScan = async (text: string) => {
    if (!checkpointId) return void message.error('请先选择卡点');
    const v = form.getFieldsValue();
    const r = await gate.scan(text, {
      checkpointId,
      subject: 'person',
      direction: v.direction ?? 'in',
      name: v.name && !looksLikePassCode(v.name) ? v.name : null,
      phone: v.phone || null,
      temperature: v.temperature ?? null,
      reason: v.reason || null,
      refused: false,
    });
    setVerdict(r);
    form.resetFields(['name', 'phone', 'temperature', 'passNo', 'reason', 'refused']);
    setVersion((x) => x + 1);
    focus('name');
  };

  const save = async () => {
    const v = form.getFieldsValue();
    if (!checkpointId) return void message.error('请先选择卡点');
    const vehicle = v.subject === 'vehicle';
    try {
      const r = await call('registrations.create', {
        checkpointId,
        subject: vehicle ? 'vehicle' : 'person',
        direction: v.direction ?? 'in',
        name: vehicle ? null : v.name,
        plate: vehicle ? v.name : null,
        phone: v.phone || null,
        temperature: v.temperature ?? null,
        passNo: v.passNo || null,
        reason: v.reason || null,
        refused: !!v.refused,
      });
      setRecent((list) => [r, ...list].slice(0, 10));
      if (r.abnormal) message.error(`体温 ${r.temperature} ℃ 异常，已向指挥中心预警，请引导至临时留观点复测`);
      else if (r.passFlag) message.warning(`已登记，但${r.passFlag}`);
      else message.success(`已登记 ${r.name ?? r.plate}${r.refused ? '（劝返）' : ''}`);
      form.resetFields(['name', 'phone', 'temperature', 'passNo', 'reason', 'refused']);
      setVersion((x) => x + 1);
      focus('name');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const onKey = (name: string) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const typed = (e.target as HTMLInputElement).value;
    if (looksLikePassCode(typed)) return void onScan(typed);
    const next = order[order.indexOf(name) + 1];
    if (next) focus(next);
    else void save();
  };
  const mine = daily.data?.find((d) => d.checkpointId === checkpointId);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Verdict result={verdict} />
        <Card
          size="small"
          title="卡点登记（回车换下一项，最后一项回车保存；扫码枪扫出入证即核验登记）"
          extra={
            <Button size="small" icon={<CameraOutlined />} onClick={() => setCamera(true)}>
              摄像头扫码
            </Button>
          }
        >
          <Form form={form} layout="horizontal" labelCol={{ span: 4 }} initialValues={{ direction: 'in', subject: 'person' }}>
            <Form.Item label="卡点">
              <Select showSearch={{ optionFilterProp: 'label' }} options={checkpoints} value={checkpointId} onChange={setCheckpointId} aria-label="卡点" />
            </Form.Item>
            <Form.Item label="对象与方向">
              <Form.Item name="subject" noStyle>
                <Radio.Group
                  options={[
                    { value: 'person', label: '人员' },
                    { value: 'vehicle', label: '车辆' },
                  ]}
                  optionType="button"
                />
              </Form.Item>{' '}
              <Form.Item name="direction" noStyle>
                {/* Back to 姓名 after a tap, so the next scan lands in a field and not on the button. */}
                <Radio.Group
                  options={[
                    { value: 'in', label: '进' },
                    { value: 'out', label: '出' },
                  ]}
                  optionType="button"
                  onChange={() => focus('name')}
                />
              </Form.Item>{' '}
              <Form.Item name="refused" noStyle valuePropName="checked">
                <Checkbox>劝返</Checkbox>
              </Form.Item>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.subject !== b.subject}>
              {({ getFieldValue }) => (
                <Form.Item name="name" label={getFieldValue('subject') === 'vehicle' ? '车牌号' : '姓名'}>
                  <Input ref={(el) => void (refs.current.name = el?.input ?? null)} onKeyDown={onKey('name')} autoFocus aria-label="姓名" />
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item name="phone" label="手机号">
              <Input
                ref={(el) => void (refs.current.phone = el?.input ?? null)}
                onKeyDown={onKey('phone')}
                aria-label="手机号"
                maxLength={11}
                inputMode="numeric"
              />
            </Form.Item>
            <Form.Item name="temperature" label="体温 ℃">
              <InputNumber
                ref={(el) => void (refs.current.temperature = el as unknown as HTMLInputElement)}
                onKeyDown={onKey('temperature')}
                aria-label="体温"
                min={34}
                max={43}
                step={0.1}
                precision={1}
                style={{ width: 120 }}
              />
            </Form.Item>
            <Form.Item name="passNo" label="出入证号">
              <Input
                ref={(el) => void (refs.current.passNo = el?.input ?? null)}
                onKeyDown={onKey('passNo')}
                aria-label="出入证号"
                placeholder="没有可不填，可扫码"
                style={{ textTransform: 'uppercase' }}
              />
            </Form.Item>
            <Form.Item name="reason" label="事由">
              <Input
                ref={(el) => void (refs.current.reason = el?.input ?? null)}
                onKeyDown={onKey('reason')}
                aria-label="事由"
                maxLength={60}
                placeholder="可不填，回车保存"
              />
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" data-testid="gate-status" data-pending={gate.pending} data-revoked={gate.kit?.revoked.length ?? -1}>
            {gate.kit ? `离线核验已就绪（已收回 ${gate.kit.revoked.length} 张，${dayjs(gate.kit.at).format('HH:mm')} 更新）` : '尚未取得离线核验数据'}
            {gate.pending > 0 && `；待补传 ${gate.pending} 条`}
            {gate.lastError && `；${gate.lastError}`}
          </Typography.Text>
        </Card>
        <CameraScan open={camera} onClose={() => setCamera(false)} onText={(t) => (setCamera(false), void onScan(t))} />
      </Col>
      <Col xs={24} lg={10}>
        <Row gutter={8}>
          <Col span={8}>
            <Card size="small">
              <Statistic title="今日人员" value={mine?.people ?? 0} />
            </Card>
          </Col>
          <Col span={8}>
            <Card size="small">
              <Statistic title="今日车辆" value={mine?.vehicles ?? 0} />
            </Card>
          </Col>
          <Col span={8}>
            <Card size="small">
              <Statistic title="体温异常" value={mine?.abnormal ?? 0} valueStyle={{ color: mine?.abnormal ? '#cf1322' : undefined }} />
            </Card>
          </Col>
        </Row>
        <Table<Reg>
          size="small"
          rowKey="id"
          style={{ marginTop: 8 }}
          pagination={false}
          dataSource={recent}
          locale={{ emptyText: '本次登记的人员会显示在这里' }}
          columns={[
            { title: '时间', dataIndex: 'ts', width: 70, render: (t: string) => dayjs(t).format('HH:mm') },
            {
              title: '姓名/车牌',
              key: 'who',
              width: 90,
              render: (_, r) => (
                <>
                  {r.name ?? r.plate ?? (r.passNo && '持证')}
                  {r.refused && <Tag style={{ marginLeft: 4 }}>劝返</Tag>}
                </>
              ),
            },
            { title: '手机', dataIndex: 'phone', width: 110 },
            {
              title: '体温',
              dataIndex: 'temperature',
              width: 80,
              render: (t: number | null) => (t === null ? '—' : t >= FEVER ? <Tag color="red">{t} ℃</Tag> : `${t} ℃`),
            },
            { title: '方向', dataIndex: 'direction', width: 50, render: (d: string) => (d === 'in' ? '进' : '出') },
            { title: '出入证', dataIndex: 'passFlag', render: (f: string | null, r) => (f ? <Tag color="orange">{f}</Tag> : (r.passNo ?? '')) },
          ]}
        />
      </Col>
    </Row>
  );
}
