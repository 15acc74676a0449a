import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { read, utils } from 'xlsx';
import type { Envelope } from '../../../shared/api';
import { openTestCore, signInAs, type Call, type TestCore } from '../../../test/helpers/sessions';

let t: TestCore;
let community: Call;
let command: Call;
let viewer: Call;
let admin: Call;
let own: { id: number; name: string };

const data = <T>(e: Envelope) => {
  if (!e.ok) throw new Error(e.error.message);
  return e.data as T;
};

beforeAll(async () => {
  t = await openTestCore();
  community = await signInAs(t.core, 'community');
  command = await signInAs(t.core, 'command');
  viewer = await signInAs(t.core, 'viewer');
  admin = await signInAs(t.core, 'admin');
  own = t.core.db.prepare('SELECT c.id, c.name FROM communities c JOIN user_communities u ON u.community_id = c.id').get() as typeof own;
});
afterAll(() => t.cleanup());

describe('community scope, enforced in SQL', () => {
  it('lists, searches and counts only the user’s own community', async () => {
    const all = data<{ total: number }>(await command('compounds.list', { pageSize: 1 })).total;
    const mine = data<{ rows: { communityId: number }[]; total: number }>(await community('compounds.list', { pageSize: 500 }));
    const expected = (t.core.db.prepare('SELECT count(*) AS n FROM compounds WHERE community_id = ?').get(own.id) as { n: number }).n;
    expect(all).toBe(168);
    expect(mine.total).toBe(expected);
    expect(mine.rows.every((r) => r.communityId === own.id)).toBe(true);

    const other = t.core.db.prepare('SELECT id, name, community_id AS cid FROM compounds WHERE community_id <> ? LIMIT 1').get(own.id) as {
      id: number;
      name: string;
      cid: number;
    };
    expect(data<{ total: number }>(await community('compounds.list', { q: other.name })).total).toBe(0);
    // Naming another community's rows directly is refused outright (the contract declares these ids).
    expect(await community('compounds.list', { communityId: other.cid })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await community('compounds.get', { id: other.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const checkpoints = data<{ rows: { communityId: number }[] }>(await community('checkpoints.list', { pageSize: 500 }));
    expect(checkpoints.rows.every((r) => r.communityId === own.id)).toBe(true);

    const summary = data<{ compounds: number; communities: number; checkpoints: number }>(await community('dashboard.summary'));
    expect(summary.compounds).toBe(expected);
    expect(summary.communities).toBe(1);
    expect(summary.checkpoints).toBe(checkpoints.rows.length);
  });

  it('cannot write outside the own community', async () => {
    const otherCommunity = t.core.db.prepare('SELECT id FROM communities WHERE id <> ? LIMIT 1').get(own.id) as { id: number };
    const input = { name: '越权测试小区', managementType: 'self', buildings: 1, households: 10, population: 20 };
    expect(await community('compounds.create', { ...input, communityId: otherCommunity.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await community('compounds.create', { ...input, communityId: own.id })).ok).toBe(true);
    expect(await community('communities.create', { name: '新社区', kind: 'community' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('personal data is masked by default', () => {
  it('masks names and phones in lists unless a permitted user gives a reason, which is logged', async () => {
    const masked = data<{ rows: { secretary: string; phone: string }[] }>(await command('communities.list', { pageSize: 3 }));
    for (const r of masked.rows) {
      expect(r.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(r.secretary).toMatch(/\*/);
    }
    const revealed = data<{ rows: { secretary: string; phone: string }[] }>(await command('communities.list', { pageSize: 3, reveal: { reason: '流调' } }));
    for (const r of revealed.rows) expect(r.phone).toMatch(/^1\d{10}$/);
    const log = t.core.db.prepare("SELECT username, row_count AS n, detail FROM audit_log WHERE kind = 'read_personal' ORDER BY id DESC LIMIT 1").get() as {
      username: string;
      n: number;
      detail: string;
    };
    expect(log).toMatchObject({ username: 'zhihui', n: 3 });
    expect(JSON.parse(log.detail)).toMatchObject({ reason: '流调' });
  });

  it('never unmasks for 领导查看 or the system administrator', async () => {
    for (const who of [viewer, admin]) {
      expect(await who('communities.list', { reveal: { reason: '流调' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const rows = data<{ rows: { phone: string }[] }>(await who('communities.list', { pageSize: 2 })).rows;
      expect(rows.every((r) => r.phone.includes('****'))).toBe(true);
    }
  });

  it('requires a note when the reason is 其他', async () => {
    expect(await command('communities.list', { reveal: { reason: '其他' } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('audit log', () => {
  it('records who changed what, before and after, with personal fields masked', async () => {
    const row = data<{ rows: { id: number; name: string; kind: string }[] }>(await command('communities.list', { pageSize: 1 })).rows[0]!;
    expect((await command('communities.update', { id: row.id, name: row.name, kind: row.kind, phone: '13912345678', secretary: '李秀英' })).ok).toBe(true);
    const entry = t.core.db.prepare("SELECT * FROM audit_log WHERE method = 'communities.update' ORDER BY id DESC LIMIT 1").get() as {
      username: string;
      entity: string;
      entity_id: number;
      detail: string;
      client: string;
    };
    expect(entry).toMatchObject({ username: 'zhihui', entity: 'communities', entity_id: row.id, client: '127.0.0.1' });
    const detail = JSON.parse(entry.detail);
    expect(detail.phone.after).toBe('139****5678');
    expect(detail.secretary.after).toBe('李*英');
    expect(entry.detail).not.toContain('13912345678');
  });

  it('cannot be altered or deleted', () => {
    expect(() => t.core.db.prepare("UPDATE audit_log SET username = 'x'").run()).toThrow(/操作日志不可修改/);
    expect(() => t.core.db.prepare('DELETE FROM audit_log').run()).toThrow(/操作日志不可删除/);
  });

  it('exports to Excel, and the export itself is logged with its row count', async () => {
    const out = data<{ base64: string; rowCount: number }>(await admin('audit.export', { username: 'zhihui' }));
    const book = read(Buffer.from(out.base64, 'base64'));
    const rows = utils.sheet_to_json<Record<string, string>>(book.Sheets['操作日志']!);
    expect(rows.length).toBe(out.rowCount);
    expect(rows.every((r) => r['用户'] === 'zhihui')).toBe(true);
    const logged = t.core.db.prepare("SELECT row_count AS n FROM audit_log WHERE kind = 'export' ORDER BY id DESC LIMIT 1").get() as { n: number };
    expect(logged.n).toBe(out.rowCount);
  });

  it('is readable, filtered, by the administrator only', async () => {
    const page = data<{ rows: { username: string }[]; total: number }>(await admin('audit.list', { username: 'zhihui', pageSize: 50 }));
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.username === 'zhihui')).toBe(true);
    expect(await command('audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
