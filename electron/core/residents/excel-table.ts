import { ResidentKind, VULNERABLE } from '../../../shared/api/residents';
import { stmt } from '../db/statements';
import { insertBulk } from '../excel/entity-bulk';
import { communityOfRow, idByName } from '../excel/resolve-refs';
import type { CellError, TableSchema } from '../excel/table-schema';
import { compounds } from '../places/compounds';
import { createRow, getRow } from '../kernel/entity';
import { residentsBulk, testCountsBulk } from './excel-bulk';
import { residentsDef } from './residents';
import { personValues, type ResidentInput } from './resident-values';

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
  keyColumn: 'idNumber',
  columns: [
    {
      key: 'name',
      label: '姓名',
      synonyms: ['名字', '居民姓名', '人员姓名'],
      required: true,
      kind: 'text',
      hint: '',
      example: '张三',
      personal: 'name',
      width: 10,
    },
    {
      key: 'idNumber',
      label: '身份证号',
      synonyms: ['身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', '身份证件号码'],
      required: true,
      kind: 'idNumber',
      hint: '18 位，文本格式',
      example: '11010519491231002X',
      personal: 'idNumber',
      width: 22,
    },
    {
      key: 'phone',
      label: '手机号',
      synonyms: ['电话', '联系电话', '手机', '手机号码', '联系方式'],
      kind: 'phone',
      hint: '',
      example: '13812345678',
      personal: 'phone',
      width: 14,
    },
    {
      key: 'compound',
      label: '小区',
      synonyms: ['小区名称', '所在小区', '居住小区', '楼院'],
      required: true,
      kind: 'text',
      hint: '已登记的小区；新小区请同时填写社区',
      example: '馨苑华园',
      width: 14,
    },
    { key: 'community', label: '社区', synonyms: ['所属社区', '村社区'], kind: 'text', hint: '小区未登记时用来新建', example: '', width: 12 },
    { key: 'building', label: '楼栋', synonyms: ['楼号', '栋', '楼栋号'], kind: 'text', hint: '', example: '3', width: 6 },
    { key: 'unit', label: '单元', synonyms: ['单元号'], kind: 'text', hint: '', example: '2', width: 6 },
    { key: 'room', label: '房号', synonyms: ['门牌号', '房间号', '户号'], kind: 'text', hint: '', example: '301', width: 8 },
    { key: 'relation', label: '与户主关系', synonyms: ['关系'], kind: 'text', hint: '户主 / 配偶 / 子女 …', example: '户主', width: 10 },
    {
      key: 'kind',
      label: '人员类型',
      synonyms: ['类型', '居住类型'],
      kind: 'enum',
      enumLabels: ResidentKind,
      hint: '常住 / 租户 / 流动人口 / 临时，不填为常住',
      example: '常住',
      width: 10,
    },
    { key: 'flags', label: '特殊人群', synonyms: ['重点关注', '特殊情况'], kind: 'text', hint: VULNERABLE.join(' / '), example: '', width: 12 },
    { key: 'origin', label: '来源地', synonyms: ['来自', '从何地返回', '返回前所在地'], kind: 'text', hint: '', example: '郑州', width: 10 },
    { key: 'returnDate', label: '返回日期', synonyms: ['返回时间', '到达日期', '返乡日期'], kind: 'date', hint: '', example: '2022-10-02', width: 12 },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 16, personal: 'text' },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const key = String(v.idNumber);
    const communityId = v.community ? idByName(ctx, 'communities', String(v.community)) : null;
    if (v.community && communityId === null) errors.push({ key: 'community', message: `社区“${v.community}”不存在` });
    const hits = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND (? IS NULL OR community_id = ?)').all(v.compound, communityId, communityId) as {
      id: number;
    }[];
    let compoundId: number | null = null;
    let newCompound: ResidentInput['newCompound'] = null;
    if (hits.length === 1) compoundId = hits[0]!.id;
    else if (hits.length > 1) errors.push({ key: 'compound', message: `有多个名为“${v.compound}”的小区，请填写社区` });
    else if (communityId !== null) newCompound = { name: String(v.compound), communityId };
    else if (!v.community) errors.push({ key: 'compound', message: `小区“${v.compound}”未登记（填写“社区”列可自动新建）` });
    const flags = v.flags
      ? String(v.flags)
          .split(/[、,，\s]+/)
          .filter(Boolean)
      : [];
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
  communityOf(ctx, raw, existing) {
    const i = raw as unknown as ResidentInput;
    return [
      { key: 'compound', communityId: i.newCompound?.communityId ?? communityOfRow(ctx, 'compounds', i.compoundId), what: '小区' },
      // Re-import updates by ID number: a resident registered in another community is not moved from here.
      ...(existing ? [{ key: 'idNumber', communityId: communityOfRow(ctx, 'compounds', existing.compoundId), what: '该身份证号的居民（已登记）' }] : []),
    ];
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
      const b =
        i.compoundId !== null
          ? (stmt(ctx.db, 'SELECT id FROM buildings WHERE compound_id = ? AND name = ?').get(i.compoundId, i.building) as { id: number } | undefined)
          : undefined;
      if (!b) buildingsNew.add(`${c}|${i.building}`);
      if (!i.room) continue;
      const h = b ? stmt(ctx.db, 'SELECT 1 FROM households WHERE building_id = ? AND unit = ? AND room = ?').get(b.id, i.unit, i.room) : undefined;
      if (!h) householdsNew.add(`${c}|${i.building}|${i.unit}|${i.room}`);
    }
    const parts = [
      compoundsNew.size && `${compoundsNew.size} 个小区`,
      buildingsNew.size && `${buildingsNew.size} 个楼栋`,
      householdsNew.size && `${householdsNew.size} 户`,
    ].filter(Boolean);
    return parts.length ? [`导入时将新建 ${parts.join('、')}`] : [];
  },
  bulk: residentsBulk,
  save(ctx, raw, existingId) {
    const i = raw as unknown as ResidentInput;
    let compoundId = i.compoundId;
    if (i.newCompound) {
      const found = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND community_id = ?').get(i.newCompound.name, i.newCompound.communityId) as
        { id: number } | undefined;
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
        householdId = (stmt(ctx.db, 'SELECT id FROM households WHERE building_id = ? AND unit = ? AND room = ?').get(b.id, i.unit, i.room) as { id: number })
          .id;
      }
    }
    const at = ctx.now.toISOString();
    const values = [householdId, compoundId, ...personValues(i)];
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
  // The list row's compound and community by name, so a full export imports back as 无变化.
  toCells: (r) => ({
    ...r,
    compound: r.compoundName,
    community: r.communityName,
    kind: ResidentKind[r.kind as keyof typeof ResidentKind],
    flags: (r.flags as string[]).join('、'),
  }),
};

