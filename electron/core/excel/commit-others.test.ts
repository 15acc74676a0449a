import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../../shared/api';
import { commitBothWays, previewed as previewed2 } from '../../../test/helpers/bulk-parity';
import { ALL_COMMUNITIES } from '../kernel/entity';
import { TABLES } from '../registry/tables';
import { stageRows, writeRows } from './commit-rows';
import { getUpload } from './uploads';
import { uploadFile } from '../../../test/helpers/excel';
import { type Call, openTestCore, ROLE_USER, signInAs, type TestCore, unwrap } from '../../../test/helpers/sessions';
import { residentRoster } from '../../../test/helpers/worker-office';

let t: TestCore;
let importer: Call;
let gate: Call;
let viewer: Call;
let compounds: string[];
let checkpointId: number;
// Each test on its own office: both import the same generated residents.
beforeEach(async () => {
  t = await openTestCore();
  importer = await signInAs(t.core, 'command');
  gate = await signInAs(t.core, 'command');
  viewer = await signInAs(t.core, 'viewer');
  compounds = unwrap<{ rows: { name: string }[] }>(await importer('compounds.list', { pageSize: 50 })).rows.map((c) => c.name);
  checkpointId = unwrap<{ rows: { id: number }[] }>(await importer('checkpoints.list', { pageSize: 1 })).rows[0]!.id;
});
afterEach(() => t.cleanup());

const count = (sql: string) => (t.core.db.prepare(sql).get() as { n: number }).n;
const nextTick = () => new Promise((r) => setImmediate(r));

async function previewed(call: Call, bytes: Buffer): Promise<string> {
  const { uploadId } = unwrap<{ uploadId: string }>(await uploadFile(call, 'residents', '居民排查.xlsx', bytes.toString('base64')));
  unwrap(await call('excel.preview', { uploadId, pageSize: 10 }));
  return uploadId;
}

interface Answer {
  /** Sent while the import's transaction was open on the writer connection. */
  inTransaction: boolean;
  /** Answered before the commit was. */
  beforeCommitEnded: boolean;
  envelope: Envelope;
}

/** Another PC calling `fn` again and again, one call at a time, until the commit settles. */
async function keepCalling(fn: () => Promise<Envelope>, commit: Promise<unknown>): Promise<Answer[]> {
  let ended = false;
  void commit.finally(() => (ended = true));
  const out: Answer[] = [];
  while (!ended) {
    const inTransaction = t.core.db.inTransaction;
    const envelope = await fn();
    out.push({ inTransaction, beforeCommitEnded: !ended, envelope });
    await nextTick();
  }
  return out;
}

const register = (n: number) => gate('registrations.create', { checkpointId, name: `来访${n}`, phone: '13900000000', temperature: 36.5 });

