import { Select, Spin, Table, Tabs } from 'antd';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { ResidentKind } from '../../../../shared/api/residents';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { ExportButton } from '../../lib/ExportButton';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { EntityTab } from '../places/EntityTab';
import { CampaignTab } from './CampaignTab';
import { FollowupTab } from './FollowupTab';
import { KeyPersonsTab } from './KeyPersonsTab';
import { RegistrationEntry } from './RegistrationEntry';
import { ServicesTab } from './ServicesTab';

type ResidentRow = Output<'residents.list'>['rows'][number];
type Opt = { value: number; label: string };

/** 人员排查: checkpoint registration first (what most users of this page do all day), then the resident register. */
export function ResidentsPage() {
  const { can } = useSession();
  const refs = useLoad(async () => {
    const [checkpoints, compounds, communities] = await Promise.all([
      call('checkpoints.list', { pageSize: 500, sort: 'name', status: 'active' }),
      call('compounds.list', { pageSize: 500, sort: 'name' }),
      call('communities.list', { pageSize: 500 }),
    ]);
    return {
      communities: communities.rows.map((r) => ({ value: r.id, label: r.name })),
      checkpoints: checkpoints.rows.map((r) => ({ value: r.id, label: r.name })),
      compounds: compounds.rows.map((r) => ({ value: r.id, label: `${r.name}（${r.communityName}）` })),
    };
  }, []);
  if (!refs.data) return <Spin />;
  const items = [];
  if (can('registrations:write')) items.push({ key: 'register', label: '卡点登记', children: <RegistrationEntry checkpoints={refs.data.checkpoints} /> });
  if (can('residents:read')) {
    items.push({ key: 'followups', label: '今日随访', children: <FollowupTab canWrite={can('residents:write')} compounds={refs.data.compounds} /> });
    items.push({ key: 'campaign', label: '入户排查', children: <CampaignTab communities={refs.data.communities} canWrite={can('residents:write')} /> });
    items.push({ key: 'keyPersons', label: '重点人员', children: <KeyPersonsTab compounds={refs.data.compounds} canWrite={can('residents:write')} /> });
    items.push({ key: 'services', label: '出入证与服务', children: <ServicesTab compounds={refs.data.compounds} canWrite={can('residents:write')} /> });
    items.push({ key: 'residents', label: '居民名单', children: <ResidentList compounds={refs.data.compounds} canReveal={can('personal:unmask')} /> });
  }
  items.push({ key: 'daily', label: '卡点通行统计', children: <DailyCounts /> });
  return <Tabs destroyOnHidden defaultActiveKey={hashParams().get('tab') ?? undefined} items={items} />;
}

function ResidentList({ compounds, canReveal }: { compounds: Opt[]; canReveal: boolean }) {
  // Compound and building narrow the list from above (a building's residents, door by door).
  const [compoundId, setCompoundId] = useState<number | undefined>();
  const [buildingId, setBuildingId] = useState<number | undefined>();
  const buildings = useLoad(() => (compoundId ? call('residents.buildings', { compoundId }) : Promise.resolve([])), [compoundId]);
  return (
    <>
      <div className="toolbar">
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="小区"
          style={{ width: 220 }}
          options={compounds}
          value={compoundId}
          onChange={(v) => (setCompoundId(v), setBuildingId(undefined))}
          aria-label="小区"
        />
        <Select
          allowClear
          placeholder="楼栋"
          style={{ width: 160 }}
          value={buildingId}
          onChange={setBuildingId}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.name}栋（${b.households}户 ${b.residents}人）` }))}
          aria-label="楼栋"
        />
      </div>
      <EntityTab<ResidentRow>
        key={`${compoundId ?? ''}:${buildingId ?? ''}`}
        canWrite={false}
        canReveal={canReveal}
        config={{
          noun: '居民',
          list: (q) => call('residents.list', { ...q, compoundId, buildingId } as never),
          exportList: (q) => call('residents.export', { ...q, compoundId, buildingId } as never),
          save: async () => undefined,
          remove: async () => undefined,
          filters: [{ key: 'kind', placeholder: '人员类型', options: Object.entries(ResidentKind).map(([value, label]) => ({ value, label })) }],
          columns: [
            { title: '姓名', dataIndex: 'name', key: 'name', sorter: true, width: 90 },
            { title: '身份证号', dataIndex: 'idNumber', key: 'idNumber', width: 180 },
            { title: '手机号', dataIndex: 'phone', key: 'phone', width: 120 },
            { title: '性别', dataIndex: 'gender', key: 'gender', width: 60, render: (g: string) => (g === 'M' ? '男' : '女') },
            { title: '小区', dataIndex: 'compoundName', key: 'compoundName', sorter: true, width: 120 },
            {
              title: '楼栋/单元/房号',
              key: 'home',
              width: 130,
              render: (_, r) => [r.building && `${r.building}栋`, r.unit && `${r.unit}单元`, r.room].filter(Boolean).join(' '),
            },
            { title: '类型', dataIndex: 'kind', key: 'kind', width: 90, render: (k: keyof typeof ResidentKind) => ResidentKind[k] },
            { title: '特殊人群', dataIndex: 'flags', key: 'flags', width: 120, render: (f: string[]) => f.join('、') },
            { title: '来源地', dataIndex: 'origin', key: 'origin', width: 90 },
          ],
          fields: null,
          toForm: () => ({}),
          scrollX: 1100,
        }}
      />
    </>
  );
}

function DailyCounts() {
  const [day, setDay] = useState(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  const data = useLoad(() => call('registrations.daily', { day }), [day]);
  const days = Array.from({ length: 14 }, (_, k) => new Date(Date.now() + 8 * 3_600_000 - k * 86_400_000).toISOString().slice(0, 10));
  return (
    <>
      <div className="toolbar">
        <Select value={day} onChange={setDay} options={days.map((d) => ({ value: d, label: d }))} style={{ width: 140 }} aria-label="日期" />
        <ExportButton run={() => call('gateCounts.export', { day })} />
      </div>
      <Table
        size="small"
        rowKey="checkpointId"
        loading={data.loading}
        dataSource={data.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '卡点', dataIndex: 'checkpointName' },
          { title: '人员', dataIndex: 'people', align: 'right', sorter: (a, b) => a.people - b.people },
          { title: '车辆', dataIndex: 'vehicles', align: 'right' },
          { title: '体温异常', dataIndex: 'abnormal', align: 'right', render: (n: number) => <span style={{ color: n ? '#cf1322' : undefined }}>{n}</span> },
          { title: '劝返', dataIndex: 'refused', align: 'right' },
        ]}
      />
    </>
  );
}
