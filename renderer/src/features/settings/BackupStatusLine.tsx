import { Alert } from 'antd';
import dayjs from 'dayjs';
import { call } from '../../api/client';
import { fmtBytes } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { BACKUP_KIND_LABELS } from './backup-kinds';

/**
 * One line for the administrator (设置 → 数据备份 and 总览): when the last backup was made,
 * how much room the backups take, and a warning when it is more than a day old or the
 * scheduled backup failed (full disk, damaged file).
 */
export function BackupStatusLine({ version, compact = false }: { version?: unknown; compact?: boolean }) {
  const status = useLoad(() => call('backup.status', {}), [version]);
  const s = status.data;
  if (!s) return null;
  const last = s.last
    ? `最近一次备份：${dayjs(s.last.createdAt).format('YYYY-MM-DD HH:mm')}（${BACKUP_KIND_LABELS[s.last.kind] ?? s.last.kind}）`
    : '还没有任何备份';
  const space = `共 ${s.count} 个备份，占用 ${fmtBytes(s.totalBytes)}${s.freeBytes === null ? '' : `，磁盘剩余 ${fmtBytes(s.freeBytes)}`}`;
  const type = s.lastError ? 'error' : s.stale ? 'warning' : 'success';
  const warning = s.lastError ?? (s.stale ? (s.last ? '最近的备份已超过一天。请确认本程序在运行，或点“立即备份”。' : '请点“立即备份”。') : null);
  return (
    <Alert
      data-testid="backup-status"
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      message={`${last}。${compact ? '' : space}`}
      description={warning ?? undefined}
    />
  );
}
