import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { KeyCategory, KeyStatus, Measure } from '../../../../shared/api/key-persons';
import { call } from '../../api/client';
import { ExportButton } from '../../lib/ExportButton';
import { FormModal } from '../../lib/FormModal';
import { useLoad } from '../../lib/useLoad';
import { useRemembered } from '../../lib/useRemembered';
import { showFieldIssues } from '../../lib/zodRule';
import { ResidentLinkModal } from './ResidentLink';

type Row = Output<'keyPersons.list'>['rows'][number];
type Opt = { value: number; label: string };
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const STATUS_COLOURS: Record<string, string> = { observing: 'orange', released: 'green', hospital: 'red', central: 'purple' };

/** 重点人员: who is under a measure, with their 四包一 team; status changes are kept as history. */
export function KeyPersonsTab({ compounds, canWrite }: { compounds: Opt[]; canWrite: boolean }) {
  const { message } = App.useApp();
  // The search text may be a person's name: it is not kept in the browser's storage.
  const [filter, setFilter] = useRemembered<{ status?: string; category?: string; q?: string; page: number; pageSize: number }>(
    'keyPersons',
    { status: 'observing', page: 1, pageSize: 20 },
    { transient: ['q'] },
  );
  const [version, setVersion] = useState(0);
  const list = useLoad(() => call('keyPersons.list', filter as never), [JSON.stringify(filter), version]);
  const [creating, setCreating] = useState(false);
  const [linking, setLinking] = useState<Row | null>(null);
  const [history, setHistory] = useState<{ row: Row; items: Output<'keyPersons.history'> } | null>(null);
  const [form] = Form.useForm();
  const [people, setPeople] = useState<Opt[]>([]);
  // 四包一 comes from the person's own community (and the office's staff), not from all 1,200 people.
  const compoundId = Form.useWatch('compoundId', form) as number | undefined;
  const searchPeople = (q: string) =>
    compoundId
      ? call('people.list', { q: q.trim() || undefined, pageSize: 50, forCompoundId: compoundId }).then((r) =>
          setPeople(r.rows.map((p) => ({ value: p.id, label: `${p.name}（${p.communityName ?? '街道'}）` }))),
        )
      : setPeople([]);
  useEffect(() => void searchPeople(''), [compoundId]); // eslint-disable-line react-hooks/exhaustive-deps

  const create = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('keyPersons.create', {
        ...v,
        startDate: (v.startDate as dayjs.Dayjs).format('YYYY-MM-DD'),
        arrivalDate: v.arrivalDate ? (v.arrivalDate as dayjs.Dayjs).format('YYYY-MM-DD') : null,
      });
      setCreating(false);
      setVersion((x) => x + 1);
      message.success('已登记，今天起列入随访');
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  const setStatus = (row: Row, status: keyof typeof KeyStatus) =>
    call('keyPersons.setStatus', { id: row.id, status }).then(
      () => (message.success(`已改为“${KeyStatus[status]}”`), setVersion((x) => x + 1)),
      (e: Error) => message.error(e.message),
    );
  const who = (label: string, name: string) => (
    <Form.Item name={name} label={label} style={{ minWidth: 150 }}>
      <Select
        allowClear
        disabled={!compoundId}
        showSearch={{ filterOption: false, onSearch: searchPeople }}
        options={people}
        placeholder={compoundId ? '姓名或拼音首字母' : '先选居住小区'}
        aria-label={label}
      />
    </Form.Item>
  );
  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder="姓名、拼音首字母或手机尾号"
          style={{ width: 220 }}
          defaultValue={filter.q}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q || undefined, page: 1 }))}
        />
        <Select
          allowClear
          placeholder="状态"
          style={{ width: 120 }}
          value={filter.status}
          options={options(KeyStatus)}
          onChange={(v) => setFilter((f) => ({ ...f, status: v, page: 1 }))}
        />
        <Select
          allowClear
          placeholder="类别"
          style={{ width: 170 }}
          options={options(KeyCategory)}
          value={filter.category}
          onChange={(v) => setFilter((f) => ({ ...f, category: v, page: 1 }))}
        />
        <span className="spacer" />
        <ExportButton
          personal
          run={(full) => call('keyPersons.export', { q: filter.q, status: filter.status as never, category: filter.category as never, full })}
        />
        {canWrite && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ category: 'arrival', measure: 'homeObservation', startDate: dayjs() });
              setCreating(true);
            }}
          >
            登记重点人员
          </Button>
        )}
      </div>
      <Table<Row>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page: pageSize === f.pageSize ? page : 1, pageSize })),
          showTotal: (t) => `共 ${t} 人`,
        }}
        scroll={{ x: 1100 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '手机', dataIndex: 'phone', width: 120 },
          { title: '小区', dataIndex: 'compoundName', width: 120 },
          { title: '类别', dataIndex: 'category', width: 140, render: (c: keyof typeof KeyCategory) => KeyCategory[c] },
          { title: '来源地', dataIndex: 'origin', width: 80 },
          { title: '措施', dataIndex: 'measure', width: 90, render: (m: keyof typeof Measure) => Measure[m] },
          { title: '期限', key: 'dates', width: 190, render: (_, r) => `${r.startDate} 至 ${dayjs(r.endDate).subtract(1, 'day').format('YYYY-MM-DD')}` },
          { title: '四包一', key: 'team', width: 200, render: (_, r) => r.team.filter(Boolean).join('、') || '—' },
          {
            title: '居民档案',
            key: 'resident',
            width: 110,
            render: (_, r) =>
              canWrite ? (
                <Button type="link" size="small" onClick={() => setLinking(r)}>
                  {r.residentId ? `已关联 ${r.residentName ?? ''}` : '关联居民'}
                </Button>
              ) : r.residentId ? (
                `已关联 ${r.residentName ?? ''}`
              ) : (
                '未关联'
              ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{KeyStatus[s as keyof typeof KeyStatus]}</Tag>,
          },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => call('keyPersons.history', { id: r.id }).then((items) => setHistory({ row: r, items }))}>
                  历史
                </Button>
                {canWrite && r.status === 'observing' && (
                  <Select
                    size="small"
                    placeholder="变更状态"
                    style={{ width: 110 }}
                    value={null}
                    options={options(KeyStatus).filter((o) => o.value !== 'observing')}
                    onChange={(s: keyof typeof KeyStatus) => setStatus(r, s)}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        form={form}
        open={creating}
        title="登记重点人员"
        okText="登记"
        cancelText="取消"
        onOk={create}
        onCancel={() => setCreating(false)}
        destroyOnHidden
        width={720}
      >
        <Form form={form} layout="vertical">
          <Space wrap>
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={20} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="phone" label="手机">
              <Input maxLength={11} style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="idNumber" label="身份证号">
              <Input maxLength={18} style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="compoundId" label="居住小区">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={compounds}
                style={{ width: 240 }}
                // Responsible people picked for another community do not follow the person.
                onChange={() =>
                  form.setFieldsValue({ cadreId: undefined, gridId: undefined, doctorId: undefined, policeId: undefined, volunteerId: undefined })
                }
              />
            </Form.Item>
            <Form.Item name="address" label="楼栋门牌">
              <Input maxLength={60} style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="category" label="类别">
              <Select options={options(KeyCategory)} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="origin" label="来源地">
              <Input maxLength={40} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="arrivalDate" label="到达日期">
              <DatePicker />
            </Form.Item>
            <Form.Item name="transport" label="交通方式">
              <Input maxLength={40} style={{ width: 140 }} placeholder="如 G1234 次列车" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="measure" label="管控措施">
              <Select options={options(Measure)} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="startDate" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="days" label="天数" extra="不填按类别默认（14 天）">
              <InputNumber min={1} max={60} />
            </Form.Item>
          </Space>
          <Space wrap>
            {who('社区干部', 'cadreId')}
            {who('网格员', 'gridId')}
            {who('医生', 'doctorId')}
            {who('民警', 'policeId')}
            {who('党员志愿者', 'volunteerId')}
          </Space>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </FormModal>
      <ResidentLinkModal row={linking} onClose={(changed) => (setLinking(null), changed && setVersion((x) => x + 1))} />
      <Modal open={history !== null} title={`${history?.row.name ?? ''} 状态历史`} footer={null} onCancel={() => setHistory(null)}>
        <Timeline
          items={(history?.items ?? []).map((h) => ({
            children: `${dayjs(h.ts).format('YYYY-MM-DD HH:mm')} ${KeyStatus[h.status]}${h.note ? `（${h.note}）` : ''} — ${h.username}`,
          }))}
        />
      </Modal>
    </>
  );
}
