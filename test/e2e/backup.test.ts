import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeMethod } from '../../shared/api/audit-text';
import { apiCall, browserSession, E2E_PASSWORD, signInUI } from './harness';

/** 设置 → 数据备份 and 操作日志, as the administrator uses them. */
const session = browserSession('admin', { viewport: { width: 1400, height: 900 } });

const backupRows = () => session.page.locator('[role=tabpanel]:visible .ant-table-row');

describe('backups in Chromium', () => {
  it('backs up now, exports a password-protected file, and restores a backup from the list', async () => {
    await session.page.goto(`${session.server.url}/#/settings`);
    await session.page.getByRole('tab', { name: '数据备份' }).click();
    // A new data directory already has its first daily and weekly backups.
    await expect.poll(() => backupRows().count()).toBeGreaterThanOrEqual(2);
    const before = await backupRows().count();
    await session.page.getByRole('button', { name: '立即备份' }).click();
    await expect.poll(() => backupRows().count()).toBe(before + 1);
    expect(await backupRows().first().innerText()).toContain('手动');

    await session.page.getByRole('button', { name: '导出备份' }).click();
    const dialog = session.page.getByRole('dialog');
    await dialog.getByLabel('备份密码（至少 8 位）').fill('usb-stick-2026');
    await dialog.getByLabel('再次输入密码').fill('usb-stick-2026');
    const [download] = await Promise.all([session.page.waitForEvent('download'), dialog.getByRole('button', { name: '导出' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.scbak$/);
    const saved = await download.path();
    expect(fs.readFileSync(saved).includes(Buffer.from('建设路社区'))).toBe(false);

    // A community added after the backup disappears when the backup is restored.
    await apiCall(session.server, 'communities.create', { name: '备份之后的社区', kind: 'community' }, 'zhihui');
    await backupRows().first().getByRole('button', { name: '恢复' }).click();
    await session.page.locator('.ant-popconfirm:visible').getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => session.page.getByRole('button', { name: '登录' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await signInUI(session.page, session.server, 'zhihui', E2E_PASSWORD);
    const found = await apiCall<{ total: number }>(session.server, 'communities.list', { q: '备份之后' }, 'lingdao');
    expect(found.total).toBe(0);
  });

  it('shows the audit log with the restore in it', async () => {
    await signInUI(session.page, session.server, 'admin');
    await session.page.goto(`${session.server.url}/#/settings`);
    await session.page.getByRole('tab', { name: '操作日志' }).click();
    // The log reads in Chinese: the restore shows as its contract summary (the code name is its tooltip).
    await expect.poll(() => session.page.locator('[role=tabpanel]:visible').innerText()).toContain(describeMethod('backup.restore'));
    expect(await session.page.locator('[role=tabpanel]:visible [title="backup.restore"]').count()).toBeGreaterThan(0);
  });
});
