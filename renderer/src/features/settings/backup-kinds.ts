export const BACKUP_KIND_LABELS: Record<string, string> = {
  daily: '每日自动',
  weekly: '每周自动',
  manual: '手动',
  premigrate: '迁移前',
  preimport: '导入前',
  prerestore: '恢复前',
  prereset: '重置前',
  precleanup: '清理前',
};
