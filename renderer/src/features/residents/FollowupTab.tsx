import { App, Button, DatePicker, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { FEVER } from '../../../../shared/api/residents';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

type Due = Output<'followups.due'>[number];
type Slot = 'am' | 'pm';

/** 今日随访: everyone under a measure today, 上午 and 下午 checks entered in place; overdue checks in red. */
export function FollowupTab({ canWrite, compounds }: { canWrite: boolean; compounds: { value: number; label: string }[] }) {
  const { message } = App.useApp();
  const [day, setDay] = useState(dayjs());
  const [version, setVersion] = useState(0);
  const [compoundId, setCompoundId] = useState<number | undefined>();
  const [responsibleId, setResponsibleId] = useState<number | undefined>();
  const [people, setPeople] = useState<{ value: number; label: string }[]>([]);
  const due = useLoad(
    () => call('followups.due', { day: day.format('YYYY-MM-DD'), compoundId, responsibleId }),
    [day.valueOf(), version, compoundId, responsibleId],
  );
  const [draft, setDraft] = useState<Record<string, { t?: number | null; s?: string }>>({});
  const save = async (row: Due, slot: Slot) => {
    const d = draft[`${row.keyPersonId}:${slot}`] ?? {};
    try {
      const r = await call('followups.record', { keyPersonId: row.keyPersonId, day: row.day, slot, temperature: d.t ?? null, symptoms: d.s || null });
      if (r.alert) message.error(`${row.name} 体温或症状异常，已向指挥中心预警`);
      else message.success('已登记');
      setVersion((v) => v + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const cell = (row: Due, slot: Slot) => {
    const done = row[slot];
    if (done) {
      const hot = (done.temperature ?? 0) >= FEVER || !!done.symptoms;
      return <Tag color={hot ? 'red' : 'green'}>{[done.temperature !== null ? `${done.temperature} ℃` : null, done.symptoms].filter(Boolean).join(' ')}</Tag>;
    }
    const overdue = row.overdue.includes(slot);
    if (!canWrite) return overdue ? <Tag color="red">逾期未测</Tag> : '—';
    const key = `${row.keyPersonId}:${slot}`;
    return (
      <Space size={4}>
        {overdue && <Tag color="red">逾期</Tag>}
        <InputNumber
          size="small"
          min={34}
          max={43}
          step={0.1}
          precision={1}
          placeholder="体温"
          style={{ width: 76 }}
          onChange={(t) => setDraft((x) => ({ ...x, [key]: { ...x[key], t } }))}
          onPressEnter={() => save(row, slot)}
          aria-label={`${row.name}${slot === 'am' ? '上午' : '下午'}体温`}
        />
        <Input
          size="small"
          placeholder="症状"
          style={{ width: 80 }}
          onChange={(e) => setDraft((x) => ({ ...x, [key]: { ...x[key], s: e.target.value } }))}
          onPressEnter={() => save(row, slot)}
        />
        <Button size="small" onClick={() => save(row, slot)}>
          登记
        </Button>
      </Space>
    );
  };
  const rows = due.data ?? [];
  const overdue = rows.filter((r) => r.overdue.length).length;
  return (
    <>
      <div className="toolbar">
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="小区"
          style={{ width: 180 }}
          options={compounds}
          value={compoundId}
          onChange={setCompoundId}
        />
        <Select
          allowClear
          placeholder="责任人"
          style={{ width: 130 }}
          showSearch={{
            filterOption: false,
            onSearch: (q) => call('people.list', { q, pageSize: 20 }).then((r) => setPeople(r.rows.map((p) => ({ value: p.id, label: p.name })))),
          }}
          options={people}
          value={responsibleId}
          onChange={setResponsibleId}
        />
        <span>
          应随访 {rows.length} 人{overdue ? <span style={{ color: '#cf1322' }}>，{overdue} 人有逾期未测</span> : ''}
        </span>
      </div>
      <Table<Due>
        size="small"
        rowKey="keyPersonId"
        loading={due.loading}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        data-testid="followups"
        rowClassName={(r) => (r.overdue.length ? 'row-error' : '')}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            width: 90,
            render: (n: string, r) => (
              <>
                {n}
                {r.lastDay && <Tag style={{ marginLeft: 4 }}>今日期满</Tag>}
              </>
            ),
          },
          { title: '小区', dataIndex: 'compoundName', width: 130 },
          { title: '责任人', dataIndex: 'responsible', width: 90 },
          { title: '上午（12 点前）', key: 'am', render: (_, r) => cell(r, 'am') },
          { title: '下午（20 点前）', key: 'pm', render: (_, r) => cell(r, 'pm') },
        ]}
      />
    </>
  );
}
