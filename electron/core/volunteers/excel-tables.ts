import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';
import { type Person, PersonFields } from '../../../shared/api/volunteers';
import { AgeGroup, Gender, Health, PersonKind } from '../../../shared/domain/enums';
import { shiftLabel } from '../../../shared/domain/shifts';
import { stmt } from '../db/statements';
import { entityBulk, insertBulk } from '../excel/entity-bulk';
import { idByName, issuesToColumns } from '../excel/resolve-refs';
import type { CellError, TableSchema } from '../excel/table-schema';
import { createRow, getRow, updateRow } from '../kernel/entity';
import { people } from './registers';
import { dateOf, loadRoster, postShifts, type PostRow } from './roster';

const WEEKDAY_CHARS = '一二三四五六日';
/** "每天", "周一至周五", "一三五", "1234567" → ISO weekdays; null when unreadable. */
export function parseWeekdays(raw: unknown): number[] | null {
  const raw0 = String(raw ?? '').replace(/\s/g, '');
  if (raw0 === '周末' || raw0 === '双休日') return [6, 7];
  const s = raw0.replace(/周|星期|、|,|，/g, '');
  if (!s || s === '每天' || s === '全周' || s === '全天') return [1, 2, 3, 4, 5, 6, 7];
  if (s === '工作日' || s === '一至五' || s === '一到五') return [1, 2, 3, 4, 5];
  if (s === '六日' || s === '六至日') return [6, 7];
  const days = [...s].map((c) => (/[1-7]/.test(c) ? Number(c) : WEEKDAY_CHARS.indexOf(c) + 1 || (c === '天' ? 7 : 0)));
  return days.every((d) => d >= 1 && d <= 7) ? [...new Set(days)].sort() : null;
}
/** "8-20", "8:00-20:00", "08:00～20:00" → [8, 20]; null when empty; 'bad' when unreadable. */
export function parseWindow(raw: unknown): [number, number] | null | 'bad' {
  const s = String(raw ?? '').trim();
  if (!s || s === '不限' || s === '全天') return null;
  const m = /^(\d{1,2})(?::00)?\s*[-–～~至到]\s*(\d{1,2})(?::00)?$/.exec(s);
  if (!m) return 'bad';
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a <= 23 && b <= 24 ? [a, b] : 'bad';
}

const FIELD_TO_COLUMN: Record<string, string> = { compoundId: 'compoundName', communityId: 'communityName', windowStart: 'window', windowEnd: 'window' };
const YES = { yes: '是', no: '否' };

