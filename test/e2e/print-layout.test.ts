import { describe, expect, it } from 'vitest';
import { briefingDoc } from '../../shared/domain/briefing-doc';
import { localDay } from '../../shared/domain/days';
import { pdfPages } from '../helpers/pdf-text';
import { apiCall, browserSession } from './harness';

/**
 * Paper and screen sizes an office really has: the roster week on a 1440 × 900 screen,
 * one checkpoint's week on one landscape A4 page, and a 简报 whose tables never leave their
 * header alone at the foot of a page, however long the text above them runs.
 */
const session = browserSession('zhihui', { viewport: { width: 1440, height: 900 } });

type Roster = { id: number; name: string };
type Grid = { total: number; dates: string[]; posts: { id: number; name: string; cells: { name: string }[][][] }[] };
type Briefing = { id: number; day: string; year: number; issueNo: number; figures: never; narrative: Record<string, string> };
/** As pdfPages reads a PDF: NFKC, no whitespace. */
const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

describe('roster and 简报 on screen and paper', () => {
  it('shows all 7 days of the roster week inside a 1440 × 900 window', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/volunteers`);
    const grid = page.getByTestId('roster-grid');
    await grid.locator('.ant-table-row').first().waitFor();
    const heads = grid.locator('thead th');
    await expect.poll(() => heads.count()).toBe(8); // 岗位 + 7 days
    const seventh = (await heads.nth(7).boundingBox())!;
    const box = (await grid.locator('.ant-table-content, .ant-table-body').first().boundingBox())!;
    expect(seventh.width).toBeGreaterThan(100);
    expect(seventh.x).toBeGreaterThanOrEqual(0);
    expect(seventh.x + seventh.width).toBeLessThanOrEqual(1440);
    // Within the table's own scroll box too: nothing of the 7th day hidden behind a scrollbar.
    expect(seventh.x + seventh.width).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(
      await grid
        .locator('.ant-table-content, .ant-table-body')
        .first()
        .evaluate((e) => e.scrollWidth - e.clientWidth),
    ).toBeLessThanOrEqual(1);
  });

  it('prints one checkpoint’s week on a single landscape page, with all 7 days', async () => {
    const { page, server } = session;
    const roster = (await apiCall<Roster[]>(server, 'rosters.list', {}, 'zhihui'))[0]!;
    const first = await apiCall<Grid>(server, 'rosters.grid', { id: roster.id, pageSize: 20 }, 'zhihui');
    // A post its name alone finds (the print takes the page's search).
    let post: Grid['posts'][number] | undefined;
    for (const p of first.posts) {
      if ((await apiCall<Grid>(server, 'rosters.grid', { id: roster.id, q: p.name, pageSize: 5 }, 'zhihui')).total === 1) {
        post = p;
        break;
      }
    }
    expect(post).toBeDefined();
    await page.goto(`${server.url}/#/print/roster/${roster.id}?q=${encodeURIComponent(post!.name)}`);
    await page.getByTestId('print-sheet').waitFor();
    await page.emulateMedia({ media: 'print' });
    const pages = await pdfPages(await page.pdf({ format: 'A4', landscape: true, preferCSSPageSize: true }));
    await page.emulateMedia({ media: 'screen' });
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain(flat(post!.name));
    for (const d of first.dates) expect(pages[0]).toContain(d.slice(5));
    const someone = post!.cells.flat(2).at(-1);
    if (someone) expect(pages[0]).toContain(flat(someone.name));
  });

  it('never leaves a 简报 table’s header alone at the foot of a page, whatever the length of the text above', async () => {
    const { page, server } = session;
    const day = localDay(new Date(Date.now() - 86_400_000));
    const b = await apiCall<Briefing>(server, 'briefings.generate', { day }, 'zhihui');
    const filler = '各社区按照街道统一部署，持续加强卡点值守和入户排查工作，做到不落一户、不漏一人。';
    let checked = 0;
    // The text above the tables grows line by line, moving every table down the pages.
    for (const extra of [0, 3, 6, 9, 12, 15]) {
      const saved = await apiCall<Briefing>(
        server,
        'briefings.saveNarrative',
        { id: b.id, narrative: { overall: [b.narrative.overall!, ...Array(extra).fill(filler)].join('\n') } },
        'zhihui',
      );
      await page.goto('about:blank');
      await page.goto(`${server.url}/#/print/briefing/${b.id}`);
      await page.getByTestId('briefing-map').waitFor();
      const pages = await pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
      const doc = briefingDoc({ ...(await apiCall<Briefing>(server, 'briefings.get', { id: b.id }, 'zhihui')), narrative: saved.narrative as never });
      for (const t of doc.sections.flatMap((s) => s.tables).filter((t) => t.rows.length > 0)) {
        const head = flat(t.caption + t.head.join(''));
        const at = pages.findIndex((p) => p.includes(head));
        expect(at, `${t.caption} printed`).toBeGreaterThanOrEqual(0);
        // The header's page carries the first row right under it.
        expect(pages[at], `${t.caption} with ${extra} more lines above`).toContain(head + flat(t.rows[0]!.join('')));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });
});
