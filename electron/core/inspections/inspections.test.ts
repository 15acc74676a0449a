import { describe, expect, it } from 'vitest';
import type { ProblemData } from '../../../shared/api/inspections';
import { dataOf, errorOf, manualClock, openSignedIn, signInAs } from '../../../test/helpers/temp-core';

/** 督查整改 through the API: inspection → problem → fix → re-check by someone else, on a fixed clock. */

/** A real 2×1 PNG (signature, IHDR, IDAT, IEND), as a phone's downscaled photo would be in miniature. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwSBDAYAT/AH+TiqR7IAAAAASUVORK5CYII=';

async function setup(clockAt = '2026-11-20T01:00:00Z') {
  const now = manualClock(clockAt);
  const { core, call } = await openSignedIn({ demo: true, now });
  const one = <T>(sql: string) => core.db.prepare(sql).get() as T;
  const checkpoint = one<{ id: number; name: string }>("SELECT id, name FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1");
  const members = (core.db.prepare('SELECT id FROM people ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  return { core, call, now, checkpoint, members };
}

describe('inspections and problems', () => {
  it('a failed item becomes a problem: 待整改, 逾期 after its deadline day, fixed, refused a re-check by the fixer or the responsible person, closed by another', async () => {
    const { core, now, checkpoint, members, call: first } = await setup();
    let call = first;
    const ins = dataOf<{ id: number; problems: number; targets: { failed: string[] }[] }>(
      await call('inspections.create', {
        day: '2026-11-20',
        slot: 'am',
        kind: 'covert',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'register', description: '夜间未登记外来车辆', photos: [PNG] }] }],
      }),
    );
    expect(ins.problems).toBe(1);
    expect(ins.targets[0]!.failed).toEqual(['登记']);
    const list = dataOf<{ rows: ProblemData[] }>(await call('problems.list', { targetId: checkpoint.id, targetKind: 'checkpoint' })).rows;
    const p = list.find((r) => r.inspectionId === ins.id)!;
    // 值守登记 lapses are to be fixed the same day.
    expect(p).toMatchObject({
      targetName: checkpoint.name,
      category: 'duty',
      item: '登记',
      status: 'open',
      deadline: '2026-11-20',
      responsibleKind: 'checkpointLead',
    });
    expect(p.photos).toHaveLength(1);
    expect(dataOf<{ mime: string; width: number }>(await call('photos.get', { id: p.photos[0] }))).toMatchObject({ mime: 'image/png', width: 2 });

    // Across midnight (Beijing), the unfixed problem is 逾期 — and listed as such. (A new sign-in: the clock jumps past the idle timeout.)
    now.set('2026-11-20T15:59:00Z');
    call = await signInAs(core, 'command');
    expect(dataOf<ProblemData>(await call('problems.get', { id: p.id })).status).toBe('open');
    now.set('2026-11-20T16:01:00Z');
    expect(dataOf<ProblemData>(await call('problems.get', { id: p.id })).status).toBe('overdue');
    const overdue = dataOf<{ rows: ProblemData[] }>(await call('problems.list', { status: 'overdue', pageSize: 500 })).rows;
    expect(overdue.map((r) => r.id)).toContain(p.id);

    // The community worker answers for it, reports it fixed, and may not close it.
    dataOf(
      await call('problems.reassign', {
        ids: [p.id],
        responsibleKind: 'community',
        responsibleName: '建设路社区',
        responsibleUser: 'shequ',
        reason: '卡点由社区管理',
      }),
    );
    const shequ = await signInAs(core, 'community');
    core.db
      .prepare(
        "INSERT OR IGNORE INTO user_communities (user_id, community_id) SELECT u.id, k.community_id FROM users u, checkpoints k WHERE u.username = 'shequ' AND k.id = ?",
      )
      .run(checkpoint.id);
    const fixed = dataOf<ProblemData>(await shequ('problems.fix', { id: p.id, note: '已安排专人登记', photos: [PNG] }));
    expect(fixed).toMatchObject({ status: 'fixed', fixedBy: 'shequ' });
    const refused = errorOf(await shequ('problems.recheck', { id: p.id, passed: true, note: '已整改' }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('复查须由整改责任人和整改报告人以外的人进行');

    // Sent back once, fixed again, then closed by the inspector.
    dataOf(await call('problems.recheck', { id: p.id, passed: false, note: '夜间仍无人登记' }));
    expect(dataOf<ProblemData>(await call('problems.get', { id: p.id })).status).toBe('overdue');
    dataOf(await shequ('problems.fix', { id: p.id, note: '增派夜班' }));
    const closed = dataOf<ProblemData>(await call('problems.recheck', { id: p.id, passed: true, note: '复查合格' }));
    expect(closed.status).toBe('closed');
    expect(errorOf(await call('problems.fix', { id: p.id, note: '再次整改' })).message).toContain('已销号');

    // A worker scoped to another community sees neither the problem nor its photo.
    const otherCommunity = core.db
      .prepare('SELECT id FROM communities WHERE id <> (SELECT community_id FROM checkpoints WHERE id = ?) ORDER BY id LIMIT 1')
      .get(checkpoint.id) as { id: number };
    core.db.prepare("DELETE FROM user_communities WHERE user_id = (SELECT id FROM users WHERE username = 'shequ')").run();
    core.db.prepare("INSERT INTO user_communities (user_id, community_id) SELECT id, ? FROM users WHERE username = 'shequ'").run(otherCommunity.id);
    expect(errorOf(await shequ('photos.get', { id: p.photos[0] })).code).toBe('NOT_FOUND');
    expect(errorOf(await shequ('problems.get', { id: p.id })).code).toBe('FORBIDDEN');

    const history = dataOf<{ history: { action: string; username: string; photos: number[] }[] }>(await call('problems.get', { id: p.id })).history;
    expect(history.map((h) => h.action)).toEqual(['create', 'reassign', 'fix', 'recheckFail', 'fix', 'recheckPass']);
    expect(history[2]!.photos).toHaveLength(1);
    expect(() => core.db.prepare("UPDATE problem_events SET note = 'x'").run()).toThrow(/处理记录不能修改/);
  });

  it('extends deadlines in bulk with a reason, never into the past', async () => {
    const { call, checkpoint, members } = await setup();
    dataOf(
      await call('inspections.create', {
        day: '2026-11-18',
        slot: 'pm',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'staffed' }, { itemKey: 'barrier' }] }],
      }),
    );
    const rows = dataOf<{ rows: ProblemData[] }>(await call('problems.list', { status: 'overdue', targetId: checkpoint.id, targetKind: 'checkpoint' })).rows;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const ids = rows.map((r) => r.id);
    expect(errorOf(await call('problems.extend', { ids, deadline: '2026-11-19', reason: '等待物资' })).message).toContain('不能早于今天');
    expect(dataOf<{ changed: number }>(await call('problems.extend', { ids, deadline: '2026-11-25', reason: '等待道闸到货' })).changed).toBe(ids.length);
    for (const id of ids) expect(dataOf<ProblemData>(await call('problems.get', { id }))).toMatchObject({ status: 'open', deadline: '2026-11-25' });
  });

  it('a checklist edit makes a new version; past inspections keep the version and labels they used', async () => {
    const { call, checkpoint, members } = await setup();
    const before = dataOf<{ id: number; targets: { failed: string[]; templateVersion: number }[] }>(
      await call('inspections.create', {
        day: '2026-11-20',
        slot: 'am',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'temperature' }] }],
      }),
    );
    const v1 = dataOf<{ targetKind: string; version: number; items: { key: string; label: string; category: string }[] }[]>(
      await call('checklists.current', {}),
    ).find((c) => c.targetKind === 'checkpoint')!;
    const items = v1.items.filter((i) => i.key !== 'temperature').concat({ key: 'ventilate', label: '岗亭通风', category: 'hygiene' });
    expect(dataOf<{ version: number }>(await call('checklists.save', { targetKind: 'checkpoint', items })).version).toBe(v1.version + 1);
    // The removed item can no longer be failed, and the old inspection still reads as it was.
    expect(
      errorOf(
        await call('inspections.create', {
          day: '2026-11-20',
          slot: 'pm',
          memberIds: members,
          targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'temperature' }] }],
        }),
      ).message,
    ).toContain('没有“temperature”');
    const list = dataOf<{ rows: { id: number; targets: { failed: string[]; templateVersion: number }[] }[] }>(
      await call('inspections.list', { from: '2026-11-20', to: '2026-11-20' }),
    ).rows;
    expect(list.find((r) => r.id === before.id)!.targets[0]).toMatchObject({ failed: ['测温'], templateVersion: v1.version });
    const after = dataOf<{ targets: { failed: string[]; templateVersion: number }[] }>(
      await call('inspections.create', {
        day: '2026-11-20',
        slot: 'pm',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'ventilate' }] }],
      }),
    );
    expect(after.targets[0]).toMatchObject({ failed: ['岗亭通风'], templateVersion: v1.version + 1 });
  });

  it('refuses a photo that is not an image or is too large, naming why, and saves nothing', async () => {
    const { core, call, checkpoint, members } = await setup();
    const count = () => (core.db.prepare('SELECT count(*) AS n FROM problems').get() as { n: number }).n;
    const before = count();
    const attempt = (photo: string) =>
      call('inspections.create', {
        day: '2026-11-20',
        slot: 'am',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'staffed', photos: [photo] }] }],
      });
    expect(errorOf(await attempt(Buffer.from('%PDF-1.4 not a photo').toString('base64'))).message).toContain('照片不是可识别的图片');
    expect(errorOf(await attempt(Buffer.alloc(1_600_000, 1).toString('base64'))).message).toContain('照片过大');
    // A PNG header claiming 4000×3000 pixels: not downscaled.
    const big = Buffer.from(PNG, 'base64');
    big.writeUInt32BE(4000, 16);
    big.writeUInt32BE(3000, 20);
    expect(errorOf(await attempt(big.toString('base64'))).message).toContain('4000×3000');
    expect(count()).toBe(before);
  });

  it('disinfection: due twice a day per area, records draw from stock, coverage names the areas behind', async () => {
    const { core, call } = await setup('2026-11-20T06:00:00Z');
    const compound = core.db.prepare("SELECT id, name FROM compounds WHERE management_type = 'self' ORDER BY id LIMIT 1").get() as { id: number; name: string };
    const areas = dataOf<{ id: number; area: string; perDay: number }[]>(
      await call('disinfection.setAreas', {
        ownerKind: 'compound',
        ownerId: compound.id,
        areas: [
          { area: 'corridor', perDay: 2 },
          { area: 'toilet', perDay: 2 },
        ],
      }),
    );
    expect(areas.map((a) => [a.area, a.perDay])).toEqual([
      ['corridor', 2],
      ['toilet', 2],
    ]);
    const item = core.db.prepare("SELECT id FROM supply_items WHERE name = '84消毒液'").get() as { id: number };
    const store = core.db.prepare('SELECT min(id) AS id FROM warehouses').get() as { id: number };
    const stock = () => (core.db.prepare('SELECT sum(qty) AS n FROM stock_moves WHERE item_id = ?').get(item.id) as { n: number }).n;
    const before = stock();
    const corridor = areas.find((a) => a.area === 'corridor')!;
    for (let i = 0; i < 3; i++)
      dataOf(await call('disinfection.record', { areaId: corridor.id, by: '张保洁', agent: 'chlorine', amount: 1, itemId: item.id, warehouseId: store.id }));
    expect(stock()).toBe(before - 3);
    expect(
      errorOf(
        await call('disinfection.record', { areaId: corridor.id, by: '张保洁', agent: 'chlorine', amount: 1_000, itemId: item.id, warehouseId: store.id }),
      ).message,
    ).toMatch(/库存|不足/);
    const cov = dataOf<{ rows: { ownerKind: string; ownerId: number; name: string; due: number; done: number; behind: string[] }[] }>(
      await call('disinfection.coverage', { day: '2026-11-20', behindOnly: true }),
    );
    // Three rounds in the corridor count as its two; the toilets were not done.
    expect(cov.rows.find((r) => r.ownerKind === 'compound' && r.ownerId === compound.id)).toMatchObject({
      name: compound.name,
      due: 4,
      done: 2,
      behind: ['公共卫生间 0/2'],
    });
  });

  it('a household put under home observation gets a daily "disinfect around" duty that ends with the measure', async () => {
    const { core, call } = await setup();
    const compound = core.db.prepare('SELECT id FROM compounds ORDER BY id LIMIT 1').get() as { id: number };
    const kp = dataOf<{ id: number }>(
      await call('keyPersons.create', { name: '周敏', category: 'arrival', measure: 'homeObservation', startDate: '2026-11-20', compoundId: compound.id }),
    );
    const areas = dataOf<{ area: string; perDay: number; activeUntil: string }[]>(await call('disinfection.areas', { ownerKind: 'keyPerson', ownerId: kp.id }));
    expect(areas).toEqual([expect.objectContaining({ area: 'around', perDay: 1, activeUntil: '2026-12-04' })]);
    dataOf(await call('keyPersons.setStatus', { id: kp.id, status: 'released', note: '解除' }));
    const after = dataOf<{ activeUntil: string }[]>(await call('disinfection.areas', { ownerKind: 'keyPerson', ownerId: kp.id }));
    expect(after[0]!.activeUntil).toBe('2026-11-21');
  });
});

describe('photos and backups', () => {
  it('a problem photo travels in an exported backup to another PC and reads back byte for byte', async () => {
    const { core, call, checkpoint, members } = await setup();
    dataOf(
      await call('inspections.create', {
        day: '2026-11-20',
        slot: 'am',
        memberIds: members,
        targets: [{ targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'barrier', photos: [PNG] }] }],
      }),
    );
    const p = dataOf<{ rows: ProblemData[] }>(await call('problems.list', { targetKind: 'checkpoint', targetId: checkpoint.id, q: '车辆落杆' })).rows.find(
      (r) => r.photos.length,
    )!;
    const file = dataOf<{ base64: string; fileName: string }>(await (await signInAs(core, 'admin'))('backup.export', { password: 'usb-stick-2026' }));
    // The photo is inside the encrypted file, not beside it.
    expect(Buffer.from(file.base64, 'base64').includes(Buffer.from(PNG, 'base64'))).toBe(false);

    const { core: target } = await openSignedIn({ demo: true });
    dataOf(await (await signInAs(target, 'admin'))('backup.restore', { upload: file.base64, fileName: file.fileName, password: 'usb-stick-2026' }));
    const got = dataOf<{ base64: string; mime: string }>(await (await signInAs(target, 'command'))('photos.get', { id: p.photos[0] }));
    expect(got.mime).toBe('image/png');
    expect(Buffer.from(got.base64, 'base64').equals(Buffer.from(PNG, 'base64'))).toBe(true);
  });
});

describe('premises', () => {
  it('keeps a photographed 四方责任书 with the premises, replaces it, and removes it with the premises', async () => {
    const { core, call } = await setup();
    const community = (core.db.prepare('SELECT id FROM communities ORDER BY id LIMIT 1').get() as { id: number }).id;
    const p = dataOf<{ id: number; pledgeScanId: number | null }>(
      await call('premises.create', { name: '测试便民超市', kind: 'supermarket', communityId: community, pledgeDate: '2026-11-01' }),
    );
    expect(p.pledgeScanId).toBeNull();
    const first = dataOf<{ pledgeScanId: number }>(await call('premises.setPledgeScan', { id: p.id, photo: PNG })).pledgeScanId;
    expect(dataOf<{ mime: string }>(await call('photos.get', { id: first })).mime).toBe('image/png');
    const second = dataOf<{ pledgeScanId: number }>(await call('premises.setPledgeScan', { id: p.id, photo: PNG })).pledgeScanId;
    expect(second).not.toBe(first);
    expect(errorOf(await call('photos.get', { id: first })).code).toBe('NOT_FOUND');
    dataOf(await call('premises.delete', { id: p.id }));
    expect(errorOf(await call('photos.get', { id: second })).code).toBe('NOT_FOUND');
  });
});
