import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, utils, write } from 'xlsx';
import { api, type Envelope } from '../../../shared/api';
import { makeId } from '../../../test/fixtures/excel/make-fixtures-lib';
import { uploadFile } from '../../../test/helpers/excel';
import { type HttpOffice, openHttpOffice } from '../../../test/helpers/http-office';
import type { Call } from '../../../test/helpers/sessions';
import { applyPassword } from '../db/key';

/** Over HTTP: what the audit log records of exports and imports, what 数据清理 leaves, what system.info tells. */
let o: HttpOffice;
let admin: string;
let command: string;
beforeAll(async () => {
  o = await openHttpOffice();
  admin = await o.login('admin');
  command = await o.login('zhihui');
});
afterAll(() => o.close());

const caller =
  (cookie: string): Call =>
  (name, input = {}) =>
    o.post<Envelope>(name, input, { cookie }).then((r) => r.body);
const data = <T>(r: { body: unknown }) => {
  const env = r.body as Envelope<T>;
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
};
type AuditRow = { method: string; kind: string; entity: string | null; detail: string | null; row_count: number | null; username: string | null };
const auditOf = (method: string) =>
  o.t.core.db.prepare('SELECT method, kind, entity, detail, row_count, username FROM audit_log WHERE method = ? ORDER BY id').all(method) as AuditRow[];

