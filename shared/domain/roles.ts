import type { Permission } from '../api/contract';

/** Built-in roles. Admins run the system but, as in Go.Data, see no residents' data. */
export const ROLE_LABELS = {
  admin: '系统管理员',
  command: '指挥中心',
  community: '社区工作人员',
  supplies: '物资保障',
  roster: '志愿者调度',
  viewer: '领导查看',
} as const;
export type Role = keyof typeof ROLE_LABELS;
export const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['office:read', 'office:write', 'places:read', 'system:backup', 'system:settings', 'users:manage', 'audit:read'],
  command: [
    'office:read',
    'office:write',
    'places:read',
    'places:write',
    'personal:unmask',
    'supplies:read',
    'supplies:write',
    'supplies:approve',
    'roster:read',
    'roster:write',
    'residents:read',
    'residents:write',
    'registrations:write',
    'briefing:read',
    'briefing:write',
    'inspections:read',
    'inspections:write',
  ],
  community: [
    'office:read',
    'places:read',
    'places:write',
    'personal:unmask',
    'supplies:read',
    'roster:read',
    'residents:read',
    'residents:write',
    'registrations:write',
    'briefing:read',
    'inspections:read',
    'inspections:write',
  ],
  supplies: ['office:read', 'places:read', 'supplies:read', 'supplies:write', 'roster:read', 'briefing:read'],
  roster: ['office:read', 'places:read', 'roster:read', 'roster:write', 'personal:unmask', 'registrations:write', 'briefing:read'],
  viewer: ['office:read', 'places:read', 'supplies:read', 'roster:read', 'residents:read', 'briefing:read', 'inspections:read'],
};

export const can = (role: Role, perm: Permission) => ROLE_PERMISSIONS[role].includes(perm);
