import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  MedicineBoxOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Permission } from '../../../../shared/api/contract';

/** The product's sections, in menu order. `ready: false` ones say plainly they are not built yet. */
export interface Section {
  key: string;
  label: string;
  icon: ReactNode;
  ready: boolean;
  /** Shown only to roles with one of these permissions (the core refuses the rest anyway). */
  perm?: Permission | Permission[];
}

export const SECTIONS: Section[] = [
  { key: 'overview', label: '总览', icon: <DashboardOutlined />, ready: true },
  { key: 'map', label: '地图', icon: <EnvironmentOutlined />, ready: true },
  { key: 'places', label: '小区与卡点', icon: <ApartmentOutlined />, ready: true },
  { key: 'residents', label: '人员排查', icon: <AlertOutlined />, ready: true, perm: ['residents:read', 'registrations:write'] },
  { key: 'supplies', label: '物资保障', icon: <MedicineBoxOutlined />, ready: true, perm: 'supplies:read' },
  { key: 'volunteers', label: '志愿者与排班', icon: <TeamOutlined />, ready: true, perm: 'roster:read' },
  { key: 'inspections', label: '督查整改', icon: <AuditOutlined />, ready: true, perm: 'inspections:read' },
  { key: 'briefing', label: '每日简报', icon: <FileTextOutlined />, ready: true, perm: 'briefing:read' },
  { key: 'excel', label: '数据导入导出', icon: <SwapOutlined />, ready: true },
  { key: 'settings', label: '设置', icon: <SettingOutlined />, ready: true },
];
