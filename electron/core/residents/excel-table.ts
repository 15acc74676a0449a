import { ResidentKind, VULNERABLE } from '../../../shared/api/residents';
import { stmt } from '../db/statements';
import { idByName } from '../excel/resolve-refs';
import type { CellError, TableSchema } from '../excel/table-schema';
import { compounds } from '../places/compounds';
import { createRow, getRow } from '../places/entity';
import { residentKey, residentsDef } from './residents';

interface ResidentInput {
  name: string;
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F';
  phone: string | null;
  compoundId: number | null;
  newCompound: { name: string; communityId: number } | null;
  building: string | null;
  unit: string;
  room: string | null;
  relation: string | null;
  kind: string;
  flags: string[];
  origin: string | null;
  returnDate: string | null;
  note: string | null;
}

/**
 * The resident roster (姓名, 身份证号, 手机号, 小区, 楼栋, 单元, 房号 …) as offices keep it.
 * Buildings and households are found or created as rows are saved; a compound not yet
 * registered is created when the row names its 社区. The preview says how many of each
 * will be created before anything is written. Re-importing updates by ID number.
 */
export const residentsTable: TableSchema = {
  name: 'residents',
  label: '居民名单',
  perm: 'residents:write',
  keyLabel: '身份证号相同的居民',
  columns: [
    { key: 'name', label: '姓名', synonyms: ['名字', '居民姓名', '人员姓名'], required: true, kind: 'text', hint: '', example: '张三', personal: 'name', width: 10 },
    { key: 'idNumber', label: '身份证号', synonyms: ['身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', '身份证件号码'], required: true, kind: 'idNumber', hint: '18 位，文本格式', example: '11010519491231002X', personal: 'idNumber', width: 22 },
    { key: 'phone', label: '手机号', synonyms: ['电话', '联系电话', '手机', '手机号码', '联系方式'], kind: 'phone', hint: '', example: '13812345678', personal: 'phone', width: 14 },
    { key: 'compound', label: '小区', synonyms: ['小区名称', '所在小区', '居住小区', '楼院'], required: true, kind: 'text', hint: '已登记的小区；新小区请同时填写社区', example: '馨苑华园', width: 14 },
    { key: 'community', label: '社区', synonyms: ['所属社区', '村社区'], kind: 'text', hint: '小区未登记时用来新建', example: '', width: 12 },
    { key: 'building', label: '楼栋', synonyms: ['楼号', '栋', '楼栋号'], kind: 'text', hint: '', example: '3', width: 6 },
    { key: 'unit', label: '单元', synonyms: ['单元号'], kind: 'text', hint: '', example: '2', width: 6 },
    { key: 'room', label: '房号', synonyms: ['门牌号', '房间号', '户号'], kind: 'text', hint: '', example: '301', width: 8 },
    { key: 'relation', label: '与户主关系', synonyms: ['关系'], kind: 'text', hint: '户主 / 配偶 / 子女 …', example: '户主', width: 10 },
    { key: 'kind', label: '人员类型', synonyms: ['类型', '居住类型'], kind: 'enum', enumLabels: ResidentKind, hint: '常住 / 租户 / 流动人口 / 临时，不填为常住', example: '常住', width: 10 },
    { key: 'flags', label: '特殊人群', synonyms: ['重点关注', '特殊情况'], kind: 'text', hint: VULNERABLE.join(' / '), example: '', width: 12 },
    { key: 'origin', label: '来源地', synonyms: ['来自', '从何地返回', '返回前所在地'], kind: 'text', hint: '', example: '郑州', width: 10 },
    { key: 'returnDate', label: '返回日期', synonyms: ['返回时间', '到达日期', '返乡日期'], kind: 'date', hint: '', example: '2022-10-02', width: 12 },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 16 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const key = String(v.idNumber);
    const communityId = v.community ? idByName(ctx, 'communities', String(v.community)) : null;
    if (v.community && communityId === null) errors.push({ key: 'community', message: `社区“${v.community}”不存在` });
    const hits = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND (? IS NULL OR community_id = ?)').all(v.compound, communityId, communityId) as { id: number }[];
    let compoundId: number | null = null;
    let newCompound: ResidentInput['newCompound'] = null;
    if (hits.length === 1) compoundId = hits[0]!.id;
    else if (hits.length > 1) errors.push({ key: 'compound', message: `有多个名为“${v.compound}”的小区，请填写社区` });
    else if (communityId !== null) newCompound = { name: String(v.compound), communityId };
    else if (!v.community) errors.push({ key: 'compound', message: `小区“${v.compound}”未登记（填写“社区”列可自动新建）` });
    const flags = v.flags ? String(v.flags).split(/[、,，\s]+/).filter(Boolean) : [];
    const unknown = flags.filter((f) => !(VULNERABLE as readonly string[]).includes(f));
    if (unknown.length) errors.push({ key: 'flags', message: `特殊人群应为 ${VULNERABLE.join('、')}，不认识“${unknown.join('、')}”` });
    if (!v.building && v.room) errors.push({ key: 'building', message: '填写了房号时请填写楼栋' });
    if (errors.length) return { input: null, errors, key };
    const id = String(v.idNumber);
    const input: ResidentInput = {
      name: String(v.name),
      idNumber: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'M' : 'F',
      phone: (v.phone as string | null) ?? null,
      compoundId,
      newCompound,
      building: (v.building as string | null) ?? null,
      unit: (v.unit as string | null) ?? '',
      room: (v.room as string | null) ?? null,
      relation: (v.relation as string | null) ?? null,
      kind: (v.kind as string | null) ?? 'resident',
      flags,
      origin: (v.origin as string | null) ?? null,
      returnDate: (v.returnDate as string | null) ?? null,
      note: (v.note as string | null) ?? null,
    };
    return { input: input as unknown as Record<string, unknown>, errors: [], key };
  },
  findExisting(ctx, input) {
    const hit = stmt(ctx.db, 'SELECT id FROM residents WHERE id_number = ?').get(input.idNumber) as { id: number } | undefined;
    if (!hit) return null;
    const row = getRow({ ...ctx, scope: { all: true, userId: 0 } }, residentsDef, hit.id) as unknown as Record<string, unknown>;
    return { ...row, building: row.building ?? null, unit: row.unit ?? '', room: row.room ?? null, newCompound: null };
  },
  compare: ['name', 'phone', 'compoundId', 'newCompound', 'building', 'unit', 'room', 'relation', 'kind', 'flags', 'origin', 'returnDate', 'note'],
  summarize(ctx, inputs) {
    const compoundsNew = new Set<string>();
    const buildingsNew = new Set<string>();
    const householdsNew = new Set<string>();
    for (const raw of inputs) {
      const i = raw as unknown as ResidentInput;
      const c = i.compoundId ?? `new:${i.newCompound?.communityId}:${i.newCompound?.name}`;
      if (i.newCompound) compoundsNew.add(String(c));
      if (!i.building) continue;
      const b = i.compoundId !== null ? (stmt(ctx.db, 'SELECT id FROM buildings WHERE compound_id = ? AND name = ?').get(i.compoundId, i.building) as { id: number } | undefined) : undefined;
      if (!b) buildingsNew.add(`${c}|${i.building}`);
      if (!i.room) continue;
      const h = b ? stmt(ctx.db, 'SELECT 1 FROM households WHERE building_id = ? AND unit = ? AND room = ?').get(b.id, i.unit, i.room) : undefined;
      if (!h) householdsNew.add(`${c}|${i.building}|${i.unit}|${i.room}`);
    }
    const parts = [compoundsNew.size && `${compoundsNew.size} 个小区`, buildingsNew.size && `${buildingsNew.size} 个楼栋`, householdsNew.size && `${householdsNew.size} 户`].filter(Boolean);
    return parts.length ? [`导入时将新建 ${parts.join('、')}`] : [];
  },
  save(ctx, raw, existingId) {
    const i = raw as unknown as ResidentInput;
    let compoundId = i.compoundId;
    if (i.newCompound) {
      const found = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND community_id = ?').get(i.newCompound.name, i.newCompound.communityId) as { id: number } | undefined;
      compoundId =
        found?.id ??
        createRow({ ...ctx, scope: { all: true, userId: 0 } }, compounds, {
          name: i.newCompound.name,
          communityId: i.newCompound.communityId,
          gridId: null,
          managementType: 'unmanaged',
          propertyCompany: null,
          buildings: 0,
          households: 0,
          population: 0,
          controlLevel: 'normal',
          lng: null,
          lat: null,
          boundary: null,
        }).id;
    }
    let householdId: number | null = null;
    if (i.building && compoundId !== null) {
      stmt(ctx.db, 'INSERT OR IGNORE INTO buildings (compound_id, name) VALUES (?, ?)').run(compoundId, i.building);
      const b = stmt(ctx.db, 'SELECT id FROM buildings WHERE compound_id = ? AND name = ?').get(compoundId, i.building) as { id: number };
      if (i.room) {
        stmt(ctx.db, 'INSERT OR IGNORE INTO households (building_id, unit, room) VALUES (?, ?, ?)').run(b.id, i.unit, i.room);
        householdId = (stmt(ctx.db, 'SELECT id FROM households WHERE building_id = ? AND unit = ? AND room = ?').get(b.id, i.unit, i.room) as { id: number }).id;
      }
    }
    const at = ctx.now.toISOString();
    const values = [householdId, compoundId, i.name, i.idNumber, i.birthDate, i.gender, i.phone, i.relation, i.kind, i.flags.join('、'), i.origin, i.returnDate, i.note, residentKey(i.name, i.phone, i.idNumber)];
    if (existingId === null) {
      stmt(
        ctx.db,
        'INSERT INTO residents (household_id, compound_id, name, id_number, birth_date, gender, phone, relation, kind, flags, origin, return_date, note, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(...values, at, at);
    } else {
      stmt(
        ctx.db,
        'UPDATE residents SET household_id = ?, compound_id = ?, name = ?, id_number = ?, birth_date = ?, gender = ?, phone = ?, relation = ?, kind = ?, flags = ?, origin = ?, return_date = ?, note = ?, search_key = ?, updated_at = ? WHERE id = ?',
      ).run(...values, at, existingId);
    }
  },
  toCells: (r) => ({ ...r, kind: ResidentKind[r.kind as keyof typeof ResidentKind], flags: (r.flags as string[]).join('、') }),
};