describe('audit trail and leftovers over HTTP', () => {
  it('backup.export carries every ID number and phone in the clear (as the README says) and is logged with its count of personal records', async () => {
    const compound = o.t.core.db.prepare('SELECT id FROM compounds LIMIT 1').get() as { id: number };
    const idNumber = makeId('411402', '19850315', 321);
    o.t.core.db
      .prepare(
        "INSERT INTO residents (compound_id, name, id_number, birth_date, gender, phone, kind, search_key, created_at, updated_at) VALUES (?, '备份测试', ?, '1985-03-15', 'M', '13612345678', 'resident', 'bfcs', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
      )
      .run(compound.id, idNumber);
    // The administrator sees no resident through the app …
    expect((await o.post('residents.list', {}, { cookie: admin })).status).toBe(403);
    // … but the export, opened offline with the password they chose, holds everything.
    const file = data<{ base64: string; rowCount: number }>(await o.post('backup.export', { password: 'usb-stick-2026' }, { cookie: admin }));
    const copy = path.join(o.t.root, 'carried.scbak');
    fs.writeFileSync(copy, Buffer.from(file.base64, 'base64'));
    const db = new Database(copy);
    applyPassword(db, 'usb-stick-2026');
    expect(db.prepare('SELECT id_number AS id, phone FROM residents WHERE name = ?').get('备份测试')).toEqual({ id: idNumber, phone: '13612345678' });
    const records = (
      db.prepare('SELECT (SELECT count(*) FROM residents) + (SELECT count(*) FROM key_persons) + (SELECT count(*) FROM people) AS n').get() as { n: number }
    ).n;
    db.close();
    const [row] = auditOf('backup.export');
    expect(row).toMatchObject({ kind: 'export', username: 'admin' });
    expect(row!.row_count).toBeGreaterThanOrEqual(records);
    expect(row!.row_count).toBe(file.rowCount);
    expect(row!.detail).not.toContain('usb-stick-2026');
  });

  it('an import is logged with its rows and the communities it wrote into; its preview and error report are logged too', async () => {
    const names = data<{ rows: { name: string }[] }>(await o.post('communities.list', { pageSize: 2 }, { cookie: command })).rows.map((c) => c.name);
    const sheet = utils.aoa_to_sheet([
      ['小区名称', '所属社区', '管理类型', '楼栋数', '户数', '人口'],
      ['审计甲小区', names[0], '物业', 3, 90, 260],
      ['审计乙小区', names[1], '自管', 2, 40, 110],
      ['审计丙小区', '不存在的社区', '自管', 2, 40, 110],
    ]);
    const book = utils.book_new();
    utils.book_append_sheet(book, sheet, '小区');
    const base64 = write(book, { type: 'base64', bookType: 'xlsx' }) as string;
    const call = caller(command);
    const up = await uploadFile(call, 'compounds', '小区导入.xlsx', base64);
    if (!up.ok) throw new Error(up.error.message);
    const { uploadId } = up.data;
    expect(data<{ counts: { new: number; error: number } }>(await o.post('excel.preview', { uploadId }, { cookie: command })).counts).toMatchObject({
      new: 2,
      error: 1,
    });
    data(await o.post('excel.errorReport', { uploadId }, { cookie: command }));
    expect(data(await o.post('excel.commit', { uploadId, excludeErrors: true }, { cookie: command }))).toMatchObject({ created: 2, rowCount: 2 });

    expect(auditOf('excel.preview')).toEqual([expect.objectContaining({ kind: 'read_personal', username: 'zhihui', row_count: 3 })]);
    expect(auditOf('excel.errorReport')).toEqual([expect.objectContaining({ kind: 'export', username: 'zhihui' })]);
    const commits = auditOf('excel.commit');
    expect(commits.every((r) => r.row_count === 2)).toBe(true);
    const trace = commits.find((r) => r.entity === 'compounds');
    expect(JSON.parse(trace!.detail!)).toMatchObject({
      table: '小区',
      file: '小区导入.xlsx',
      created: 2,
      communities: expect.arrayContaining([names[0], names[1]]),
    });
  });

  it('every read that hands out a file is declared in the contract and so audited', () => {
    const handsOutFile = (spec: (typeof api)[keyof typeof api]) => {
      const shape = (spec.output as { shape?: Record<string, unknown> }).shape;
      return !!shape && 'base64' in shape;
    };
    // A blank template carries no data.
    const unaudited = Object.entries(api).filter(([name, spec]) => handsOutFile(spec) && !spec.write && !spec.audit && name !== 'excel.template');
    expect(unaudited.map(([n]) => n)).toEqual([]);
  });

  it('a briefing’s Word file and workbook, and a roll-up workbook, are audit rows', async () => {
    const briefing = data<{ id: number }>(await o.post('briefings.generate', { day: '2026-11-30' }, { cookie: command }));
    data(await o.post('briefings.docx', { id: briefing.id }, { cookie: command }));
    data(await o.post('briefings.workbook', { id: briefing.id }, { cookie: command }));
    data(await o.post('rollup.workbook', { day: '2026-11-30' }, { cookie: command }));
    for (const method of ['briefings.docx', 'briefings.workbook', 'rollup.workbook']) {
      expect(auditOf(method), method).toEqual([expect.objectContaining({ kind: 'export', username: 'zhihui' })]);
    }
    expect(auditOf('rollup.workbook')[0]!.detail).toBe(JSON.stringify({ day: '2026-11-30' }));
  });

  it('looking at a stored photo is an audit row', async () => {
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGP4z8DwHwSBDAYAT/AH+TiqR7IAAAAASUVORK5CYII=';
    const checkpoint = o.t.core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' ORDER BY id LIMIT 1").get() as { id: number };
    const members = (o.t.core.db.prepare('SELECT id FROM people ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
    const target = { targetKind: 'checkpoint', targetId: checkpoint.id, failures: [{ itemKey: 'register', description: '未登记', photos: [png] }] };
    data(await o.post('inspections.create', { day: '2026-11-20', slot: 'am', memberIds: members, targets: [target] }, { cookie: command }));
    const problems = data<{ rows: { photos: number[] }[] }>(
      await o.post('problems.list', { targetId: checkpoint.id, targetKind: 'checkpoint' }, { cookie: command }),
    ).rows;
    const id = problems.flatMap((p) => p.photos)[0]!;
    data(await o.post('photos.get', { id }, { cookie: command }));
    expect(auditOf('photos.get')).toEqual([expect.objectContaining({ kind: 'export', username: 'zhihui', detail: JSON.stringify({ id }) })]);
  });

  it('the audit export neutralises a user name typed as a formula', async () => {
    const evil = '=HYPERLINK("http://evil.example/x","点我")';
    expect((await o.post('auth.login', { username: evil, password: 'whatever-1' }, { from: '127.0.0.9' })).status).toBe(401);
    const file = data<{ base64: string }>(await o.post('audit.export', {}, { cookie: admin }));
    const rows = utils.sheet_to_json<unknown[]>(read(Buffer.from(file.base64, 'base64')).Sheets['操作日志']!, { header: 1 });
    const cells = rows.flat().filter((c): c is string => typeof c === 'string' && c.includes('HYPERLINK'));
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c.startsWith("'")).toBe(true);
    // Read by people: 操作 in Chinese (the code name beside it), 详情 as 字段：值.
    expect(rows[0]).toEqual(['时间', '用户', '来源', '类型', '操作', '接口', '对象', '编号', '条数', '详情']);
    const login = rows.find((r) => r[5] === 'auth.login')!;
    expect(String(login[4])).toMatch(/^[\u4e00-\u9fa5]/);
    expect(rows.slice(1).every((r) => !String(r[9] ?? '').startsWith('{"'))).toBe(true);
  });

  it('system.info tells the data path only to the roles that run the system', async () => {
    expect(data<{ dataDir: string | null; databaseFile: string | null }>(await o.post('system.info', {}, { cookie: command }))).toMatchObject({
      dataDir: null,
      databaseFile: null,
    });
    const viewer = await o.login('lingdao');
    expect(data<{ dataDir: string | null }>(await o.post('system.info', {}, { cookie: viewer })).dataDir).toBeNull();
    expect(data<{ dataDir: string | null }>(await o.post('system.info', {}, { cookie: admin })).dataDir).toBe(o.t.dataDir);
  });

  it('数据清理 clears the free text of screening visits too', async () => {
    const compound = o.t.core.db.prepare('SELECT id FROM compounds LIMIT 1').get() as { id: number };
    const building = o.t.core.db.prepare("INSERT INTO buildings (compound_id, name) VALUES (?, '清理楼') RETURNING id").get(compound.id) as { id: number };
    const household = o.t.core.db.prepare("INSERT INTO households (building_id, unit, room) VALUES (?, '1', '101') RETURNING id").get(building.id) as {
      id: number;
    };
    const campaign = data<{ id: number }>(
      await o.post('campaigns.create', { name: '清理前排查', startDate: '2026-11-01', endDate: '2026-11-30' }, { cookie: command }),
    );
    const findings = '李某某 13712345678 自述发热';
    data(
      await o.post(
        'visits.record',
        { campaignId: campaign.id, householdId: household.id, day: '2026-11-02', result: 'done', present: 2, findings },
        { cookie: command },
      ),
    );
    data(await o.post('personal.cleanup', { before: '2026-11-10', confirm: '清理个人信息' }, { cookie: admin }));
    const left = o.t.core.db.prepare('SELECT result, findings FROM visits WHERE campaign_id = ?').all(campaign.id);
    expect(left).toEqual([{ result: 'done', findings: '（已清理）' }]);
  });
});
