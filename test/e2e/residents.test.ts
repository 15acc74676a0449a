import { describe, expect, it } from 'vitest';
import { makeId } from '../fixtures/excel/make-fixtures-lib';
import { localDay } from '../../shared/domain/days';
import { apiCall, browserSession } from './harness';

/** 人员排查 as checkpoint staff and the command centre use it. */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

describe('checkpoint registration in Chromium', () => {
  it('registers a person from the keyboard alone, under 10 keystrokes per field; a fever shows on 总览 until acknowledged', async () => {
    await session.page.goto(`${session.server.url}/#/residents`);
    await expect.poll(() => session.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('姓名');
    const strokes: Record<string, number> = {};
    // Each field: its text and one Enter; the mouse is never used.
    const field = async (label: string, text: string) => {
      await expect.poll(() => session.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(label);
      await session.page.keyboard.type(text);
      await session.page.keyboard.press('Enter');
      strokes[label] = [...text].length + 1;
    };
    await field('姓名', '王秀兰');
    await field('身份证号', '');
    await field('手机号', '');
    await field('体温', '37.8');
    await field('出入证号', '');
    await field('事由', '');
    // The registration in the list; the 总览 alert below stays until the command centre acts on it.
    await expect.poll(() => session.page.locator('.ant-table-row', { hasText: '王秀兰' }).innerText()).toContain('37.8 ℃');
    expect(Math.max(...Object.values(strokes))).toBeLessThan(10);
    // Ready for the next person straight away.
    await expect.poll(() => session.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('姓名');

    await session.page.goto(`${session.server.url}/#/overview`);
    const alerts = session.page.getByTestId('alerts');
    await expect.poll(() => alerts.innerText()).toMatch(/来人体温 37\.8 ℃/);
    expect(await alerts.innerText()).not.toContain('王秀兰');
    await alerts.getByRole('button', { name: '处理' }).click();
    await session.page.getByLabel('采取的措施').fill('已复测 37.6 ℃，通知社区医生上门');
    await session.page.getByRole('button', { name: '确认已处理' }).click();
    await expect.poll(() => session.page.getByTestId('alerts').count()).toBe(0);
    const open = await apiCall<unknown[]>(session.server, 'alerts.open', {}, 'zhihui');
    expect(open).toEqual([]);
  });

  it('takes five people typed at scanner speed, each saved once; a fever warning stays through later entries until 已知晓', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/residents`);
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(active).toBe('姓名');
    const people = [
      { name: '周建国', id: makeId('411402', '19680304', 11), phone: '13837011111', temp: '36.4' },
      { name: '吴秀英', id: '', phone: '13837012222', temp: '36.6' },
      { name: '郑国强', id: makeId('410102', '19900716', 23), phone: '', temp: '37.8' },
      { name: '冯丽娟', id: '', phone: '', temp: '' },
      { name: '陈志明', id: makeId('411402', '20010109', 35), phone: '13837015555', temp: '36.5' },
    ];
    // A scanner or a fast typist: each field's text in one burst, Enter, and straight on — nobody waits for the page.
    for (const p of people) {
      for (const text of [p.name, p.id, p.phone, p.temp, '', '']) {
        if (text) await page.keyboard.type(text, { delay: 0 });
        await page.keyboard.press('Enter');
      }
    }
    const row = (name: string) => page.locator('.ant-table-row', { hasText: name });
    for (const p of people) await expect.poll(() => row(p.name).count()).toBe(1);
    await expect.poll(active).toBe('姓名');
    await expect.poll(() => page.getByTestId('gate-status').getAttribute('data-pending')).toBe('0');
    // On file exactly once each, with what was typed in its own field.
    type Reg = { name: string; phone: string | null; idNumber: string | null; temperature: number | null };
    const saved = (
      await apiCall<{ rows: Reg[] }>(server, 'registrations.list', { day: localDay(new Date()), pageSize: 200, reveal: { reason: '流调' } }, 'zhihui')
    ).rows;
    for (const p of people) {
      expect(saved.filter((r) => r.name === p.name)).toEqual([
        expect.objectContaining({ idNumber: p.id || null, phone: p.phone || null, temperature: p.temp ? Number(p.temp) : null }),
      ]);
    }
    // 郑国强's fever is still on screen after two more people were registered, until someone acknowledges it.
    const warning = page.getByTestId('fever-warning');
    const shownFor = async () =>
      (await page.getByTestId('fever-warnings').getAttribute('data-version')) === (await page.getByTestId('gate-status').getAttribute('data-version'));
    await expect.poll(shownFor).toBe(true);
    expect(await warning.count()).toBe(1);
    expect(await warning.innerText()).toContain('37.8 ℃');
    await warning.getByRole('button', { name: '已知晓' }).click();
    await expect.poll(() => warning.count()).toBe(0);
    expect(await active()).toBe('姓名');
    const open = await apiCall<{ message: string; seenBy: string | null; ackAt: string | null }[]>(server, 'alerts.open', {}, 'zhihui');
    expect(open).toEqual([expect.objectContaining({ seenBy: 'zhihui', ackAt: null })]);
    expect(open[0]!.message).toContain('37.8 ℃');
  });

  it('keeps the cursor in a wrong ID number or an incomplete entry and saves nothing', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/residents`);
    const active = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(active).toBe('姓名');
    const id = makeId('411402', '19750101', 44);
    await page.keyboard.type('褚红梅', { delay: 0 });
    await page.keyboard.press('Enter');
    await page.keyboard.type(`${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`, { delay: 0 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('身份证号校验位不正确，请核对').count()).toBe(1);
    expect(await active()).toBe('身份证号');
    // The selected wrong number is typed over; then Enter to the end saves.
    await page.keyboard.type(id, { delay: 0 });
    for (let i = 0; i < 5; i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '褚红梅' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('gate-status').getAttribute('data-pending')).toBe('0');
    const day = localDay(new Date());
    const list = () => apiCall<{ total: number; rows: { name: string | null }[] }>(server, 'registrations.list', { day, pageSize: 200 }, 'zhihui');
    const before = await list();
    expect(before.rows.filter((r) => r.name === '褚红梅')).toHaveLength(1);
    // Enter through an empty form does not save a nameless person.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('请填写姓名').count()).toBe(1);
    expect(await active()).toBe('姓名');
    expect(await page.getByTestId('gate-status').getAttribute('data-pending')).toBe('0');
    expect((await list()).total).toBe(before.total);
  });
});