describe('other users during an import commit', () => {
  it('registrations are answered while the rows are staged, all are kept, and a refusal reads as it does without an import', async () => {
    const refusedAlone = await viewer('users.list', {});
    expect(refusedAlone).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const uploadId = await previewed(importer, residentRoster(10_000, compounds));
    const registrationsBefore = count('SELECT count(*) AS n FROM registrations');
    const refusalsBefore = count("SELECT count(*) AS n FROM audit_log WHERE method = 'users.list' AND kind = 'security'");

    const commit = importer('excel.commit', { uploadId });
    let n = 0;
    const [registrations, refusals] = await Promise.all([keepCalling(() => register(n++), commit), keepCalling(() => viewer('users.list', {}), commit)]);
    expect(await commit).toMatchObject({ ok: true, data: { created: 10_000 } });

    // Registrations sent during the commit were answered before it ended, not queued behind it.
    expect(registrations.filter((a) => a.envelope.ok && a.beforeCommitEnded).length).toBeGreaterThan(0);
    expect(registrations.every((a) => a.envelope.ok)).toBe(true);
    expect(count('SELECT count(*) AS n FROM registrations')).toBe(registrationsBefore + registrations.length);

    // Refused from the read connection while the transaction was open: the same answer, and its audit row is written after.
    const duringTx = refusals.filter((a) => a.inTransaction);
    expect(duringTx.length).toBeGreaterThan(0);
    for (const a of refusals) expect(a.envelope).toEqual(refusedAlone);
    expect(count("SELECT count(*) AS n FROM audit_log WHERE method = 'users.list' AND kind = 'security'")).toBe(refusalsBefore + refusals.length);
  }, 180_000);

  it('when the import fails at its final write (another PC imported one of its residents meanwhile), nothing of it is kept and every registration is', async () => {
    const big = residentRoster(8_000, compounds.slice(0, 10));
    const bigId = await previewed(importer, big);
    // The other PC's file holds the big file's second resident (a header and that row).
    const second = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(big).Sheets['排查表']!, { header: 1 }).slice(0, 3);
    second.splice(1, 1);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(second), '排查表');
    const smallId = await previewed(gate, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const residentsBefore = count('SELECT count(*) AS n FROM residents');
    const registrationsBefore = count('SELECT count(*) AS n FROM registrations');

    const commit = importer('excel.commit', { uploadId: bigId });
    let n = 0;
    let small: Promise<Envelope> | null = null;
    const registrations = await keepCalling(async () => {
      const progress = unwrap<{ done: number } | null>(await importer('excel.progress', { uploadId: bigId }));
      // While the big file is being staged, the other PC commits its one resident.
      if (!small && progress && progress.done > 0 && !t.core.db.inTransaction) small = gate('excel.commit', { uploadId: smallId });
      return register(n++);
    }, commit);
    expect(await small).toMatchObject({ ok: true, data: { created: 1 } });
    const failed = await commit;
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!failed.ok && failed.error.message).toContain('本次导入未写入任何数据');

    expect(count('SELECT count(*) AS n FROM residents')).toBe(residentsBefore + 1);
    expect(registrations.filter((a) => a.envelope.ok && a.beforeCommitEnded).length).toBeGreaterThan(0);
    expect(registrations.every((a) => a.envelope.ok)).toBe(true);
    expect(count('SELECT count(*) AS n FROM registrations')).toBe(registrationsBefore + registrations.length);
  }, 180_000);
});

interface Named {
  id: number;
  name: string;
  communityName: string | null;
}
const listOf = async (call: Call, method: string) => unwrap<{ rows: Named[] }>(await call(method, { pageSize: 500 })).rows;

/** A compounds file: every registered compound with a changed population and coordinates, then `n` new ones. */
async function compoundsFile(call: Call, n: number): Promise<unknown[][]> {
  const communities = await listOf(call, 'communities.list');
  const grids = await listOf(call, 'grids.list');
  const head = ['小区名称', '所属社区', '所属片区', '管理类型', '物业公司', '楼栋数', '户数', '人口', '管控等级', '经度', '纬度', '坐标系'];
  const old = (await listOf(call, 'compounds.list')).map((c, i) => [
    c.name,
    c.communityName,
    null,
    '自管',
    null,
    3,
    90,
    300 + i,
    '防范区',
    115.65 + i / 1e4,
    34.41,
    'GCJ-02',
  ]);
  const added = Array.from({ length: n }, (_, i) => [
    `新建小区${i}`,
    communities[i % communities.length]!.name,
    i % 3 ? grids[i % grids.length]!.name : null,
    i % 2 ? '物业' : '三不管',
    i % 2 ? '安居物业' : null,
    i % 7,
    i % 97,
    i,
    i % 5 ? null : '管控区',
    i % 4 ? 115.6 + i / 7e4 : null,
    i % 4 ? 34.4 + i / 9e4 : null,
    i % 8 === 1 ? 'BD-09' : null,
  ]);
  return [head, ...old, ...added];
}

