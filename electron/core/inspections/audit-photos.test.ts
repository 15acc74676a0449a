import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { dataOf, manualClock, openSignedIn } from '../../../test/helpers/temp-core';

/** A photo of a few hundred kilobytes goes into the database once, never into the audit log that is kept for years. */

function noisyPhoto(): string {
  const png = new PNG({ width: 120, height: 90 });
  for (let i = 0; i < png.data.length; i++) png.data[i] = i % 4 === 3 ? 255 : (i * 7919) % 251;
  return PNG.sync.write(png).toString('base64');
}

describe('the audit log and photos', () => {
  it('records an inspection with a photo without storing the photo in the audit row', async () => {
    const { core, call } = await openSignedIn({ demo: true, now: manualClock('2026-11-20T01:00:00Z') });
    const photo = noisyPhoto();
    expect(photo.length).toBeGreaterThan(5000);
    const checkpoint = core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' LIMIT 1").get() as { id: number };
    const members = (core.db.prepare('SELECT id FROM people LIMIT 2').all() as { id: number }[]).map((r) => r.id);
    dataOf(
      await call('inspections.create', {
        day: '2026-11-20',
        slot: 'am',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'register', photos: [photo] }] }],
      }),
    );
    const row = core.db.prepare("SELECT detail FROM audit_log WHERE method = 'inspections.create' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(row.detail).not.toContain(photo.slice(0, 200));
    expect(row.detail).toContain(`（文件内容 ${photo.length} 字符，未记录）`);
    expect(row.detail.length).toBeLessThan(2000);
  });
});
