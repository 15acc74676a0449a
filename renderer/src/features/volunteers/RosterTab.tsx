import { DownloadOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Progress, Select, Space, Spin, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { nextMonday } from '../../../../shared/domain/days';
import { call } from '../../api/client';
import { downloadBase64 } from '../../lib/download';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues } from '../../lib/zodRule';
import { RosterGrid } from './RosterGrid';
import { FormModal } from '../../lib/FormModal';

type Opt = { value: number; label: string };
type Coverage = Output<'rosters.coverage'>;
const pct = (f: number, n: number) => (n ? Math.round((f / n) * 1000) / 10 : 100);

/** 排班: pick a roster, fill it automatically, edit by hand, see the gaps, print. */
export function RosterTab({ canWrite, refs }: { canWrite: boolean; refs: { communities: Opt[]; kinds: Opt[]; teams: Opt[] } }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const rosters = useLoad(() => call('rosters.list', {}), [version]);
  const [rosterId, setRosterId] = useState<number | null>(null);
  const [filter, setFilter] = useState<{ kindId?: number; communityId?: number; teamId?: number; q?: string; page: number }>({ page: 1 });
  const id = rosterId ?? rosters.data?.[0]?.id ?? null;
  const grid = useLoad(() => (id ? call('rosters.grid', { id, ...filter, pageSize: 20 }) : Promise.resolve(null)), [id, JSON.stringify(filter), version]);
  const coverage = useLoad(() => (id ? call('rosters.coverage', { id }) : Promise.resolve(null)), [id, version]);
  const [creating, setCreating] = useState(false);
  const [filling, setFilling] = useState(false);
  const [form] = Form.useForm();
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => setFilter((f) => ({ ...f, page: 1 })), [id]);

  const fill = async () => {
    if (!id) return;
    setFilling(true);
    try {
      const r = await call('rosters.fill', { id });
      message.success(r.gaps ? `已自动排班：${r.filled}/${r.needed} 人次，${r.gaps} 个班次仍缺人（见“缺岗情况”）` : `已自动排班：${r.needed} 人次全部排满`);
      changed();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setFilling(false);
    }
  };
  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await call('rosters.create', { ...v, startDate: (v.startDate as dayjs.Dayjs).format('YYYY-MM-DD') });
      setCreating(false);
      setRosterId(r.id);
      changed();
      message.success('已新建排班表，可点击“自动排班”');
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };

  const current = rosters.data?.find((r) => r.id === id);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="toolbar">
        <Select
          style={{ width: 260 }}
          placeholder="排班表"
          value={id ?? undefined}
          onChange={setRosterId}
          options={(rosters.data ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.startDate} 起 ${r.days} 天）` }))}
          aria-label="排班表"
        />
        {current && (
          <span data-testid="roster-coverage">
            覆盖{' '}
            <Progress type="line" percent={pct(current.filled, current.needed)} size="small" style={{ width: 120, display: 'inline-block', margin: '0 8px' }} />
            {current.filled}/{current.needed} 人次
          </span>
        )}
        <span className="spacer" />
        {canWrite && (
          <>
            <Button
              onClick={() => {
                form.resetFields();
                const monday = dayjs(nextMonday(dayjs().format('YYYY-MM-DD')));
                form.setFieldsValue({ name: `${monday.format('M月D日')}起一周排班`, startDate: monday, days: 7, minRestHours: 8, weeklyCapHours: 48 });
                setCreating(true);
              }}
            >
              新建排班表
            </Button>
            <Button type="primary" icon={<ThunderboltOutlined />} loading={filling} disabled={!id} onClick={fill}>
              自动排班
            </Button>
          </>
        )}
        {/* Always there (disabled until a roster is chosen): buttons that appear when the
            rosters arrive move 新建排班表 under a pointer that is about to click it. */}
        <Button
          icon={<PrinterOutlined />}
          disabled={!id}
          href={`#/print/roster/${id}?${new URLSearchParams(
            Object.entries({ kindId: filter.kindId, communityId: filter.communityId, teamId: filter.teamId, q: filter.q })
              .filter(([, v]) => v !== undefined)
              .map(([k, v]) => [k, String(v)]),
          ).toString()}`}
        >
          打印排班表
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={!id}
          onClick={() =>
            id &&
            call('rosters.export', { id }).then(
              (f) => downloadBase64(f.fileName, f.base64),
              (e: Error) => message.error(e.message),
            )
          }
        >
          导出 Excel
        </Button>
      </div>
      {!rosters.loading && !id && (
        <Alert type="info" showIcon title="还没有排班表" description="点击“新建排班表”选择日期范围（通常一周），再点击“自动排班”。" />
      )}
      {id && (
        <Tabs
          items={[
            {
              key: 'grid',
              label: '排班表',
              children: (
                <>
                  <div className="toolbar">
                    <Input.Search
                      allowClear
                      placeholder="岗位名称或拼音首字母"
                      style={{ width: 200 }}
                      onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined, page: 1 }))}
                    />
                    <Select
                      allowClear
                      placeholder="岗位类型"
                      style={{ width: 130 }}
                      options={refs.kinds}
                      onChange={(v) => setFilter((f) => ({ ...f, kindId: v, page: 1 }))}
                    />
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="社区"
                      style={{ width: 140 }}
                      options={refs.communities}
                      onChange={(v) => setFilter((f) => ({ ...f, communityId: v, page: 1 }))}
                    />
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="队伍"
                      style={{ width: 200 }}
                      options={refs.teams}
                      onChange={(v) => setFilter((f) => ({ ...f, teamId: v, page: 1 }))}
                    />
                    <span className="spacer" />
                    {grid.data && (
                      <Space>
                        <Button size="small" disabled={filter.page <= 1} onClick={() => setFilter((f) => ({ ...f, page: f.page - 1 }))}>
                          上一页
                        </Button>
                        <span>
                          第 {filter.page} / {Math.max(1, Math.ceil(grid.data.total / 20))} 页，共 {grid.data.total} 个岗位
                        </span>
                        <Button size="small" disabled={filter.page * 20 >= grid.data.total} onClick={() => setFilter((f) => ({ ...f, page: f.page + 1 }))}>
                          下一页
                        </Button>
                      </Space>
                    )}
                  </div>
                  {grid.error && <Alert type="error" showIcon title={grid.error} />}
                  {grid.data ? <RosterGrid grid={grid.data} rosterId={id} canWrite={canWrite} onChanged={changed} /> : <Spin />}
                </>
              ),
            },
            {
              key: 'gaps',
              label: `缺岗情况${coverage.data?.gaps.length ? `（${coverage.data.gaps.length}）` : ''}`,
              children: coverage.data ? <CoverageView c={coverage.data} /> : <Spin />,
            },
          ]}
        />
      )}
      <FormModal
        form={form}
        open={creating}
        title="新建排班表"
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
          <Space wrap>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="days" label="天数">
              <InputNumber min={1} max={31} />
            </Form.Item>
            <Form.Item name="minRestHours" label="两班最少间隔（小时）">
              <InputNumber min={0} max={24} />
            </Form.Item>
            <Form.Item name="weeklyCapHours" label="每周工时上限">
              <InputNumber min={8} max={168} />
            </Form.Item>
          </Space>
        </Form>
      </FormModal>
    </Space>
  );
}

function CoverageView({ c }: { c: Coverage }) {
  const rate = (r: { needed: number; filled: number }) => `${r.filled}/${r.needed}（${pct(r.filled, r.needed)}%）`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {c.gaps.length === 0 ? (
        <Alert type="success" showIcon title={`全部 ${c.needed} 人次已排满`} />
      ) : (
        <Alert type="warning" showIcon title={`${c.gaps.length} 个班次缺人，共缺 ${c.needed - c.filled} 人次`} />
      )}
      <Space align="start" wrap>
        <Table
          size="small"
          rowKey="date"
          pagination={false}
          dataSource={c.byDay}
          columns={[
            { title: '日期', dataIndex: 'date' },
            { title: '已排/需要', key: 'r', render: (_, r) => rate(r) },
          ]}
        />
        <Table
          size="small"
          rowKey="communityName"
          pagination={false}
          dataSource={c.byCommunity}
          columns={[
            { title: '社区', dataIndex: 'communityName' },
            { title: '已排/需要', key: 'r', render: (_, r) => rate(r) },
          ]}
        />
        <Table
          size="small"
          rowKey="kindName"
          pagination={false}
          dataSource={c.byKind}
          columns={[
            { title: '岗位类型', dataIndex: 'kindName' },
            { title: '已排/需要', key: 'r', render: (_, r) => rate(r) },
          ]}
        />
      </Space>
      {c.gaps.length > 0 && (
        <Table
          size="small"
          rowKey={(g) => `${g.postId}:${g.day}:${g.shift}`}
          dataSource={c.gaps}
          data-testid="gaps"
          columns={[
            { title: '日期', dataIndex: 'date', width: 100 },
            { title: '班次', dataIndex: 'shift', width: 130 },
            { title: '岗位', dataIndex: 'postName', width: 180 },
            { title: '社区', dataIndex: 'communityName', width: 110 },
            { title: '已排/需要', key: 'n', width: 90, render: (_, g) => `${g.have}/${g.need}` },
            { title: '原因', dataIndex: 'why' },
          ]}
        />
      )}
    </Space>
  );
}
