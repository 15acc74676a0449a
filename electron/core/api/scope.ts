import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../../../shared/api/errors';
import type { MethodSpec, RefKind } from '../../../shared/api/contract';
import { stmt } from '../db/statements';

/**
 * Community scope for the ids a call names (社区工作人员 work only in their communities).
 * Each kind of row finds its community in SQL; a method declares which of its input
 * fields name which kind (`scope.refs` on the contract), and call() checks them all
 * before the handler runs, so no handler can forget. Lists filter their rows in their
 * own SQL; this check covers ids sent directly.
 */
const COMMUNITY_OF: Record<RefKind, { sql: string; label: string; officeWhenNull?: true }> = {
  community: { sql: 'SELECT id AS c FROM communities WHERE id = ?', label: '社区' },
  compound: { sql: 'SELECT community_id AS c FROM compounds WHERE id = ?', label: '小区' },
  checkpoint: { sql: 'SELECT community_id AS c FROM checkpoints WHERE id = ?', label: '卡点' },
  building: { sql: 'SELECT p.community_id AS c FROM buildings b JOIN compounds p ON p.id = b.compound_id WHERE b.id = ?', label: '楼栋' },
  household: {
    sql: 'SELECT p.community_id AS c FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id WHERE h.id = ?',
    label: '住户',
  },
  resident: { sql: 'SELECT p.community_id AS c FROM residents r LEFT JOIN compounds p ON p.id = r.compound_id WHERE r.id = ?', label: '居民' },
  keyPerson: { sql: 'SELECT p.community_id AS c FROM key_persons k LEFT JOIN compounds p ON p.id = k.compound_id WHERE k.id = ?', label: '重点人员' },
  pass: {
    sql: 'SELECT p.community_id AS c FROM passes s JOIN households h ON h.id = s.household_id JOIN buildings b ON b.id = h.building_id JOIN compounds p ON p.id = b.compound_id WHERE s.id = ?',
    label: '出入证',
  },
  need: {
    sql: `SELECT coalesce(kp.community_id, hp.community_id) AS c FROM needs n
      LEFT JOIN key_persons k ON k.id = n.key_person_id LEFT JOIN compounds kp ON kp.id = k.compound_id
      LEFT JOIN households h ON h.id = n.household_id LEFT JOIN buildings b ON b.id = h.building_id LEFT JOIN compounds hp ON hp.id = b.compound_id
      WHERE n.id = ?`,
    label: '服务需求',
  },
  alert: {
    sql: `SELECT coalesce(cp.community_id, kp.community_id) AS c FROM alerts a LEFT JOIN checkpoints cp ON cp.id = a.checkpoint_id
      LEFT JOIN key_persons k ON k.id = a.key_person_id LEFT JOIN compounds kp ON kp.id = k.compound_id WHERE a.id = ?`,
    label: '预警',
    officeWhenNull: true,
  },
  premises: { sql: 'SELECT community_id AS c FROM premises WHERE id = ?', label: '经营场所' },
  problem: { sql: 'SELECT community_id AS c FROM problems WHERE id = ?', label: '督查问题', officeWhenNull: true },
  disinfectionArea: {
    sql: `SELECT CASE a.owner_kind WHEN 'compound' THEN (SELECT community_id FROM compounds WHERE id = a.owner_id)
        WHEN 'premises' THEN (SELECT community_id FROM premises WHERE id = a.owner_id)
        ELSE (SELECT p.community_id FROM key_persons k JOIN compounds p ON p.id = k.compound_id WHERE k.id = a.owner_id) END AS c
      FROM disinfection_areas a WHERE a.id = ?`,
    label: '消杀区域',
  },
  person: { sql: 'SELECT community_id AS c FROM people WHERE id = ?', label: '人员', officeWhenNull: true },
};

/** The kinds a polymorphic pair (targetKind/targetId, ownerKind/ownerId) may name. */
const KIND_BY_VALUE: Record<string, RefKind> = {
  compound: 'compound',
  checkpoint: 'checkpoint',
  premises: 'premises',
  keyPerson: 'keyPerson',
  community: 'community',
};

/** Every (kind, id) a declared path of the input names; arrays are walked through. */
function refsAt(value: unknown, path: string[], kind: RefKind | { kindFrom: string }, parent: Record<string, unknown> | null, out: [RefKind, number][]) {
  if (Array.isArray(value)) return value.forEach((v) => refsAt(v, path, kind, parent, out));
  if (path.length === 0) {
    if (typeof value !== 'number') return;
    const k = typeof kind === 'string' ? kind : KIND_BY_VALUE[String(parent?.[kind.kindFrom])];
    if (k) out.push([k, value]);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  refsAt(obj[path[0]!], path.slice(1), kind, obj, out);
}

/** Refuses a call that names a row of a community outside the caller's scope. */
export function checkScope(db: Database.Database, spec: MethodSpec, input: unknown, userId: number): void {
  const scope = spec.scope;
  if (!scope || typeof scope === 'string') return;
  const refs: [RefKind, number][] = [];
  for (const [path, kind] of Object.entries(scope.refs)) refsAt(input, path.split('.'), kind, null, refs);
  const mine = stmt(db, 'SELECT 1 FROM user_communities WHERE user_id = ? AND community_id = ?');
  for (const [kind, id] of refs) {
    const of = COMMUNITY_OF[kind];
    const row = stmt(db, of.sql).get(id) as { c: number | null } | undefined;
    // A missing row is the handler's to report (不存在); only rows that exist are judged here.
    if (!row) continue;
    if (row.c === null && of.officeWhenNull) continue;
    if (row.c === null || !mine.get(userId, row.c)) {
      throw new ApiError('FORBIDDEN', `该${of.label}（编号 ${id}）不在您负责的社区，不能查看或操作`);
    }
  }
}