export const peopleTable: TableSchema = {
  name: 'people',
  label: '人员名单（志愿者）',
  perm: 'roster:write',
  keyLabel: '姓名和手机号都相同的人员，或人员编号相同',
  keyColumn: 'name',
  columns: [
    {
      key: 'personNo',
      label: '人员编号',
      synonyms: ['人员ID'],
      kind: 'int',
      hint: '导出的名单自带，用来对应已有人员（手机号脱敏也能导回）；新增人员不填',
      example: '',
      width: 9,
    },
    { key: 'name', label: '姓名', synonyms: ['名字', '人员姓名', '志愿者姓名'], required: true, kind: 'text', hint: '', example: '张建国', width: 10 },
    {
      key: 'kind',
      label: '类别',
      synonyms: ['人员类别', '身份', '人员类型'],
      required: true,
      kind: 'enum',
      enumLabels: PersonKind.labels,
      hint: Object.values(PersonKind.labels).join(' / '),
      example: '志愿者',
      width: 10,
    },
    {
      key: 'phone',
      label: '手机号',
      synonyms: ['电话', '联系电话', '手机', '联系方式'],
      kind: 'phone',
      hint: '',
      example: '13812345678',
      personal: 'phone',
      width: 14,
    },
    {
      key: 'idNumber',
      label: '身份证号',
      synonyms: ['身份证', '身份证号码', '公民身份号码', '证件号码'],
      kind: 'idNumber',
      hint: '可不填；填写须为 18 位，文本格式',
      example: '',
      personal: 'idNumber',
      width: 22,
    },
    { key: 'gender', label: '性别', synonyms: [], kind: 'enum', enumLabels: Gender.labels, hint: '男 / 女', example: '男', width: 6 },
    {
      key: 'ageGroup',
      label: '年龄段',
      synonyms: ['年龄'],
      kind: 'enum',
      enumLabels: AgeGroup.labels,
      hint: Object.values(AgeGroup.labels).join(' / '),
      example: '36–50 岁',
      width: 10,
    },
    {
      key: 'compoundName',
      label: '居住小区',
      synonyms: ['小区', '住址小区', '所在小区'],
      kind: 'text',
      hint: '须是已登记的小区',
      example: '馨苑华园',
      width: 14,
    },
    { key: 'communityName', label: '所属社区', synonyms: ['社区', '村社区'], kind: 'text', hint: '不填小区时填写', example: '', width: 12 },
    { key: 'partyMember', label: '党员', synonyms: ['是否党员', '政治面貌'], kind: 'enum', enumLabels: YES, hint: '是 / 否', example: '是', width: 6 },
    { key: 'skills', label: '特长', synonyms: ['技能', '专长'], kind: 'text', hint: '顿号分隔', example: '驾驶、宣传', width: 14 },
    {
      key: 'weekdays',
      label: '可值守日',
      synonyms: ['可值守时间', '可服务日', '服务时间'],
      kind: 'text',
      hint: '每天 / 工作日 / 周末 / 一三五',
      example: '每天',
      width: 10,
    },
    { key: 'window', label: '可值守时段', synonyms: ['时段', '可服务时段'], kind: 'text', hint: '如 8-20；不填为不限', example: '', width: 10 },
    {
      key: 'health',
      label: '健康状况',
      synonyms: ['健康'],
      kind: 'enum',
      enumLabels: Health.labels,
      hint: '健康 / 居家观察 / 身体不适，不填为健康',
      example: '健康',
      width: 10,
    },
    { key: 'note', label: '备注', synonyms: ['说明'], kind: 'text', hint: '', example: '', width: 16 },
  ],
  rowKey: {
    column: 'personNo',
    find(ctx, no) {
      // Outside a community user's scope reads as unknown, like a deleted person.
      try {
        return getRow(ctx, people, Number(no)) as unknown as Record<string, unknown>;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'NOT_FOUND') return null;
        throw e;
      }
    },
    missing: '没有这个人员编号（可能已被删除）；作为新人员导入请清空此格',
  },
  resolve(ctx, v) {
    const errors: CellError[] = [];
    const key = `${v.name}|${v.phone ?? ''}`;
    const communityId = v.communityName ? idByName(ctx, 'communities', String(v.communityName)) : null;
    if (v.communityName && communityId === null) errors.push({ key: 'communityName', message: `社区“${v.communityName}”不存在` });
    let compoundId: number | null = null;
    if (v.compoundName) {
      const hits = stmt(ctx.db, 'SELECT id FROM compounds WHERE name = ? AND (? IS NULL OR community_id = ?)').all(
        v.compoundName,
        communityId,
        communityId,
      ) as { id: number }[];
      if (hits.length === 1) compoundId = hits[0]!.id;
      else
        errors.push({
          key: 'compoundName',
          message: hits.length ? `有多个名为“${v.compoundName}”的小区，请同时填写所属社区` : `小区“${v.compoundName}”不存在`,
        });
    }
    const weekdays = parseWeekdays(v.weekdays);
    if (!weekdays) errors.push({ key: 'weekdays', message: '可值守日应为 每天 / 工作日 / 周末，或如“一三五”' });
    const window = parseWindow(v.window);
    if (window === 'bad') errors.push({ key: 'window', message: '可值守时段应如 8-20' });
    if (errors.length) return { input: null, errors, key };
    const parsed = PersonFields.safeParse({
      ...v,
      compoundId,
      communityId,
      partyMember: v.partyMember === 'yes',
      skills: v.skills
        ? String(v.skills)
            .split(/[、,，\s]+/)
            .filter(Boolean)
        : [],
      weekdays,
      windowStart: window && window !== 'bad' ? window[0] : null,
      windowEnd: window && window !== 'bad' ? window[1] : null,
      health: v.health ?? undefined,
    });
    if (!parsed.success) return { input: null, errors: issuesToColumns(parsed.error.issues, FIELD_TO_COLUMN), key };
    return { input: parsed.data, errors: [], key };
  },
  findExisting(ctx, input) {
    const hit = (
      input.idNumber
        ? stmt(ctx.db, 'SELECT id FROM people WHERE id_number = ?').get(input.idNumber)
        : stmt(ctx.db, "SELECT id FROM people WHERE name = ? AND coalesce(phone, '') = ?").get(input.name, input.phone ?? '')
    ) as { id: number } | undefined;
    return hit ? (getRow(ctx, people, hit.id) as unknown as Record<string, unknown>) : null;
  },
  compare: [
    'kind',
    'phone',
    'idNumber',
    'gender',
    'ageGroup',
    'compoundId',
    'communityId',
    'partyMember',
    'skills',
    'weekdays',
    'windowStart',
    'windowEnd',
    'health',
    'note',
  ],
  bulk: entityBulk(people),
  save: (ctx, input, id) => void (id === null ? createRow(ctx, people, input as never) : updateRow(ctx, people, id, input as never)),
  toCells(r) {
    const p = r as unknown as z.output<typeof Person>;
    return {
      ...p,
      personNo: p.id,
      kind: PersonKind.labels[p.kind],
      gender: p.gender ? Gender.labels[p.gender] : null,
      ageGroup: p.ageGroup ? AgeGroup.labels[p.ageGroup] : null,
      partyMember: p.partyMember ? '是' : '否',
      skills: p.skills.join('、'),
      weekdays: p.weekdays.length === 7 ? '每天' : p.weekdays.map((d) => WEEKDAY_CHARS[d - 1]).join(''),
      window: p.windowStart === null ? '' : `${p.windowStart}-${p.windowEnd}`,
      health: Health.labels[p.health],
    };
  },
};

