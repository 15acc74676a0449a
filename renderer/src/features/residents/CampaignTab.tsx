import { App, Button, DatePicker, Form, Input, Progress, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { VisitResult } from '../../../../shared/api/campaigns';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { FormModal } from '../../lib/FormModal';

type Opt = { value: number; label: string };
type Unreached = Output<'campaigns.unreached'>['rows'][number];
const pct = (r: { households: number; reached: number }) => (r.households ? Math.round((r.reached / r.households) * 1000) / 10 : 100);

/** 入户排查: a campaign's coverage at any level, and the households still to reach, each marked in one click. */
export function CampaignTab({ communities, canWrite }: { communities: Opt[]; canWrite: boolean }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const list = useLoad(() => call('campaigns.list', {}), [version]);
  const [chosen, setChosen] = useState<number | null>(null);
  const id = chosen ?? list.data?.[0]?.id ?? null;
  const [level, setLevel] = useState<'community' | 'grid' | 'compound' | 'building'>('community');
  const coverage = useLoad(() => (id ? call('campaigns.coverage', { id, by: level }) : Promise.resolve([])), [id, level, version]);
  const [page, setPage] = useState(1);
  const todo = useLoad(() => (id ? call('campaigns.unreached', { id, page, pageSize: 20 }) : Promise.resolve({ rows: [], total: 0 })), [id, page, version]);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const current = list.data?.find((c) => c.id === id);

  const [findings, setFindings] = useState<Record<number, string>>({});
  const visit = (h: Unreached, result: keyof typeof VisitResult) =>
    call('visits.record', {
      campaignId: id!,
      householdId: h.householdId,
      day: dayjs().format('YYYY-MM-DD'),
      result,
      findings: findings[h.householdId] || null,
    }).then(
      () => (message.success(`${h.compoundName} ${h.building}栋${h.unit ? `${h.unit}单元` : ''}${h.room}：${VisitResult[result]}`), setVersion((v) => v + 1)),
      (e: Error) => message.error(e.message),
    );
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const c = await call('campaigns.create', {
        name: v.name,
        startDate: v.range[0].format('YYYY-MM-DD'),
        endDate: v.range[1].format('YYYY-MM-DD'),
        communityIds: v.communityIds ?? [],
      });
      setCreating(false);
      setChosen(c.id);
      setVersion((x) => x + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <div className="toolbar">
        <Select
          style={{ width: 280 }}
          value={id ?? undefined}
          onChange={setChosen}
          placeholder="排查活动"
          options={(list.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.startDate} 起）` }))}
        />
        {current && (
          <span>
            已到户 {current.reached}/{current.households} 户{' '}
            <Progress percent={pct(current)} size="small" style={{ width: 140, display: 'inline-block', marginLeft: 8 }} />
          </span>
        )}
        <span className="spacer" />
        {canWrite && (
          <Button
            type="primary"
            onClick={() => (
              form.resetFields(),
              form.setFieldsValue({ name: `${dayjs().format('M月')}入户排查`, range: [dayjs(), dayjs().add(6, 'day')] }),
              setCreating(true)
            )}
          >
            新建排查活动
          </Button>
        )}
      </div>
      {id && (
        <>
          <Radio.Group
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            optionType="button"
            options={[
              { value: 'community', label: '按社区' },
              { value: 'grid', label: '按片区' },
              { value: 'compound', label: '按小区' },
              { value: 'building', label: '按楼栋' },
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            dataSource={coverage.data ?? []}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '应到户', dataIndex: 'households', align: 'right', width: 100 },
              { title: '已到户', dataIndex: 'reached', align: 'right', width: 100 },
              { title: '覆盖率', key: 'p', width: 200, render: (_, r) => <Progress percent={pct(r)} size="small" /> },
            ]}
          />
          <h4>尚未到户（{todo.data?.total ?? 0} 户）</h4>
          <Table<Unreached>
            size="small"
            rowKey="householdId"
            dataSource={todo.data?.rows ?? []}
            pagination={{ current: page, pageSize: 20, total: todo.data?.total ?? 0, onChange: setPage }}
            columns={[
              { title: '小区', dataIndex: 'compoundName' },
              { title: '楼栋', dataIndex: 'building', width: 70 },
              { title: '单元', dataIndex: 'unit', width: 70 },
              { title: '房号', dataIndex: 'room', width: 80 },
              { title: '登记人数', dataIndex: 'residents', width: 90, align: 'right' },
              {
                title: '上次走访',
                dataIndex: 'lastResult',
                width: 90,
                render: (r: keyof typeof VisitResult | null) => (r ? <Tag>{VisitResult[r]}</Tag> : '—'),
              },
              ...(canWrite
                ? [
                    {
                      title: '本次走访',
                      key: 'visit',
                      render: (_: unknown, h: Unreached) => (
                        <Space size={4}>
                          <Input
                            size="small"
                            placeholder="发现的情况"
                            style={{ width: 140 }}
                            value={findings[h.householdId] ?? ''}
                            onChange={(e) => setFindings((f) => ({ ...f, [h.householdId]: e.target.value }))}
                          />
                          {(Object.keys(VisitResult) as (keyof typeof VisitResult)[]).map((r) => (
                            <Button key={r} size="small" onClick={() => visit(h, r)}>
                              {VisitResult[r]}
                            </Button>
                          ))}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      <FormModal
        form={form}
        open={creating}
        title="新建排查活动"
        okText="新建"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="range" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="communityIds" label="范围" extra="不选表示全街道">
            <Select mode="multiple" allowClear options={communities} placeholder="全街道" />
          </Form.Item>
        </Form>
      </FormModal>
    </Space>
  );
}
