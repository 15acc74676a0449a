import { Spin, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { hashParams } from '../../lib/hashParams';
import { useSession } from '../auth/me';
import { EntityTab } from '../places/EntityTab';
import { DonationsTab } from './DonationsTab';
import { LedgerTab } from './LedgerTab';
import { PlansTab } from './PlansTab';
import { donorsConfig, itemsConfig, warehousesConfig } from './registers';
import { StockOverviewTab } from './StockOverviewTab';
import { StocktakeTab } from './StocktakeTab';
import { useSupplyRefs } from './useRefs';

/** 物资保障: stock at a glance, the ledger, donations, allocation plans and the registers behind them. */
export function SuppliesPage() {
  const { can } = useSession();
  const write = can('supplies:write');
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const refs = useSupplyRefs(version);
  const tab = hashParams().get('tab') ?? 'overview';
  const configs = useMemo(() => ({ items: itemsConfig(), warehouses: warehousesConfig(refs.data?.communities ?? []), donors: donorsConfig() }), [refs.data]);
  if (!refs.data) return <Spin />;
  return (
    <Tabs
      defaultActiveKey={tab}
      destroyOnHidden
      items={[
        { key: 'overview', label: '库存总览', children: <StockOverviewTab version={version} canWrite={write} /> },
        { key: 'ledger', label: '出入库台账', children: <LedgerTab refs={refs.data} canWrite={write} onChanged={changed} /> },
        { key: 'stocktake', label: '盘点', children: <StocktakeTab refs={refs.data} canWrite={write} onChanged={changed} /> },
        { key: 'donations', label: '捐赠登记', children: <DonationsTab refs={refs.data} canWrite={write} onChanged={changed} /> },
        { key: 'plans', label: '分配方案', children: <PlansTab refs={refs.data} onChanged={changed} /> },
        { key: 'items', label: '物资目录', children: <EntityTab config={configs.items} onChanged={changed} canWrite={write} /> },
        {
          key: 'warehouses',
          label: '仓库',
          children: <EntityTab config={configs.warehouses} onChanged={changed} canWrite={write} canReveal={can('personal:unmask')} />,
        },
        {
          key: 'donors',
          label: '捐赠方',
          children: <EntityTab config={configs.donors} onChanged={changed} canWrite={write} canReveal={can('personal:unmask')} />,
        },
      ]}
    />
  );
}
