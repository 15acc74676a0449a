import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdf-text';
import { apiCall, browserSession, signInUI } from './harness';

/**
 * 督查 as it happens: an inspector on a phone (on the office Wi-Fi) records a checkpoint
 * with one failed item and a photo; the command centre sees the problem on a desk-sized
 * page and reports it fixed; another user re-checks it and it is 已销号.
 */
const phone = browserSession('zhihui', { viewport: { width: 390, height: 844 } });

async function bigPhoto(page: Page): Promise<string> {
  // A 3,000 × 2,000 picture, as a phone camera makes them, drawn in the browser.
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 3000;
    c.height = 2000;
    const g = c.getContext('2d')!;
    g.fillStyle = '#4a7';
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#c33';
    g.fillRect(600, 400, 1200, 800);
    return c.toDataURL('image/png');
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-photo-')), 'IMG_0001.png');
  fs.writeFileSync(file, Buffer.from(dataUrl.split(',')[1]!, 'base64'));
  return file;
}

describe('督查整改 in Chromium', () => {
  it('phone → problem → fixed at the desk → re-checked by another user → 已销号', async () => {
    const { page, server, browser } = phone;
    const target = (await apiCall<{ id: number; name: string }[]>(server, 'inspections.targets', { targetKind: 'checkpoint' }, 'shequ'))[0]!;

    // On the phone: the entry form is the page, with large buttons.
    await page.goto(`${server.url}/#/inspections?tab=records&new=1`);
    await page.getByTestId('inspection-entry').waitFor();
    await page.getByLabel('督查人员').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    await page.getByLabel('检查点位').click();
    await page.keyboard.type(target.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target.name }).first().click();
    const fail = page.getByTestId('check-register');
    await fail.click();
    await expect.poll(() => fail.innerText()).toContain('不合格');
    expect((await fail.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await page.getByLabel('登记问题描述').fill('外来车辆未登记即放行');
    await page.getByTestId('photo-register').setInputFiles(await bigPhoto(page));
    await page.locator('.photo-thumb img').waitFor();
    const submit = page.getByTestId('inspection-submit');
    await page.screenshot({ path: path.join(__dirname, '../../docs/screenshot-inspect-phone.png'), fullPage: true });
    expect((await submit.boundingBox())!.width).toBeGreaterThan(300);
    await submit.click();
    // What is saved (the problem with its photo), not the passing toast.
    const problemWithPhoto = async () =>
      (
        await apiCall<{ rows: { id: number; photos: number[]; status: string }[] }>(
          server,
          'problems.list',
          { targetKind: 'checkpoint', targetId: target.id, q: '登记' },
          'zhihui',
        )
      ).rows.find((r) => r.photos.length === 1);
    await expect.poll(problemWithPhoto).toBeDefined();
    const problem = (await problemWithPhoto())!;
    // Nothing sticks out sideways on the narrow screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const stored = await apiCall<{ width: number; height: number }>(server, 'photos.get', { id: problem.photos[0] }, 'zhihui');
    expect(stored).toMatchObject({ width: 1600, height: 1067 });

    // At the desk: the problem is in 问题清单, with its photo; it is reported fixed.
    const desk = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInUI(desk, server, 'zhihui');
    const openProblem = async (p: Page) => {
      await p.goto(`${server.url}/#/inspections`);
      await p.getByPlaceholder('点位、问题或责任人').fill(target.name);
      await p.getByPlaceholder('点位、问题或责任人').press('Enter');
      await p.locator('.ant-table-row', { hasText: '外来车辆未登记即放行' }).click();
      await p.getByTestId('problem-drawer').waitFor();
    };
    await openProblem(desk);
    expect(await desk.locator('.ant-table-row', { hasText: '外来车辆未登记即放行' }).innerText()).toMatch(/待整改|逾期/);
    await desk.getByTestId('stored-photo').first().waitFor();
    await desk.getByLabel('整改情况').fill('已安排专人查验登记');
    await desk.getByTestId('problem-act').click();
    await expect.poll(() => desk.getByTestId('problem-drawer').innerText()).toContain('已整改待复查');

    // Another user (the community's worker) re-checks it: 已销号.
    const other = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInUI(other, server, 'shequ');
    await openProblem(other);
    await other.getByLabel('复查意见').fill('复查合格');
    await other.getByTestId('problem-act').click();
    await expect.poll(() => other.getByTestId('problem-drawer').innerText()).toContain('已销号');
    const after = await apiCall<{ status: string; history: { action: string; username: string }[] }>(server, 'problems.get', { id: problem.id }, 'zhihui');
    expect(after.status).toBe('closed');
    expect(after.history.map((h) => [h.action, h.username])).toEqual([
      ['create', 'zhihui'],
      ['fix', 'zhihui'],
      ['recheckPass', 'shequ'],
    ]);
  });

  it('prints a 整改通知书 for an overdue place and a 督查通报 for the last two weeks', async () => {
    const { browser, server } = phone;
    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInUI(desk, server, 'zhihui');
    const p = (
      await apiCall<{ rows: { targetKind: string; targetId: number; targetName: string; item: string }[] }>(
        server,
        'problems.list',
        { status: 'overdue', pageSize: 1 },
        'zhihui',
      )
    ).rows[0]!;
    await desk.goto(`${server.url}/#/print/notice/${p.targetKind}-${p.targetId}`);
    await desk.getByTestId('print-sheet').waitFor();
    const notice = (await pdfPages(await desk.pdf({ format: 'A4', preferCSSPageSize: true }))).join('');
    expect(notice).toContain('疫情防控督查整改通知书');
    expect(notice).toContain(p.targetName);
    expect(notice).toContain('已逾期');
    expect(notice).toContain('责任人签收');

    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const [from, to] = [day(-13), day(0)];
    const report = await apiCall<{ problems: number; inspections: number; overdue: { targetName: string }[] }>(
      server,
      'inspections.report',
      { from, to },
      'zhihui',
    );
    await desk.goto(`${server.url}/#/print/report/0?from=${from}&to=${to}`);
    await desk.getByTestId('print-sheet').waitFor();
    const text = (await pdfPages(await desk.pdf({ format: 'A4', preferCSSPageSize: true }))).join('');
    expect(text).toContain('疫情防控督查通报');
    expect(text).toContain(`共开展督查${report.inspections}次`);
    expect(text).toContain(`发现问题${report.problems}条`);
    expect(report.overdue.length).toBeGreaterThan(0);
    expect(text).toContain(report.overdue[0]!.targetName);
  });
});