/**
 * Placements from a spreadsheet (日期, 岗位, 班次, 姓名, 手机号) into whichever roster covers
 * the date: how offices that still roster in Excel hand their week over.
 */
export const rosterRowsTable: TableSchema = {
  name: 'rosterRows',
  label: '排班安排',
  perm: 'roster:write',
  keyLabel: '同一班次的同一个人',
  columns: [
    {
      key: 'date',
      label: '日期',
      synonyms: ['值班日期', '执勤日期'],
      required: true,
      kind: 'date',
      hint: '须在已建排班表的日期范围内',
      example: '2026-12-01',
      width: 12,
    },
    {
      key: 'post',
      label: '岗位',
      synonyms: ['岗位名称', '卡点', '执勤点'],
      required: true,
      kind: 'text',
      hint: '岗位名称（卡点执勤岗即卡点名称）',
      example: '馨苑华园东门',
      width: 18,
    },
    {
      key: 'shift',
      label: '班次',
      synonyms: ['时段', '班别'],
      required: true,
      kind: 'text',
      hint: '如 08:00–16:00，或第几班（1、2、3）',
      example: '08:00–16:00',
      width: 14,
    },
    { key: 'name', label: '姓名', synonyms: ['值班人员', '执勤人员', '人员'], required: true, kind: 'text', hint: '', example: '张建国', width: 10 },
    { key: 'phone', label: '手机号', synonyms: ['电话', '联系电话'], kind: 'phone', hint: '同名时用来区分', example: '', personal: 'phone', width: 14 },
  ],
  resolve(ctx, v) {
    const key = [v.date, v.post, v.shift, v.name, v.phone].join('|');
    const errors: CellError[] = [];
    const roster = stmt(
      ctx.db,
      "SELECT id FROM rosters WHERE start_date <= ? AND date(start_date, '+' || (days - 1) || ' days') >= ? ORDER BY id DESC LIMIT 1",
    ).get(v.date, v.date) as { id: number } | undefined;
    if (!roster) errors.push({ key: 'date', message: `没有包含 ${v.date} 的排班表，请先新建排班表` });
    const post = stmt(ctx.db, 'SELECT id, name, pattern, custom_shifts FROM posts WHERE name = ? AND active = 1').get(v.post) as PostRow | undefined;
    if (!post) errors.push({ key: 'post', message: `岗位“${v.post}”不存在或已停用` });
    let shift = -1;
    if (post) {
      const labels = postShifts(post).map(shiftLabel);
      const text = String(v.shift)
        .replace(/\s/g, '')
        .replace(/[-~～至到]/g, '–');
      shift = /^\d$/.test(text) ? Number(text) - 1 : labels.findIndex((l) => l === text || l.replace(/:00/g, '') === text.replace(/:00/g, ''));
      if (shift < 0 || shift >= labels.length) errors.push({ key: 'shift', message: `班次应为 ${labels.join('、')} 之一` });
    }
    const persons = stmt(ctx.db, "SELECT id FROM people WHERE name = ? AND (? IS NULL OR coalesce(phone, '') = ?)").all(
      v.name,
      v.phone ?? null,
      v.phone ?? null,
    ) as { id: number }[];
    if (persons.length !== 1)
      errors.push({ key: 'name', message: persons.length ? `有 ${persons.length} 个名为“${v.name}”的人员，请填写手机号区分` : `人员“${v.name}”未登记` });
    if (errors.length) return { input: null, errors, key };
    const r = loadRoster(ctx.db, roster!.id);
    const day = Math.round((Date.parse(`${v.date}T00:00:00Z`) - Date.parse(`${r.start_date}T00:00:00Z`)) / 86_400_000);
    return { input: { rosterId: r.id, postId: post!.id, day, shift, personId: persons[0]!.id, date: dateOf(r, day) }, errors: [], key };
  },
  findExisting(ctx, i) {
    const hit = stmt(ctx.db, 'SELECT id FROM assignments WHERE roster_id = ? AND post_id = ? AND day = ? AND shift = ? AND person_id = ?').get(
      i.rosterId,
      i.postId,
      i.day,
      i.shift,
      i.personId,
    ) as { id: number } | undefined;
    return hit ? { id: hit.id } : null;
  },
  compare: [],
  bulk: insertBulk('assignments', ['roster_id', 'post_id', 'day', 'shift', 'person_id', 'source'], (_ctx, i) => [
    i.rosterId,
    i.postId,
    i.day,
    i.shift,
    i.personId,
    'manual',
  ]),
  save(ctx, i) {
    stmt(ctx.db, "INSERT INTO assignments (roster_id, post_id, day, shift, person_id, source) VALUES (?, ?, ?, ?, ?, 'manual')").run(
      i.rosterId,
      i.postId,
      i.day,
      i.shift,
      i.personId,
    );
  },
  toCells: (r) => r,
};
