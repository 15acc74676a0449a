import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Progress, Row, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { DisinfectAgent, DisinfectArea } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { enumOptions } from '../places/options';

type CoverageRow = Output<'disinfection.coverage'>['rows'][number];

/** 消杀记录: today's coverage (areas behind named), a quick record form, and the day's records. */
export function DisinfectionTab({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [behindOnly, setBehindOnly] = useState(true);
  const [reload, setReload] = useState(0);
  const dayText = day.format('YYYY-MM-DD');
  const cov = useLoad(() => call('disinfection.coverage', { day: dayText, behindOnly }), [dayText, behindOnly, reload]);
  const records = useLoad(() => call('disinfection.list', { day: dayText, pageSize: 50 }), [dayText, reload]);
  const [areaOptions, setAreaOptions] = useState<{ value: number; label: string }[]>([]);
  const stock = useLoad(async () => {
    const [items, warehouses] = await Promise.all([call('supplyItems.list', { pageSize: 200 }), call('warehouses.list', { pageSize: 50 })]);
    return {
      items: items.rows.filter((i) => i.category === 'disinfection').map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` })),
      warehouses: warehouses.rows.map((w) => ({ value: w.id, label: w.name })),
    };
  }, []);
  const [form] = Form.useForm();
  const searchAreas = async (q: string) =>
    setAreaOptions(
      (await call('disinfection.areas', { q: q || undefined })).map((a) => ({
        value: a.id,
        label: `${a.ownerName} · ${DisinfectArea.labels[a.area]}（今日 ${a.doneToday}/${a.perDay}）`,
      })),
    );
  const record = async () => {
    const v = await form.validateFields();
    try {
      await call('disinfection.record', { ...v, itemId: v.itemId ?? null, warehouseId: v.warehouseId ?? null });
      message.success('已登记消杀');
      form.resetFields(['areaId']);
      setReload((n) => n + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const c = cov.data;
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Space wrap style={{ marginBottom: 12 }}>
          <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} aria-label="消杀日期" />
          <Space>
            <Switch checked={behindOnly} onChange={setBehindOnly} /> 只看未完成
          </Space>
        </Space>
        {cov.error && <Alert type="error" showIcon title={cov.error} />}
        {c && (
          <Card size="small" style={{ marginBottom: 12 }} data-testid="disinfection-coverage">
            <Space size="large" wrap>
              <span>
                应消杀 <b>{c.due.toLocaleString('zh-CN')}</b> 次，已完成 <b>{c.done.toLocaleString('zh-CN')}</b> 次
              </span>
              <Progress percent={c.due ? Math.round((c.done / c.due) * 1000) / 10 : 0} style={{ width: 240 }} />
            </Space>
          </Card>
        )}
        <Table<CoverageRow>
          size="small"
          rowKey={(r) => `${r.ownerKind}:${r.ownerId}`}
          dataSource={c?.rows ?? []}
          pagination={{ pageSize: 15 }}
          columns={[
            { title: '小区 / 场所', dataIndex: 'name', key: 'name' },
            { title: '社区', dataIndex: 'communityName', key: 'communityName', width: 110 },
            { title: '完成', key: 'done', width: 90, render: (_, r) => `${r.done}/${r.due}` },
            {
              title: '未完成的区域',
              key: 'behind',
              render: (_, r) =>
                r.behind.map((b) => (
                  <Tag key={b} color="red">
                    {b}
                  </Tag>
                )),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        {canWrite && (
          <Card size="small" title="登记消杀" style={{ marginBottom: 12 }}>
            <Form form={form} layout="vertical" initialValues={{ agent: 'chlorine', amount: 1 }}>
              <Form.Item name="areaId" label="区域" rules={[{ required: true, message: '请选择消杀区域' }]}>
                <Select
                  filterOption={false}
                  showSearch={{ onSearch: (q) => void searchAreas(q) }}
                  onFocus={() => void searchAreas('')}
                  options={areaOptions}
                  placeholder="输入小区或场所名称"
                />
              </Form.Item>
              <Form.Item name="by" label="消杀人员" rules={[{ required: true, message: '请填写消杀人员' }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Row gutter={8}>
                <Col span={14}>
                  <Form.Item name="agent" label="药剂">
                    <Select options={enumOptions(DisinfectAgent.labels)} />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="amount" label="用量" rules={[{ required: true, message: '请填写用量' }]}>
                    <InputNumber min={0.1} max={1000} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="itemId" label="从库存领用（可不选）" tooltip="选了物资，用量按物资的计量单位从库存扣减">
                <Select allowClear options={stock.data?.items ?? []} />
              </Form.Item>
              <Form.Item name="warehouseId" label="仓库">
                <Select allowClear options={stock.data?.warehouses ?? []} />
              </Form.Item>
              <Button type="primary" block size="large" onClick={record}>
                登记
              </Button>
            </Form>
          </Card>
        )}
        <Card size="small" title={`${day.format('M月D日')}消杀记录（${records.data?.total ?? 0}）`}>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={records.data?.rows ?? []}
            columns={[
              { title: '时间', dataIndex: 'ts', key: 'ts', width: 60, render: (t: string) => dayjs(t).format('HH:mm') },
              { title: '区域', key: 'where', render: (_, r) => `${r.ownerName} ${DisinfectArea.labels[r.area]}` },
              { title: '人员', dataIndex: 'by', key: 'by', width: 70 },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
