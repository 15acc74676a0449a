import { CameraOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
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
import { ENTRY_FIELDS, type EntryField, incomplete, labelOf, nextField, problemIn, text } from './entry-fields';
import { FeverWarnings } from './FeverWarnings';

type Reg = Output<'registrations.create'>;
const CLEARED = [...ENTRY_FIELDS.map(([f]) => f), 'refused'];

/**
 * 卡点登记, made for the keyboard and for scanners that type a whole line in a few
 * milliseconds: the checkpoint stays chosen, the cursor starts in 姓名, Enter checks the
 * field and moves on at once (no timer, so the next keystrokes cannot land in the old field),
 * and Enter in the last one saves only a complete entry. Saving hands the entry to the gate's
 * queue and clears the form in the same keystroke, so the next person's typing is never
 * wiped by a late reply; the queue delivers each entry once, in order.
 * A pass QR read by a USB/Bluetooth scanner arrives as typed text plus Enter in whichever
 * field has the cursor: it is recognised there, checked (see useGate) and, if it passes,
 * registered with what is already typed (direction, temperature) — no click needed.
 * A fever stays on screen (FeverWarnings) until someone at the gate acknowledges it.
 */
export function RegistrationEntry({ checkpoints }: { checkpoints: { value: number; label: string }[] }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [checkpointId, setCheckpointId] = useState<number | undefined>(checkpoints[0]?.value);
  const [recent, setRecent] = useState<Reg[]>([]);
  const day = dayjs().format('YYYY-MM-DD');
  const [version, setVersion] = useState(0);
  const daily = useLoad(() => call('registrations.daily', { day }), [version]);
  const box = useRef<HTMLDivElement>(null);
  const inputOf = (f: EntryField) => box.current?.querySelector<HTMLInputElement>(`input[aria-label="${labelOf(f)}"]`) ?? null;
  const focusNow = (f: EntryField) => inputOf(f)?.focus();
  const focusSoon = (f: EntryField) => setTimeout(() => focusNow(f), 0);
  const delivered = (r: Reg) => {
    setRecent((list) => [r, ...list.filter((x) => x.id !== r.id)].slice(0, 10));
    setVersion((x) => x + 1);
    if (r.passFlag) message.warning(`已登记，但${r.passFlag}`);
  };
  // Typed and scanned entries appear in the list once the office has them (at once, or after an outage).
  const gate = useGate(delivered);
  const [verdict, setVerdict] = useState<GateResult | null>(null);
  const [camera, setCamera] = useState(false);

  const onScan = async (typed: string) => {
    if (!checkpointId) return void message.error('请先选择卡点');
    const v = form.getFieldsValue();
    form.resetFields(CLEARED);
    focusNow('name');
    const r = await gate.scan(typed, {
      checkpointId,
      subject: 'person',
      direction: v.direction ?? 'in',
      name: text(v.name) && !looksLikePassCode(text(v.name)) ? text(v.name) : null,
      idNumber: problemIn('idNumber', v.idNumber) ? null : text(v.idNumber) || null,
      phone: problemIn('phone', v.phone) ? null : text(v.phone) || null,
      temperature: problemIn('temperature', v.temperature) || !text(v.temperature) ? null : Number(text(v.temperature)),
      reason: text(v.reason) || null,
      refused: false,
    });
    setVerdict(r);
    setVersion((x) => x + 1);
  };

  /** Points at a field that needs fixing and keeps the cursor there. */
  const fix = (f: EntryField, why: string) => {
    form.setFields([{ name: f, errors: [why] }]);
    const el = inputOf(f);
    el?.focus();
    el?.select();
  };

  const save = () => {
    if (!checkpointId) return void message.error('请先选择卡点');
    const v = form.getFieldsValue();
    const vehicle = v.subject === 'vehicle';
    const missing = incomplete(v, vehicle);
    if (missing) return fix(...missing);
    gate.submit({
      checkpointId,
      subject: vehicle ? 'vehicle' : 'person',
      direction: v.direction ?? 'in',
      name: vehicle ? null : text(v.name) || null,
      plate: vehicle ? text(v.name) : null,
      idNumber: text(v.idNumber) || null,
      phone: text(v.phone) || null,
      temperature: text(v.temperature) ? Number(text(v.temperature)) : null,
      passNo: text(v.passNo) || null,
      reason: text(v.reason) || null,
      refused: !!v.refused,
    });
    form.resetFields(CLEARED);
    focusNow('name');
  };
  const onKey = (f: EntryField) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const typed = e.currentTarget.value;
    if (looksLikePassCode(typed)) return void onScan(typed);
    const bad = problemIn(f, typed);
    if (bad) return fix(f, bad);
    form.setFields([{ name: f, errors: [] }]);
    const next = nextField(f);
    if (next) focusNow(next);
    else save();
  };
  const mine = daily.data?.find((d) => d.checkpointId === checkpointId);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14} ref={box}>
        <FeverWarnings checkpointId={checkpointId} version={version} onSeen={() => focusNow('name')} />
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
                  onChange={() => focusSoon('name')}
                />
              </Form.Item>{' '}
              <Form.Item name="refused" noStyle valuePropName="checked">
                <Checkbox>劝返</Checkbox>
              </Form.Item>
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.subject !== b.subject}>
              {({ getFieldValue }) => (
                <Form.Item name="name" label={getFieldValue('subject') === 'vehicle' ? '车牌号' : '姓名'}>
                  <Input onKeyDown={onKey('name')} autoFocus aria-label="姓名" autoComplete="off" />
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item name="idNumber" label="身份证号">
              <Input
                onKeyDown={onKey('idNumber')}
                aria-label="身份证号"

                autoComplete="off"
                placeholder="可不填，可用读卡器"
                style={{ textTransform: 'uppercase' }}
              />
            </Form.Item>
            <Form.Item name="phone" label="手机号">
              <Input onKeyDown={onKey('phone')} aria-label="手机号" inputMode="numeric" autoComplete="off" />
            </Form.Item>
            <Form.Item name="temperature" label="体温 ℃">
              <Input onKeyDown={onKey('temperature')} aria-label="体温" inputMode="decimal" autoComplete="off" placeholder="如 36.5" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="passNo" label="出入证号">
              <Input
                onKeyDown={onKey('passNo')}
                aria-label="出入证号"
                autoComplete="off"
                placeholder="没有可不填，可扫码"
                style={{ textTransform: 'uppercase' }}
              />
            </Form.Item>
            <Form.Item name="reason" label="事由">
              <Input onKeyDown={onKey('reason')} aria-label="事由" autoComplete="off" placeholder="可不填，回车保存" />
            </Form.Item>
          </Form>
          <Typography.Text
            type="secondary"
            data-testid="gate-status"
            data-version={version}
            data-pending={gate.pending}
            data-revoked={gate.kit?.revoked.length ?? -1}
          >
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
            { title: '身份证', dataIndex: 'idNumber', width: 150, render: (v: string | null) => v ?? '' },
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
