import { ExportButton } from '../../lib/ExportButton';
import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { NeedKind } from '../../../../shared/api/household-services';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

type Opt = { value: number; label: string };

/** 管控户服务: 出入证, needs under measures, and nucleic-acid testing rounds. */
export function ServicesTab({ compounds, canWrite }: { compounds: Opt[]; canWrite: boolean }) {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={12}>
        <Passes compounds={compounds} canWrite={canWrite} />
        <Needs canWrite={canWrite} />
      </Col>
      <Col xs={24} xl={12}>
        <Tests canWrite={canWrite} />
      </Col>
    </Row>
  );
}

function Passes({ compounds, canWrite }: { compounds: Opt[]; canWrite: boolean }) {
  const { message } = App.useApp();
  const [compoundId, setCompoundId] = useState<number | undefined>();
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const [householdId, setHouseholdId] = useState<number | undefined>();
  const [version, setVersion] = useState(0);
  const buildings = useLoad(() => (compoundId ? call('residents.buildings', { compoundId }) : Promise.resolve([])), [compoundId]);
  const households = useLoad(() => (buildingId ? call('residents.households', { buildingId }) : Promise.resolve([])), [buildingId]);
  const passes = useLoad(() => call('passes.list', { compoundId }), [compoundId, version]);
  const issue = () =>
    call('passes.issue', {
      householdId: householdId!,
      uses: 1,
      perDays: 2,
      validFrom: dayjs().format('YYYY-MM-DD'),
      validTo: dayjs().add(13, 'day').format('YYYY-MM-DD'),
    }).then(
      (p) => (message.success(`已发放出入证 ${p.passNo}（${p.address}，2 天限出 1 次）`), setVersion((v) => v + 1)),
      (e: Error) => message.error(e.message),
    );
  return (
    <Card size="small" title="出入证" style={{ marginBottom: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          placeholder="小区"
          style={{ width: 180 }}
          showSearch={{ optionFilterProp: 'label' }}
          options={compounds}
          value={compoundId}
          onChange={(v) => (setCompoundId(v), setBuildingId(undefined), setHouseholdId(undefined))}
        />
        <Select
          placeholder="楼栋"
          style={{ width: 90 }}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.name}栋` }))}
          value={buildingId}
          onChange={(v) => (setBuildingId(v), setHouseholdId(undefined))}
        />
        <Select
          placeholder="房号"
          style={{ width: 120 }}
          options={(households.data ?? []).map((h) => ({ value: h.id, label: `${h.unit ? `${h.unit}单元` : ''}${h.room}（${h.residents}人）` }))}
          value={householdId}
          onChange={setHouseholdId}
        />
        {canWrite && (
          <Button disabled={!householdId} onClick={issue}>
            发放出入证
          </Button>
        )}
        <Button
          icon={<PrinterOutlined />}
          disabled={!compoundId}
          href={compoundId ? `#/print/passes/${compoundId}` : undefined}
          data-testid="passes-print-compound"
        >
          打印本小区出入证
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!householdId} href={householdId ? `#/print/passes/0?householdId=${householdId}` : undefined}>
          打印本户出入证
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        dataSource={passes.data ?? []}
        pagination={{ pageSize: 8 }}
        columns={[
          { title: '证号', dataIndex: 'passNo', width: 100 },
          { title: '住户', dataIndex: 'address' },
          { title: '规则', key: 'rule', width: 110, render: (_, p) => `${p.perDays} 天限出 ${p.uses} 次` },
          { title: '有效期', key: 'valid', width: 120, render: (_, p) => `${p.validFrom.slice(5)} 至 ${p.validTo.slice(5)}` },
          {
            title: '',
            key: 'x',
            width: 70,
            render: (_, p) =>
              p.revoked ? (
                <Tag>已收回</Tag>
              ) : canWrite ? (
                <Button size="small" type="link" danger onClick={() => call('passes.revoke', { id: p.id }).then(() => setVersion((v) => v + 1))}>
                  收回
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Needs({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const needs = useLoad(() => call('needs.list', { open: false }), [version]);
  const [persons, setPersons] = useState<Opt[]>([]);
  const [volunteers, setVolunteers] = useState<Opt[]>([]);
  const [draft, setDraft] = useState<{ keyPersonId?: number; kind: keyof typeof NeedKind; detail: string; volunteerId?: number }>({
    kind: 'shopping',
    detail: '',
  });
  const add = () =>
    call('needs.create', { keyPersonId: draft.keyPersonId, kind: draft.kind, detail: draft.detail, volunteerId: draft.volunteerId }).then(
      () => (message.success('已登记需求'), setDraft({ kind: 'shopping', detail: '' }), setVersion((v) => v + 1)),
      (e: Error) => message.error(e.message),
    );
  return (
    <Card size="small" title="管控户需求（代买、就医、送药）">
      {canWrite && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            placeholder="重点人员"
            style={{ width: 140 }}
            showSearch={{
              filterOption: false,
              onSearch: (q) =>
                call('keyPersons.list', { q, status: 'observing', pageSize: 20 }).then((r) =>
                  setPersons(r.rows.map((p) => ({ value: p.id, label: `${p.name}（${p.compoundName ?? ''}）` }))),
                ),
            }}
            options={persons}
            value={draft.keyPersonId}
            onChange={(keyPersonId) => setDraft((d) => ({ ...d, keyPersonId }))}
          />
          <Select
            style={{ width: 130 }}
            value={draft.kind}
            options={Object.entries(NeedKind).map(([value, label]) => ({ value, label }))}
            onChange={(kind) => setDraft((d) => ({ ...d, kind }))}
          />
          <Input
            placeholder="需求，如 降压药一盒"
            style={{ width: 180 }}
            value={draft.detail}
            onChange={(e) => setDraft((d) => ({ ...d, detail: e.target.value }))}
          />
          <Select
            placeholder="志愿者"
            style={{ width: 110 }}
            showSearch={{
              filterOption: false,
              onSearch: (q) => call('people.list', { q, pageSize: 20 }).then((r) => setVolunteers(r.rows.map((p) => ({ value: p.id, label: p.name })))),
            }}
            options={volunteers}
            value={draft.volunteerId}
            onChange={(volunteerId) => setDraft((d) => ({ ...d, volunteerId }))}
          />
          <Button disabled={!draft.keyPersonId || !draft.detail.trim()} onClick={add}>
            登记
          </Button>
        </Space>
      )}
      <Table<Output<'needs.list'>[number]>
        size="small"
        rowKey="id"
        dataSource={needs.data ?? []}
        pagination={{ pageSize: 8 }}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 110, render: (k: keyof typeof NeedKind) => NeedKind[k] },
          { title: '需求', dataIndex: 'detail' },
          { title: '对象', dataIndex: 'who', width: 140 },
          { title: '志愿者', dataIndex: 'volunteer', width: 80 },
          {
            title: '状态',
            key: 'done',
            width: 90,
            render: (_, n) =>
              n.doneAt ? (
                <Tag color="green">已办结</Tag>
              ) : canWrite ? (
                <Button size="small" onClick={() => call('needs.done', { id: n.id }).then(() => setVersion((v) => v + 1))}>
                  办结
                </Button>
              ) : (
                <Tag color="orange">待办</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Tests({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const rounds = useLoad(() => call('tests.list', {}), [version]);
  const [chosen, setChosen] = useState<number | null>(null);
  const id = chosen ?? rounds.data?.[0]?.id ?? null;
  const per = useLoad(() => (id ? call('tests.compounds', { id }) : Promise.resolve([])), [id, version]);
  const [name, setName] = useState('');
  const [day, setDay] = useState(dayjs());
  return (
    <Card size="small" title="核酸检测">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 240 }}
          value={id ?? undefined}
          onChange={setChosen}
          placeholder="轮次"
          options={(rounds.data ?? []).map((r) => ({ value: r.id, label: `${r.day} ${r.name}（${r.tested}/${r.due}）` }))}
        />
        {id !== null && <ExportButton run={() => call('tests.export', { id })} />}
        {canWrite && (
          <>
            <Input placeholder="新轮次名称" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 140 }} />
            <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />
            <Button
              disabled={!name.trim()}
              onClick={() =>
                call('tests.create', { name, day: day.format('YYYY-MM-DD') }).then(
                  (r) => (setChosen(r.id), setName(''), setVersion((v) => v + 1)),
                  (e: Error) => message.error(e.message),
                )
              }
            >
              新建轮次
            </Button>
          </>
        )}
      </Space>
      <Table
        size="small"
        rowKey="compoundId"
        dataSource={per.data ?? []}
        pagination={{ pageSize: 12 }}
        columns={[
          { title: '社区', dataIndex: 'communityName', width: 100 },
          { title: '小区', dataIndex: 'compoundName' },
          { title: '应检', dataIndex: 'due', align: 'right', width: 80 },
          {
            title: '已检',
            key: 'tested',
            width: 110,
            render: (_, c) =>
              canWrite ? (
                <InputNumber
                  size="small"
                  min={0}
                  defaultValue={c.tested}
                  onBlur={(e) => {
                    const v = Number(e.target.value);
                    if (Number.isFinite(v) && v !== c.tested)
                      void call('tests.record', { id: id!, compoundId: c.compoundId, tested: v }).then(
                        () => setVersion((x) => x + 1),
                        (err: Error) => message.error(err.message),
                      );
                  }}
                  aria-label={`${c.compoundName}已检`}
                />
              ) : (
                c.tested
              ),
          },
          { title: '覆盖', key: 'p', width: 70, render: (_, c) => `${c.due ? Math.round((c.tested / c.due) * 100) : 0}%` },
        ]}
      />
    </Card>
  );
}
