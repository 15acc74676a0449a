import { describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdf-text';
import { apiCall, browserSession } from './harness';

/** 志愿者与排班 as the organiser (志愿者调度) uses it. */
const session = browserSession('diaodu');

type Roster = { id: number; name: string; needed: number; filled: number };

describe('rosters in Chromium', () => {
  it('generates next week’s roster for the demo office: full coverage, or every gap explained', async () => {
    const rosterList = () => apiCall<Roster[]>(session.server, 'rosters.list', {}, 'diaodu');
    const before = (await rosterList()).length;
    await session.page.goto(`${session.server.url}/#/volunteers`);
    await session.page.getByRole('button', { name: '新建排班表' }).click();
    await session.page.getByRole('dialog').getByRole('button', { name: '新建' }).click();
    // What is saved, not the passing toast: the new roster, then its filled shifts.
    await expect.poll(async () => (await rosterList()).length).toBe(before + 1);
    await session.page.getByRole('button', { name: '自动排班' }).click();
    const nextWeek = async () => (await rosterList()).find((r) => r.name.endsWith('起一周排班'))!;
    await expect.poll(async () => (await nextWeek()).filled, { timeout: 20_000 }).toBeGreaterThan(0);
    const next = await nextWeek();
    expect(next.needed).toBeGreaterThan(4000);
    await expect.poll(() => session.page.getByTestId('roster-coverage').innerText()).toContain(`${next.filled}/${next.needed} 人次`);
    await session.page.getByRole('tab', { name: /缺岗情况/ }).click();
    if (next.filled === next.needed) {
      // The tab may still show its spinner (the coverage loads after the fill): wait for the verdict.
      await session.page.getByText(`全部 ${next.needed} 人次已排满`).waitFor();
    } else {
      const why = await session.page.getByTestId('gaps').locator('.ant-table-row').first().innerText();
      expect(why).toMatch(/共 \d+ 人，都排不进：|还有 \d+ 人可以安排/);
    }
    await session.page.getByRole('tab', { name: '排班表', exact: true }).click();
  });

  it('dragging a person into the next shift shows the rest conflict, on the spot and in the grid', async () => {
    const grid = session.page.getByTestId('roster-grid');
    await grid.waitFor();
    // First post on the page that has three shifts: someone from 00–08 dragged into 08–16 of the same day.
    const rows = await apiCall<{ posts: { id: number; shifts: string[]; cells: { name: string }[][][] }[] }>(
      session.server,
      'rosters.grid',
      { id: (await apiCall<Roster[]>(session.server, 'rosters.list', {}, 'diaodu')).find((r) => r.name.endsWith('起一周排班'))!.id },
      'diaodu',
    );
    const post = rows.posts.find((p) => p.shifts.length === 3 && p.cells[0]![0]!.length > 0)!;
    const who = post.cells[0]![0]![0]!.name;
    const from = session.page.getByTestId(`cell-${post.id}-0-0`).locator('.roster-person', { hasText: who }).first();
    await from.dragTo(session.page.getByTestId(`cell-${post.id}-0-1`));
    const moved = session.page.getByTestId(`cell-${post.id}-0-1`).locator('.roster-person', { hasText: who }).first();
    await expect.poll(async () => (await moved.getAttribute('class')) ?? '').toContain('ant-tag-red');
    await moved.hover();
    await expect.poll(() => session.page.locator('.ant-tooltip:visible').innerText()).toMatch(/两班之间休息不足/);
  });

  it('prints the roster to PDF with the posts and the people’s Chinese names', async () => {
    const roster = (await apiCall<Roster[]>(session.server, 'rosters.list', {}, 'diaodu')).find((r) => r.name.endsWith('起一周排班'))!;
    const grid = await apiCall<{ posts: { name: string; cells: { name: string }[][][] }[] }>(
      session.server,
      'rosters.grid',
      { id: roster.id, pageSize: 5 },
      'diaodu',
    );
    await session.page.getByRole('link', { name: '打印排班表' }).click();
    await session.page.getByTestId('print-sheet').waitFor({ timeout: 20_000 });
    const pages = await pdfPages(await session.page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true }));
    const text = pages.join('');
    expect(text).toContain('值守排班表');
    for (const p of grid.posts) {
      expect(text).toContain(p.name);
      const someone = p.cells.flat(2)[0];
      if (someone) expect(text).toContain(someone.name);
    }
    expect(pages.length).toBeGreaterThanOrEqual(100); // one page per post
  });
});
