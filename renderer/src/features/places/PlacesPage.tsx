import { Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { checkpointsConfig } from './checkpointsConfig';
import { communitiesConfig, gridsConfig } from './communitiesConfig';
import { compoundsConfig } from './compoundsConfig';
import { EntityTab } from './EntityTab';
import type { RefOptions } from './options';

/** 小区与卡点: the four territory registers, each a searchable list with a form. */
export function PlacesPage() {
  const { me, can } = useSession();
  const write = can('places:write');
  const officeWrite = write && me.scopeAll;
  const reveal = can('personal:unmask');
  const [version, setVersion] = useState(0);
  // Links from the map: #/places?tab=checkpoints&q=名称
  const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const tab = params.get('tab') ?? 'compounds';
  const q = params.get('q') ?? undefined;
  const refs = useLoad(async (): Promise<RefOptions> => {
    const [communities, grids, compounds] = await Promise.all([
      call('communities.list', { pageSize: 500, sort: 'name' }),
      call('grids.list', { pageSize: 500 }),
      call('compounds.list', { pageSize: 500, sort: 'name' }),
    ]);
    return {
      communities: communities.rows.map((r) => ({ value: r.id, label: r.name })),
      grids: grids.rows.map((r) => ({ value: r.id, label: r.name })),
      compounds: compounds.rows.map((r) => ({ value: r.id, label: `${r.name}（${r.communityName}）` })),
    };
  }, [version]);
  const r = refs.data ?? { communities: [], grids: [], compounds: [] };
  const changed = () => setVersion((v) => v + 1);
  const configs = useMemo(
    () => ({ compounds: compoundsConfig(r), checkpoints: checkpointsConfig(r), communities: communitiesConfig(), grids: gridsConfig() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [refs.data],
  );
  return (
    <Tabs
      defaultActiveKey={tab}
      items={[
        {
          key: 'compounds',
          label: '小区',
          children: <EntityTab config={configs.compounds} onChanged={changed} canWrite={write} initialQuery={tab === 'compounds' ? q : undefined} />,
        },
        {
          key: 'checkpoints',
          label: '卡点',
          children: <EntityTab config={configs.checkpoints} onChanged={changed} canWrite={write} initialQuery={tab === 'checkpoints' ? q : undefined} />,
        },
        {
          key: 'communities',
          label: '社区',
          children: <EntityTab config={configs.communities} onChanged={changed} canWrite={officeWrite} canReveal={reveal} />,
        },
        { key: 'grids', label: '片区', children: <EntityTab config={configs.grids} onChanged={changed} canWrite={officeWrite} canReveal={reveal} /> },
      ]}
    />
  );
}
