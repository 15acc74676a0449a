import ExcelJS from 'exceljs';
import fs from 'node:fs';
import JSZip from 'jszip';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../helpers/pdf-text';
import { renderPdfPage } from '../helpers/pdf-render';
import { apiCall, browserSession } from './harness';

/**
 * 总览 and 每日简报 in Chromium on the full demo office: the dashboard follows writes made
 * elsewhere, a briefing is generated, edited, printed (its PDF read back and page 1
 * rendered into docs/), exported to Word, and three units' workbooks are rolled up.
 */
const session = browserSession('zhihui', { serverArgs: ['--full-demo'] });
const n = (v: number) => v.toLocaleString('zh-CN');

type Briefing = { id: number; issueNo: number; year: number; day: string; figures: { officeName: string; totals: Record<string, number> } };
const tileValue = async (id: string) => Number((await session.page.getByTestId(`live-${id}`).locator('.figure-value').innerText()).replace(/,/g, ''));

describe('总览 and 每日简报 in Chromium', () => {
  it('总览 shows today against yesterday and follows a registration made on another PC without a reload', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/overview`);
    await page.getByTestId('live-figures').waitFor();
    for (const id of ['shift', 'regPeople', 'regVehicles', 'regAbnormal', 'keyUnder', 'followups', 'screening', 'supplies', 'alertsOpen'])
      await page.getByTestId(`live-${id}`).waitFor();
    await page.getByTestId('chart-registrations').locator('.recharts-line').first().waitFor();
    await page.getByTestId('chart-coverage').locator('.recharts-bar-rectangle').first().waitFor();
    await page.getByTestId('chart-stock').locator('.recharts-bar-rectangle').first().waitFor();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(__dirname, '../../docs/screenshot-overview.png') });
    const before = await tileValue('regPeople');
    const abnormal = await tileValue('regAbnormal');

    // Another PC on the LAN registers a person with a fever, through the HTTP API.
    const cps = await apiCall<{ rows: { id: number }[] }>(server, 'checkpoints.list', { pageSize: 1, status: 'active' }, 'zhihui');
    await apiCall(
      server,
      'registrations.create',
      { checkpointId: cps.rows[0]!.id, subject: 'person', name: '刘洋', direction: 'in', temperature: 38.4 },
      'zhihui',
    );
    await expect.poll(() => tileValue('regPeople')).toBe(before + 1);
    expect(await tileValue('regAbnormal')).toBe(abnormal + 1);
    await expect.poll(() => page.getByTestId('alerts').innerText()).toContain('38.4');

    // Every figure opens the list behind it.
    await page.getByTestId('live-followups').click();
    await expect.poll(() => page.url()).toContain('#/residents?tab=followups');
    await expect.poll(() => page.getByRole('tab', { name: '今日随访', selected: true }).isVisible()).toBe(true);
    // A link to another tab of the page already open opens that tab too.
    await page.evaluate(() => (location.hash = '#/residents?tab=daily'));
    await expect.poll(() => page.getByRole('tab', { name: '卡点通行统计', selected: true }).isVisible()).toBe(true);
  });

  it('generates yesterday’s briefing, edits a paragraph and prints it with its figures and page numbers', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/briefing`);
    await page.getByTestId('briefing-generate').click();
    await page.getByTestId('briefing-editor').waitFor();
    await expect.poll(() => page.getByTestId('section-checkpoints').locator('textarea').inputValue()).toContain('24小时专人值守');
    const next = page.getByTestId('section-next').locator('textarea');
    await next.fill('一是加强夜间卡点巡查；二是做好返乡人员排查。');
    await page.getByTestId('briefing-save').click();
    // Saved: nothing left to save on the page, and the paragraph stored.
    await expect.poll(() => page.getByTestId('briefing-save').isDisabled()).toBe(true);
    const list = await apiCall<{ id: number }[]>(server, 'briefings.list', {}, 'zhihui');
    expect((await apiCall<{ narrative: Record<string, string> }>(server, 'briefings.get', { id: list[0]!.id }, 'zhihui')).narrative.next).toContain(
      '一是加强夜间卡点巡查',
    );
    const b = await apiCall<Briefing>(server, 'briefings.get', { id: list[0]!.id }, 'zhihui');

    await page.getByTestId('briefing-print').click();
    await page.getByTestId('briefing-map').waitFor();
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = await pdfPages(pdf);
    const text = pages.join('');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`${b.figures.officeName}疫情防控工作简报`);
    expect(text).toContain(`${b.year}年第${b.issueNo}期`);
    for (const title of ['一、总体情况', '二、卡点值守', '三、人员排查与重点人员', '四、物资保障', '五、志愿服务', '六、问题与整改', '七、下步工作'])
      expect(text).toContain(title);
    const t = b.figures.totals;
    expect(text).toContain(`设置防疫执勤卡点${t.checkpoints}个`);
    expect(text).toContain(`登记人员${n(t.regPeople!)}人次`);
    expect(text).toContain(`在管重点人员${n(t.keyUnder!)}人`);
    expect(text).toContain(`人口数${n(t.population!)}人`);
    expect(text).toContain('一是加强夜间卡点巡查');
    pages.forEach((p, i) => expect(p, `page ${i + 1}`).toContain(`—${i + 1}—`));

    // Page 1 as a reader's PDF viewer draws it, kept in docs/ for the README.
    const png = await renderPdfPage(session.browser, pdf, 1);
    expect(png.length).toBeGreaterThan(50_000);
    fs.writeFileSync(path.join(__dirname, '../../docs/briefing-page1.png'), png);
  });

  it('exports the briefing as a Word file that opens with the same figures', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/#/briefing`);
    await page.getByTestId('briefing-editor').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Word' }).click()]);
    expect(download.suggestedFilename()).toMatch(/疫情防控工作简报-\d{4}年第1期（\d{4}-\d{2}-\d{2}）\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const list = await apiCall<{ id: number }[]>(server, 'briefings.list', {}, 'zhihui');
    const b = await apiCall<Briefing>(server, 'briefings.get', { id: list[0]!.id }, 'zhihui');
    expect(xml).toContain('一是加强夜间卡点巡查');
    // The office map, drawn in the browser and embedded as a picture.
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect((await zip.file(media[0]!)!.async('uint8array')).length).toBeGreaterThan(5_000);
    expect(xml).toContain(`${n(b.figures.totals.regPeople!)} 人次`);
  });

  it('rolls up three units’ report workbooks chosen together, and refuses a second copy', async () => {
    const { page, server } = session;
    const list = await apiCall<{ id: number; day: string }[]>(server, 'briefings.list', {}, 'zhihui');
    const file = await apiCall<{ base64: string }>(server, 'briefings.workbook', { id: list[0]!.id }, 'zhihui');
    const b = await apiCall<Briefing>(server, 'briefings.get', { id: list[0]!.id }, 'zhihui');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-rollup-'));
    const units = ['建设路社区', '文化路社区', '平原村'];
    const files: string[] = [];
    for (const unit of units) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
      wb.worksheets[0]!.getRow(2).getCell(1).value = unit;
      const f = path.join(dir, `${unit}.xlsx`);
      await wb.xlsx.writeFile(f);
      files.push(f);
    }
    await page.goto(`${server.url}/#/briefing`);
    await page.getByRole('tab', { name: '汇总下级报表' }).click();
    await page.getByTestId('rollup').waitFor();
    await page.getByLabel('汇总日期').fill(list[0]!.day);
    await page.getByLabel('汇总日期').press('Enter');
    await page.getByTestId('rollup').locator('input[type=file]').setInputFiles(files);
    const total = page.locator('.total-row');
    await total.waitFor();
    for (const u of units) await page.locator('.ant-table-row', { hasText: u }).waitFor();
    expect(await total.innerText()).toContain(n(3 * b.figures.totals.regPeople!));

    await page.getByTestId('rollup').locator('input[type=file]').setInputFiles([files[0]!]);
    await expect.poll(() => page.getByTestId('rollup-error').innerText()).toContain('建设路社区');
    expect(await page.getByTestId('rollup-error').innerText()).toContain('已经导入过');
  });
});