/**
 * The paper form checkpoints keep (日期, 时间, 卡点, 姓名, 手机号, 车牌号, 进出, 体温, 出入证号,
 * 事由), typed into Excel afterwards. Imported rows count in the daily figures; a fever
 * found in last week's paper is marked abnormal but raises no alert (it is long past).
 */
export const registrationsTable: TableSchema = {
  name: 'registrations',
  label: '卡点登记',
  perm: 'registrations:write',
  keyLabel: '同一时间、同一卡点、同一人的登记',
  columns: [
    { key: 'day', label: '日期', synonyms: ['登记日期'], required: true, kind: 'date', hint: '', example: '2022-02-03', width: 12 },
    { key: 'time', label: '时间', synonyms: ['登记时间', '进出时间'], kind: 'text', hint: '如 08:30，不填为 00:00', example: '08:30', width: 8 },
    {
      key: 'checkpoint',
      label: '卡点',
      synonyms: ['卡点名称', '检查点', '门岗'],
      required: true,
      kind: 'text',
      hint: '已登记的卡点名称',
      example: '馨苑华园东门',
      width: 16,
    },
    { key: 'name', label: '姓名', synonyms: ['人员姓名', '来人姓名'], kind: 'text', hint: '人员必填', example: '张三', personal: 'name', width: 10 },
    { key: 'phone', label: '手机号', synonyms: ['电话', '联系电话'], kind: 'phone', hint: '', example: '', personal: 'phone', width: 14 },
    { key: 'plate', label: '车牌号', synonyms: ['车牌', '车辆'], kind: 'text', hint: '车辆必填', example: '', width: 10 },
    {
      key: 'direction',
      label: '进出',
      synonyms: ['方向', '进/出'],
      kind: 'enum',
      enumLabels: { in: '进', out: '出' },
      hint: '进 / 出，不填为进',
      example: '进',
      width: 6,
    },
    { key: 'temperature', label: '体温', synonyms: ['体温℃', '测温'], kind: 'number', hint: '如 36.5', example: 36.5, width: 8 },
    { key: 'passNo', label: '出入证号', synonyms: ['出入证', '通行证号'], kind: 'text', hint: '', example: '', width: 10 },
    { key: 'reason', label: '事由', synonyms: ['备注', '外出事由'], kind: 'text', hint: '', example: '', width: 14 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const key = [v.day, v.time, v.checkpoint, v.name, v.plate].join('|');
    const cp = stmt(ctx.db, 'SELECT id FROM checkpoints WHERE name = ?').get(v.checkpoint) as { id: number } | undefined;
    if (!cp) errors.push({ key: 'checkpoint', message: `卡点“${v.checkpoint}”未登记` });
    const time = v.time ? String(v.time).trim().replace('：', ':') : '00:00';
    const m = /^(\d{1,2}):(\d{2})$/.exec(time);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) errors.push({ key: 'time', message: '时间应如 08:30' });
    if (!v.name && !v.plate) errors.push({ key: 'name', message: '请填写姓名（车辆填写车牌号）' });
    const t = v.temperature as number | null;
    if (t !== null && t !== undefined && (t < 34 || t > 43)) errors.push({ key: 'temperature', message: '体温应在 34–43 ℃ 之间' });
    if (errors.length) return { input: null, errors, key };
    const ts = new Date(`${v.day}T${m![1]!.padStart(2, '0')}:${m![2]}:00+08:00`).toISOString();
    return {
      input: {
        checkpointId: cp!.id,
        ts,
        subject: v.plate && !v.name ? 'vehicle' : 'person',
        name: v.name ?? null,
        phone: v.phone ?? null,
        plate: v.plate ?? null,
        direction: v.direction ?? 'in',
        temperature: t ?? null,
        passNo: v.passNo ?? null,
        reason: v.reason ?? null,
      },
      errors: [],
      key,
    };
  },
  communityOf: (ctx, i) => [{ key: 'checkpoint', communityId: communityOfRow(ctx, 'checkpoints', i.checkpointId), what: '卡点' }],
  findExisting(ctx, i) {
    const hit = stmt(ctx.db, "SELECT id FROM registrations WHERE checkpoint_id = ? AND ts = ? AND coalesce(name, '') = ? AND coalesce(plate, '') = ?").get(
      i.checkpointId,
      i.ts,
      i.name ?? '',
      i.plate ?? '',
    ) as { id: number } | undefined;
    return hit ? { id: hit.id } : null;
  },
  compare: [],
  bulk: insertBulk(
    'registrations',
    ['checkpoint_id', 'ts', 'subject', 'name', 'phone', 'plate', 'direction', 'temperature', 'abnormal', 'pass_no', 'reason', 'refused', 'username'],
    (ctx, i) => registrationValues(i, ctx.username),
  ),
  save(ctx, i) {
    stmt(
      ctx.db,
      'INSERT INTO registrations (checkpoint_id, ts, subject, name, phone, plate, direction, temperature, abnormal, pass_no, reason, refused, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(...registrationValues(i, ctx.username));
  },
  toCells: (r) => r,
};

/** An imported registration's columns, in the order the table's statements list them (checkpoint_id … username). */
function registrationValues(i: Record<string, unknown>, username: string | undefined): unknown[] {
  const t = i.temperature as number | null;
  return [
    i.checkpointId,
    i.ts,
    i.subject,
    i.name,
    i.phone,
    i.plate,
    i.direction,
    t,
    t !== null && t >= 37.3 ? 1 : 0,
    i.passNo,
    i.reason,
    0,
    username ?? 'import',
  ];
}

/** 核酸检测 tested counts per compound, as the testing sites report them, into a round (the latest unless named). */
export const testCountsTable: TableSchema = {
  name: 'testCounts',
  label: '核酸检测人数',
  perm: 'residents:write',
  keyLabel: '同一轮次的同一个小区',
  columns: [
    { key: 'round', label: '轮次', synonyms: ['检测轮次', '批次'], kind: 'text', hint: '不填为最近一轮', example: '第三轮全员核酸', width: 16 },
    { key: 'compound', label: '小区', synonyms: ['小区名称', '检测点'], required: true, kind: 'text', hint: '已登记的小区', example: '馨苑华园', width: 14 },
    { key: 'community', label: '社区', synonyms: ['所属社区'], kind: 'text', hint: '小区重名时填写', example: '', width: 12 },
    { key: 'tested', label: '已检人数', synonyms: ['已检', '检测人数', '采样人数'], required: true, kind: 'int', hint: '', example: 820, width: 10 },
  ],
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const key = `${v.round ?? ''}|${v.compound}|${v.community ?? ''}`;
    const round = (
      v.round
        ? stmt(ctx.db, 'SELECT id FROM test_rounds WHERE name = ? ORDER BY id DESC LIMIT 1').get(v.round)
        : stmt(ctx.db, 'SELECT id FROM test_rounds ORDER BY day DESC, id DESC LIMIT 1').get()
    ) as { id: number } | undefined;
    if (!round) errors.push({ key: 'round', message: v.round ? `没有名为“${v.round}”的检测轮次` : '还没有检测轮次，请先新建' });
    const communityId = v.community ? idByName(ctx, 'communities', String(v.community)) : null;
    const hits = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND (? IS NULL OR community_id = ?)').all(v.compound, communityId, communityId) as {
      id: number;
    }[];
    if (hits.length !== 1) errors.push({ key: 'compound', message: hits.length ? `有多个名为“${v.compound}”的小区，请填写社区` : `小区“${v.compound}”不存在` });
    if (Number(v.tested) < 0) errors.push({ key: 'tested', message: '已检人数不能为负数' });
    if (errors.length) return { input: null, errors, key };
    return { input: { roundId: round!.id, compoundId: hits[0]!.id, tested: Number(v.tested) }, errors: [], key };
  },
  communityOf: (ctx, i) => [{ key: 'compound', communityId: communityOfRow(ctx, 'compounds', i.compoundId), what: '小区' }],
  findExisting(ctx, i) {
    const row = stmt(ctx.db, 'SELECT tested FROM test_counts WHERE round_id = ? AND compound_id = ?').get(i.roundId, i.compoundId) as
      { tested: number } | undefined;
    return row ? { id: i.compoundId as number, tested: row.tested } : null;
  },
  compare: ['tested'],
  bulk: testCountsBulk,
  save(ctx, i) {
    stmt(ctx.db, 'UPDATE test_counts SET tested = ? WHERE round_id = ? AND compound_id = ?').run(i.tested, i.roundId, i.compoundId);
  },
  toCells: (r) => r,
};
