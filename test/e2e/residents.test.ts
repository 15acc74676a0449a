import { describe, expect, it } from 'vitest';
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
    await field('手机号', '');
    await field('体温', '37.8');
    await field('出入证号', '');
    await field('事由', '');
    // The registration in the list (the warning toast passes; the 总览 alert below stays).
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
});
