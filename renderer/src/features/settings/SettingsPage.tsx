import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import type { Permission } from '../../../../shared/api/contract';
import { useSession } from '../auth/me';
import { AuditCard } from './AuditCard';
import { BackupsCard } from './BackupsCard';
import { BasemapCard } from './BasemapCard';
import { CleanupCard } from './CleanupCard';
import { DemoResetCard } from './DemoResetCard';
import { LanCard } from './lan/LanCard';
import { OfficeCard } from './OfficeCard';
import { SecurityCard } from './SecurityCard';
import { SlowCallsCard } from './SlowCallsCard';
import { UsersCard } from './UsersCard';

/** Each tab shows only to roles that may use it (the server refuses the rest anyway). */
const TABS: { key: string; label: string; perm: Permission | null; body: () => ReactNode }[] = [
  { key: 'office', label: '街道信息', perm: null, body: () => <OfficeCard /> },
  { key: 'users', label: '用户与权限', perm: 'users:manage', body: () => <UsersCard /> },
  { key: 'audit', label: '操作日志', perm: 'audit:read', body: () => <AuditCard /> },
  { key: 'backups', label: '数据备份', perm: 'system:backup', body: () => <BackupsCard /> },
  { key: 'lan', label: '局域网共享', perm: 'system:settings', body: () => <LanCard /> },
  {
    key: 'system',
    label: '系统',
    perm: 'system:settings',
    body: () => (
      <>
        <SecurityCard />
        <BasemapCard />
        <CleanupCard />
        <SlowCallsCard />
        <Card title="演示数据" size="small" style={{ marginTop: 16 }}>
          <DemoResetCard />
        </Card>
      </>
    ),
  },
];

export function SettingsPage() {
  const { can } = useSession();
  return <Tabs items={TABS.filter((t) => t.perm === null || can(t.perm)).map((t) => ({ key: t.key, label: t.label, children: t.body() }))} />;
}
