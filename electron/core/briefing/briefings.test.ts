import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { BriefingData } from '../../../shared/api/briefing';
import { SECTION_KEYS, SECTIONS } from '../../../shared/domain/briefing-figures';
import { dataOf, errorOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';

/** The briefing as a record: frozen figures, edited paragraphs, versions, 期数, and its Word file. */

const clock = () => manualClock('2026-11-20T01:00:00Z');

async function activeCheckpoint(core: Awaited<ReturnType<typeof openSignedIn>>['core']) {
  return (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number }).id;
}

describe('briefings', () => {
  it('freezes its figures, says which changed since, and regenerating keeps edited paragraphs', async () => {
    const now = clock();
    const { core, call } = await openSignedIn({ demo: true, now });
    now.set('2026-11-19T04:00:00Z');
    const cp = await activeCheckpoint(core);
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'person', name: '李四', direction: 'in', temperature: 36.5 }));
    now.set('2026-11-20T01:00:00Z');
    const b = dataOf<BriefingData>(await call('briefings.generate', { day: '2026-11-19' }));
    expect(b).toMatchObject({ day: '2026-11-19', year: 2026, issueNo: 1, changes: [] });
    expect(b.figures.totals.regPeople).toBeGreaterThanOrEqual(1);
    expect(b.narrative.checkpoints).toContain(`设置防疫执勤卡点${b.figures.totals.checkpoints}个，24小时专人值守`);
    expect(b.narrative.checkpoints).toContain(`登记人员${b.figures.totals.regPeople.toLocaleString('zh-CN')}人次`);

    // A second generate for the same day is refused: the record is opened and regenerated instead.
    expect(errorOf(await call('briefings.generate', { day: '2026-11-19' })).message).toContain('第 1 期');

    const edited = dataOf<BriefingData>(await call('briefings.saveNarrative', { id: b.id, narrative: { next: '下步重点：加强夜间巡查。' } }));
    expect(edited.edited).toEqual(['next']);

    // A late entry for that day: the briefing keeps what was printed, and says what moved.
    now.set('2026-11-19T09:00:00Z');
    dataOf(await call('registrations.create', { checkpointId: cp, subject: 'person', name: '王五', direction: 'out', temperature: 36.4 }));
    now.set('2026-11-20T01:10:00Z');
    const again = dataOf<BriefingData>(await call('briefings.get', { id: b.id }));
    expect(again.figures.totals.regPeople).toBe(b.figures.totals.regPeople);
    expect(again.changes).toEqual([{ key: 'regPeople', label: '登记人员', then: b.figures.totals.regPeople, now: b.figures.totals.regPeople + 1 }]);

    const fresh = dataOf<BriefingData>(await call('briefings.regenerate', { id: b.id }));
    expect(fresh.figures.totals.regPeople).toBe(b.figures.totals.regPeople + 1);
    expect(fresh.changes).toEqual([]);
    expect(fresh.narrative.next).toBe('下步重点：加强夜间巡查。');
    expect(fresh.narrative.checkpoints).toContain(`登记人员${(b.figures.totals.regPeople + 1).toLocaleString('zh-CN')}人次`);
    expect(fresh.issueNo).toBe(1);

    const versions = dataOf<{ action: string; sections: string[] }[]>(await call('briefings.versions', { id: b.id }));
    expect(versions.map((v) => v.action)).toEqual(['regenerate', 'edit', 'generate']);
    expect(versions[1]!.sections).toEqual([SECTIONS.next]);
  });

  it('numbers issues per year in order of issue', async () => {
    const { call } = await openSignedIn({ demo: true, now: clock() });
    const no = async (day: string) => dataOf<BriefingData>(await call('briefings.generate', { day })).issueNo;
    expect(await no('2026-12-30')).toBe(1);
    expect(await no('2026-12-31')).toBe(2);
    expect(await no('2027-01-01')).toBe(1);
    expect(await no('2026-12-29')).toBe(3);
    const list = dataOf<{ day: string; issueNo: number }[]>(await call('briefings.list', { year: 2026 }));
    expect(list.map((r) => [r.day, r.issueNo])).toEqual([
      ['2026-12-31', 2],
      ['2026-12-30', 1],
      ['2026-12-29', 3],
    ]);
  });

  it('a viewer reads briefings but cannot generate or edit them; an admin sees none', async () => {
    const { core, call } = await openSignedIn({ demo: true, now: clock() });
    const b = dataOf<BriefingData>(await call('briefings.generate', { day: '2026-11-19' }));
    const viewer = await signInAs(core, 'viewer');
    expect(dataOf<BriefingData>(await viewer('briefings.get', { id: b.id })).id).toBe(b.id);
    expect(errorOf(await viewer('briefings.generate', { day: '2026-11-18' })).code).toBe('FORBIDDEN');
    expect(errorOf(await viewer('briefings.saveNarrative', { id: b.id, narrative: { next: 'x' } })).code).toBe('FORBIDDEN');
    const admin = await signInAs(core, 'admin');
    expect(errorOf(await admin('briefings.list', {})).code).toBe('FORBIDDEN');
  });

  it('the Word file opens and holds the title block, every section and the same figures', async () => {
    const { call } = await openSignedIn({ demo: true, now: clock() });
    const b = dataOf<BriefingData>(await call('briefings.generate', { day: '2026-11-19' }));
    dataOf(await call('briefings.saveNarrative', { id: b.id, narrative: { overall: '第一段。\n第二段，手工补充。' } }));
    // The map as the browser rasterised it (here a real 2×1 PNG stands in).
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwSBDAYAT/AH+TiqR7IAAAAASUVORK5CYII=';
    const file = dataOf<{ fileName: string; base64: string }>(await call('briefings.docx', { id: b.id, mapPng: png }));
    expect(file.fileName).toBe('平原示范街道办事处疫情防控工作简报-2026年第1期（2026-11-19）.docx');
    const zip = await JSZip.loadAsync(Buffer.from(file.base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    // Word splits nothing inside one run here, but strip the markup to read the text as a reader would.
    const text = xml
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, '');
    expect(text).toContain('平原示范街道办事处疫情防控工作简报');
    expect(text).toContain('2026年第1期');
    expect(text).toContain('2026年11月19日');
    SECTION_KEYS.forEach((k) => expect(text).toContain(SECTIONS[k]));
    expect(text).toContain('第二段，手工补充。');
    const t = b.figures.totals;
    expect(text).toContain(`卡点数\n${t.checkpoints.toLocaleString('zh-CN')} 个`);
    expect(text).toContain(`人口数\n${t.population.toLocaleString('zh-CN')} 人`);
    for (const c of b.figures.byCommunity) expect(text).toContain(c.name);
    expect(text).toContain('辖区小区管控等级示意图');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(Buffer.from(await zip.file(media[0]!)!.async('uint8array')).equals(Buffer.from(png, 'base64'))).toBe(true);
    const footer = Object.keys(zip.files).find((f) => /word\/footer\d*\.xml/.test(f))!;
    expect(await zip.file(footer)!.async('string')).toContain('PAGE');
  });

  it('an empty office gets a briefing of zeros that reads as plain sentences, and a Word file', async () => {
    const { call } = await openSignedIn({ now: clock() });
    const b = dataOf<BriefingData>(await call('briefings.generate', { day: '2026-11-19' }));
    expect(Object.values(b.figures.totals).every((v) => v === 0)).toBe(true);
    for (const k of SECTION_KEYS) {
      expect(b.narrative[k], k).not.toMatch(/NaN|undefined|null|Infinity/);
      expect(b.narrative[k].length, k).toBeGreaterThan(5);
    }
    expect(b.narrative.checkpoints).toContain('当日未排班');
    expect(b.narrative.problems).toContain('当日未开展督查');
    expect(dataOf<{ base64: string }>(await call('briefings.docx', { id: b.id })).base64.length).toBeGreaterThan(1000);
  });
});