/** A checkpoints file: every registered checkpoint with more staff, then `n` new road checkpoints and gates. */
async function checkpointsFile(call: Call, n: number): Promise<unknown[][]> {
  const communities = await listOf(call, 'communities.list');
  const compoundsList = await listOf(call, 'compounds.list');
  const head = ['卡点名称', '卡点类型', '所在小区', '所属社区', '值守时段', '每班人数', '状态', '经度', '纬度', '备注'];
  const old = (await listOf(call, 'checkpoints.list')).map((c) => [
    c.name,
    '道路卡点',
    null,
    c.communityName ?? communities[0]!.name,
    '白天',
    4,
    '暂停',
    null,
    null,
    '改',
  ]);
  const added = Array.from({ length: n }, (_, i) => {
    const gate = i % 3 === 0 ? compoundsList[i % compoundsList.length]! : null;
    return [
      `新卡点${i}`,
      gate ? '小区门岗' : '道路卡点',
      gate?.name ?? null,
      gate ? gate.communityName : communities[i % communities.length]!.name,
      i % 2 ? '24小时' : '白天',
      1 + (i % 5),
      null,
      115.6 + i / 1e5,
      34.4,
      null,
    ];
  });
  return [head, ...old, ...added];
}

describe('places imports write set-wise in the final transaction', () => {
  it('compounds and checkpoints come out as row by row did, level and duty-post history included', async () => {
    const a = await previewed2(importer, 'compounds', await compoundsFile(importer, 600));
    expect(a.counts.error).toBe(0);
    const compoundsDone = await commitBothWays(t.core.db, importer, ROLE_USER.command, a.uploadId, [
      'SELECT * FROM compounds ORDER BY id',
      'SELECT * FROM compound_levels ORDER BY compound_id, since',
    ]);
    expect(compoundsDone.result).toMatchObject({ ok: true, data: { created: 600, updated: a.counts.update } });
    expect(compoundsDone.staged).toEqual(compoundsDone.rowByRow);

    const b = await previewed2(importer, 'checkpoints', await checkpointsFile(importer, 500));
    expect(b.counts.error).toBe(0);
    const checkpointsDone = await commitBothWays(t.core.db, importer, ROLE_USER.command, b.uploadId, [
      'SELECT * FROM checkpoints ORDER BY id',
      'SELECT * FROM posts ORDER BY id',
      'SELECT * FROM checkpoint_states ORDER BY checkpoint_id, since',
    ]);
    expect(checkpointsDone.result).toMatchObject({ ok: true, data: { created: 500, updated: b.counts.update } });
    expect(checkpointsDone.staged).toEqual(checkpointsDone.rowByRow);
  }, 60_000);

  it('communities and grids come out as row by row did', async () => {
    const communities = await listOf(importer, 'communities.list');
    const a = await previewed2(importer, 'communities', [
      ['社区名称', '类型', '负责人', '联系电话', '备注'],
      ...communities.map((c, i) => [c.name, '村', `书记${i}`, `1390000${String(i).padStart(4, '0')}`, '改']),
      ...Array.from({ length: 120 }, (_, i) => [`新社区${i}`, i % 2 ? '社区' : '居委会', i % 3 ? `负责人${i}` : null, null, null]),
    ]);
    const c = await commitBothWays(t.core.db, importer, ROLE_USER.command, a.uploadId, ['SELECT * FROM communities ORDER BY id']);
    expect(c.result).toMatchObject({ ok: true, data: { created: 120, updated: communities.length } });
    expect(c.staged).toEqual(c.rowByRow);
    const grids = await listOf(importer, 'grids.list');
    const b = await previewed2(importer, 'grids', [
      ['片区名称', '片区长', '联系电话', '备注'],
      ...grids.map((g) => [g.name, '刘振华', '13912345678', null]),
      ...Array.from({ length: 80 }, (_, i) => [`新片区${i}`, null, null, `备注${i}`]),
    ]);
    const g = await commitBothWays(t.core.db, importer, ROLE_USER.command, b.uploadId, ['SELECT * FROM grids ORDER BY id']);
    expect(g.result).toMatchObject({ ok: true, data: { created: 80, updated: grids.length } });
    expect(g.staged).toEqual(g.rowByRow);
  }, 60_000);

  it('a compound another user saves between the preview and the commit fails the import, and nothing of the file is kept', async () => {
    const file = await compoundsFile(importer, 300);
    const { uploadId } = await previewed2(importer, 'compounds', file);
    const before = t.core.db.prepare('SELECT * FROM compounds ORDER BY id').all();
    const [name, community] = file.at(-1) as [string, string];
    const communityId = (t.core.db.prepare('SELECT id FROM communities WHERE name = ?').get(community) as { id: number }).id;
    const made = await gate('compounds.create', {
      name,
      communityId,
      gridId: null,
      managementType: 'self',
      propertyCompany: null,
      buildings: 1,
      households: 1,
      population: 1,
      controlLevel: 'normal',
      lng: null,
      lat: null,
      boundary: null,
    });
    expect(made.ok).toBe(true);
    const failed = await importer('excel.commit', { uploadId, onDuplicate: 'update' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('本次导入未写入任何数据') } });
    expect(t.core.db.prepare('SELECT * FROM compounds WHERE name <> ? ORDER BY id').all(name)).toEqual(before);
  });

  it('a 片区 another user deletes after the preview fails the import naming the row that names it, and nothing is written', async () => {
    const grid = unwrap<{ id: number }>(await gate('grids.create', { name: '临时片区', leader: null, leaderPhone: null, note: null }));
    const community = (await listOf(importer, 'communities.list'))[0]!.name;
    const { uploadId } = await previewed2(importer, 'compounds', [
      ['小区名称', '所属社区', '所属片区', '管理类型', '楼栋数', '户数', '人口'],
      ['甲小区', community, null, '自管', 1, 10, 30],
      ['乙小区', community, '临时片区', '自管', 2, 20, 60],
    ]);
    expect(await gate('grids.delete', { id: grid.id })).toMatchObject({ ok: true });
    const before = t.core.db.prepare('SELECT * FROM compounds ORDER BY id').all();
    expect(await importer('excel.commit', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '导入.xlsx › 导入 › 第 3 行 › “所属片区”：所属片区不存在或已被删除。未导入任何数据。' },
    });
    expect(t.core.db.prepare('SELECT * FROM compounds ORDER BY id').all()).toEqual(before);
  });

  it('a checkpoint another user edits after its row was staged fails the import naming the row, and nothing is written', async () => {
    const { uploadId } = await previewed2(importer, 'checkpoints', await checkpointsFile(importer, 50));
    const userId = (t.core.db.prepare('SELECT id FROM users WHERE username = ?').get(ROLE_USER.command) as { id: number }).id;
    const upload = getUpload(uploadId, userId);
    const rows = upload.analysis!.rows;
    const origin = { file: upload.fileName, sheet: upload.analysis!.sheetName };
    const ectx = { db: t.core.db, now: new Date(), scope: ALL_COMMUNITIES, username: ROLE_USER.command };
    const staged = await stageRows(ectx, TABLES.checkpoints!, rows, 'update', () => {}, origin);
    // Another PC changes the checkpoint of the file's third row after that row was staged.
    const third = rows[2]!;
    const current = unwrap<{ rows: Record<string, unknown>[] }>(await gate('checkpoints.list', { pageSize: 500 })).rows.find((c) => c.id === third.existingId);
    expect(await gate('checkpoints.update', { ...current, staffPerShift: 9 })).toMatchObject({ ok: true });
    const before = t.core.db.prepare('SELECT * FROM checkpoints ORDER BY id').all();
    t.core.db.exec('BEGIN IMMEDIATE');
    try {
      await expect(writeRows(ectx, TABLES.checkpoints!, rows, 'update', staged, () => {}, origin)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: `导入.xlsx › 导入 › 第 ${third.rowNumber} 行：导入期间，其他用户修改或删除了这一行对应的已有数据；本次导入未写入任何数据。请重新上传预览后再导入。`,
      });
    } finally {
      t.core.db.exec('ROLLBACK');
    }
    expect(t.core.db.prepare('SELECT * FROM checkpoints ORDER BY id').all()).toEqual(before);
    expect(before.find((c) => (c as { id: number }).id === third.existingId)).toMatchObject({ staff_per_shift: 9 });
  });
});

