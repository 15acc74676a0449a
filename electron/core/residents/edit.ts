import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import type { ResidentBulkSet, ResidentPatch } from '../../../shared/api/residents-edit';
import { maskName } from '../../../shared/domain/mask';
import { diff } from '../auth/audit';
import { applyToEach } from '../api/bulk';
import { stmt } from '../db/statements';
import { ALL_COMMUNITIES, type EntityCtx, getRow } from '../kernel/entity';
import { entityCtx, type Handlers } from '../api/types';
import type { residentsEdit } from '../../../shared/api/residents-edit';
import { residentKey, residentsDef } from './residents';

type Patch = Omit<z.output<typeof ResidentPatch>, 'id'>;
type Home = { compoundId: number | null; building: string | null; unit: string; room: string | null };

interface Stored {
  compoundId: number | null;
  householdId: number | null;
  name: string;
  idNumber: string;
  birthDate: string;
  gender: string;
  phone: string | null;
  relation: string | null;
  kind: string;
  flags: string;
  origin: string | null;
  returnDate: string | null;
  note: string | null;
}

const STORED = `SELECT r.compound_id AS compoundId, r.household_id AS householdId, r.name, r.id_number AS idNumber, r.birth_date AS birthDate, r.gender, r.phone,
  r.relation, r.kind, r.flags, r.origin, r.return_date AS returnDate, r.note, b.name AS building, h.unit, h.room
  FROM residents r LEFT JOIN households h ON h.id = r.household_id LEFT JOIN buildings b ON b.id = h.building_id WHERE r.id = ?`;

/**
 * Where the resident lives after the change. A new compound without a building given
 * leaves the old building behind (it belongs to the old compound); a building alone keeps
 * the compound. A home without a room is still a household (room ''), so the building shows.
 */
function nextHome(cur: Home, p: Patch): Home {
  const compoundId = p.compoundId !== undefined ? p.compoundId : cur.compoundId;
  const moved = compoundId !== cur.compoundId;
  const pick = <K extends 'building' | 'room'>(k: K) => (p[k] !== undefined ? p[k] : moved ? null : cur[k]);
  return { compoundId, building: pick('building'), unit: p.unit !== undefined ? (p.unit ?? '') : moved ? '' : cur.unit, room: pick('room') };
}

function householdOf(ctx: EntityCtx, home: Home): number | null {
  if (!home.building) {
    if (home.room || home.unit) throw new ApiError('VALIDATION', '填写了单元或房号时请填写楼栋', [{ path: 'building', message: '请填写楼栋' }]);
    return null;
  }
  if (home.compoundId === null) throw new ApiError('VALIDATION', '请先选择小区，再填写楼栋', [{ path: 'compoundId', message: '请选择小区' }]);
  if (!stmt(ctx.db, 'SELECT 1 FROM compounds WHERE id = ?').get(home.compoundId))
    throw new ApiError('VALIDATION', '所选小区不存在', [{ path: 'compoundId', message: '所选小区不存在' }]);
  stmt(ctx.db, 'INSERT OR IGNORE INTO buildings (compound_id, name) VALUES (?, ?)').run(home.compoundId, home.building);
  const b = stmt(ctx.db, 'SELECT id FROM buildings WHERE compound_id = ? AND name = ?').get(home.compoundId, home.building) as { id: number };
  const room = home.room ?? '';
  stmt(ctx.db, 'INSERT OR IGNORE INTO households (building_id, unit, room) VALUES (?, ?, ?)').run(b.id, home.unit, room);
  return (stmt(ctx.db, 'SELECT id FROM households WHERE building_id = ? AND unit = ? AND room = ?').get(b.id, home.unit, room) as { id: number }).id;
}

/** Changes the given fields of one resident (in the caller's scope); returns the fields that changed. */
export function updateResident(ctx: EntityCtx, id: number, p: Patch): string[] {
  const before = getRow(ctx, residentsDef, id) as unknown as Record<string, unknown>;
  const cur = stmt(ctx.db, STORED).get(id) as Stored & { building: string | null; unit: string | null; room: string | null };
  const home = nextHome({ compoundId: cur.compoundId, building: cur.building, unit: cur.unit ?? '', room: cur.room || null }, p);
  const householdId = householdOf(ctx, home);
  const idNumber = p.idNumber ?? cur.idNumber;
  const name = p.name ?? cur.name;
  const phone = p.phone !== undefined ? p.phone : cur.phone;
  const v = <K extends keyof Stored & keyof Patch>(k: K) => (p[k] !== undefined ? p[k] : cur[k]);
  try {
    stmt(
      ctx.db,
      `UPDATE residents SET household_id = ?, compound_id = ?, name = ?, id_number = ?, birth_date = ?, gender = ?, phone = ?, relation = ?, kind = ?,
        flags = ?, origin = ?, return_date = ?, note = ?, search_key = ?, updated_at = ? WHERE id = ?`,
    ).run(
      householdId,
      home.compoundId,
      name,
      idNumber,
      // The ID number carries the birth date and sex (GB 11643): they follow it.
      `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
      Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
      phone,
      v('relation'),
      v('kind'),
      p.flags !== undefined ? p.flags.join('、') : cur.flags,
      v('origin'),
      v('returnDate'),
      v('note'),
      residentKey(name, phone, idNumber),
      ctx.now.toISOString(),
      id,
    );
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ApiError('CONFLICT', '身份证号与已登记的另一位居民重复', [{ path: 'idNumber', message: '身份证号与已登记的另一位居民重复' }]);
    throw e;
  }
  const after = getRow({ db: ctx.db, scope: ALL_COMMUNITIES }, residentsDef, id) as unknown as Record<string, unknown>;
  const changed = Object.keys(diff(before, after));
  if (changed.length) ctx.record?.({ entity: 'residents', id, before, after });
  return changed;
}

/** 批量修改: the same change to every selected resident, all or none; a failure names the row (name masked). */
export function bulkUpdateResidents(ctx: EntityCtx, ids: readonly number[], set: z.output<typeof ResidentBulkSet>): number {
  const nameOf = stmt(ctx.db, 'SELECT name FROM residents WHERE id = ?');
  const label = (id: number) => {
    const r = nameOf.get(id) as { name: string } | undefined;
    return r ? maskName(r.name) : `编号 ${id}`;
  };
  return applyToEach([...new Set(ids)], label, (id) => updateResident(ctx, id, set)).filter((c) => c.length > 0).length;
}

export const residentEditHandlers: Handlers<keyof typeof residentsEdit> = {
  'residents.update': ({ id, ...patch }, ctx) => ({ ok: true as const, changed: updateResident(entityCtx(ctx), id, patch) }),
  'residents.bulkUpdate': ({ ids, set }, ctx) => ({ changed: bulkUpdateResidents(entityCtx(ctx), ids, set) }),
};
