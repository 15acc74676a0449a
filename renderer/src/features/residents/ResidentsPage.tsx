import { Select, Spin, Table, Tabs } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { ExportButton } from '../../lib/ExportButton';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { CampaignTab } from './CampaignTab';
import { FollowupTab } from './FollowupTab';
import { KeyPersonsTab } from './KeyPersonsTab';
import { RegistrationEntry } from './RegistrationEntry';
import { ResidentList } from './ResidentList';
import { ServicesTab } from './ServicesTab';

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
    items.push({
      key: 'residents',
      label: '居民名单',
      children: <ResidentList compounds={refs.data.compounds} canReveal={can('personal:unmask')} canWrite={can('residents:write')} />,
    });
  }
  items.push({ key: 'daily', label: '卡点通行统计', children: <DailyCounts /> });
  return <Tabs destroyOnHidden defaultActiveKey={hashParams().get('tab') ?? undefined} items={items} />;
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