/** A paper register typed into Excel: `n` rows over the given checkpoints, people and vehicles, a few with fever. */
function registrationsFile(checkpoints: string[], n: number): unknown[][] {
  const head = ['日期', '时间', '卡点', '姓名', '手机号', '车牌号', '进出', '体温', '出入证号', '事由'];
  return [
    head,
    ...Array.from({ length: n }, (_, i) => [
      `2022-02-${String(1 + (i % 28)).padStart(2, '0')}`,
      `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
      checkpoints[i % checkpoints.length],
      i % 10 === 9 ? null : `来访${i}`,
      i % 4 ? `139${String(i).padStart(8, '0')}` : null,
      i % 10 === 9 ? `豫N${String(i).padStart(5, '0')}` : null,
      i % 3 ? '进' : '出',
      i % 10 === 9 ? null : 36 + (i % 23) / 10,
      i % 5 ? null : `P${i}`,
      i % 6 ? null : '买菜',
    ]),
  ];
}

describe('a 卡点登记 import', () => {
  const registrationColumns = 'SELECT * FROM registrations ORDER BY id';

  it('comes out as row by row did, while another gate’s registrations are answered and kept', async () => {
    const names = (await listOf(importer, 'checkpoints.list')).map((c) => c.name);
    const { uploadId, counts } = await previewed2(importer, 'registrations', registrationsFile(names, 2_000));
    expect(counts).toMatchObject({ new: 2_000, error: 0 });
    const before = count('SELECT count(*) AS n FROM registrations');
    const first = await commitBothWays(t.core.db, importer, ROLE_USER.command, uploadId, [registrationColumns]);
    expect(first.result).toMatchObject({ ok: true, data: { created: 2_000 } });
    expect(first.staged).toEqual(first.rowByRow);

    // A new week's rows while the gate keeps registering.
    const week = registrationsFile(names, 3_000).map((r, i) => (i === 0 ? r : [String(r[0]).replace('2022-02', '2022-03'), ...r.slice(1)]));
    const next = await previewed2(importer, 'registrations', week);
    const commit = importer('excel.commit', { uploadId: next.uploadId });
    let n = 0;
    const answers = await keepCalling(() => register(n++), commit);
    expect(await commit).toMatchObject({ ok: true, data: { created: 3_000 } });
    expect(answers.filter((a) => a.envelope.ok && a.beforeCommitEnded).length).toBeGreaterThan(0);
    expect(answers.every((a) => a.envelope.ok)).toBe(true);
    expect(count('SELECT count(*) AS n FROM registrations')).toBe(before + 5_000 + answers.length);
  }, 60_000);

  it('a checkpoint deleted by another user after the preview fails the import, and none of its rows is kept', async () => {
    const made = unwrap<{ id: number; name: string }>(
      await gate('checkpoints.create', {
        name: '临时卡点',
        kind: 'road',
        compoundId: null,
        communityId: (t.core.db.prepare('SELECT min(id) AS id FROM communities').get() as { id: number }).id,
        hours: 'allDay',
        staffPerShift: 2,
        status: 'active',
        lng: null,
        lat: null,
        note: null,
      }),
    );
    const names = (await listOf(importer, 'checkpoints.list')).map((c) => c.name);
    const { uploadId } = await previewed2(importer, 'registrations', registrationsFile([...names.filter((x) => x !== made.name), made.name], 600));
    expect(await gate('checkpoints.delete', { id: made.id })).toMatchObject({ ok: true });
    const before = t.core.db.prepare(registrationColumns).all();
    const failed = await importer('excel.commit', { uploadId });
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '导入期间，其他用户删除了文件中的行所引用的数据；本次导入未写入任何数据。请重新上传预览后再导入。' },
    });
    expect(t.core.db.prepare(registrationColumns).all()).toEqual(before);
  });
});
