import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import type { BriefingData } from '../../../shared/api/briefing';
import { addDays, localDay } from '../../../shared/domain/days';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { type Call, openTestCore, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { THREAD_ROWS } from '../db/read-job-or';
import { runReadJob } from '../db/read-thread';
import { residentKey } from '../residents/residents';
import { briefingDocx } from './docx';
import { dayFigures } from './figures';
import { prefill } from './narrative';

/**
 * A briefing's figures are counted as a read job (figures-job.ts): on a thread of its own in
 * an office of thousands of residents, so the gates' registrations are answered meanwhile,
 * and the figures, paragraphs and Word file are those the core's own count gives.
 */
let t: TestCore;
let command: Call;
let desk: Call;
const yesterday = addDays(localDay(new Date()), -1);

beforeAll(async () => {
  t = await openTestCore();
  command = await signInAs(t.core, 'command');
  desk = await signInAs(t.core, 'community');
});
afterAll(() => t.cleanup());

/** The Word file's text and layout (document.xml): the zip's own timestamps aside, its content. */
async function wordXml(base64: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  return zip.file('word/document.xml')!.async('string');
}

describe('简报 figures as a read job', () => {
  it('counted on a thread of their own, they are the figures the core counts', async () => {
    const job = new URL('./figures-job.ts', import.meta.url);
    const there = await runReadJob(t.core.db, job, 'dayFiguresJob', { day: yesterday, map: true });
    expect(there).toEqual(dayFigures(t.core.db, yesterday));
  });

  it('in an office past the threshold, generating answers the gates meanwhile and prints what the core would', async () => {
    const compound = unwrap<{ rows: { id: number }[] }>(await command('compounds.list', { pageSize: 1 })).rows[0]!.id;
    const insert = t.core.db.prepare(
      "INSERT INTO residents (compound_id, name, id_number, birth_date, gender, phone, kind, search_key, created_at, updated_at) VALUES (?, ?, ?, '1985-03-15', 'F', NULL, 'resident', ?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
    );
    t.core.db.transaction(() => {
      for (let i = 0; i < THREAD_ROWS + 100; i++) {
        const id = makeId(`41140${Math.floor(i / 1000)}`, '19850315', i % 1000);
        insert.run(compound, `简报居民${i}`, id, residentKey(`简报居民${i}`, null, id));
      }
    })();
    const checkpoint = unwrap<{ rows: { id: number }[] }>(await desk('checkpoints.list', { pageSize: 1 })).rows[0]!.id;

    let done = false;
    const generating = command('briefings.generate', { day: yesterday }).finally(() => (done = true));
    const meanwhile: Envelope[] = [];
    while (!done) {
      const [info, reg] = await Promise.all([
        desk('office.get', {}),
        desk('registrations.create', { checkpointId: checkpoint, name: `过客${meanwhile.length}` }),
      ]);
      if (!done) meanwhile.push(info, reg);
      // A desk's pace: a tight loop would only load the test machine's two cores.
      await new Promise((r) => setTimeout(r, 20));
    }
    const b = unwrap<BriefingData>(await generating);
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.filter((e) => !e.ok)).toEqual([]);

    // Today's registrations do not move yesterday's figures: counted here now, they are what the thread counted.
    const here = dayFigures(t.core.db, yesterday);
    expect(b.figures).toEqual(here);
    expect(b.narrative).toEqual(prefill(here));
    const word = unwrap<{ base64: string }>(await command('briefings.docx', { id: b.id }));
    expect(await wordXml(word.base64)).toEqual(await wordXml((await briefingDocx({ ...b, figures: here, narrative: prefill(here) })).base64));
    expect(unwrap<BriefingData>(await command('briefings.get', { id: b.id })).changes).toEqual([]);
  });
});
