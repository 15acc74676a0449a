import { api, isMethodName } from './index';

/**
 * The audit log as a person reads it: the method's Chinese summary from the contract
 * instead of its code name, and the stored detail (JSON) as 字段：值 sentences.
 */
export const describeMethod = (method: string): string => (isMethodName(method) ? api[method].summary : method);

/** Labels of the fields that occur most in the log; others are shown by their code name. */
const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  phone: '电话',
  idNumber: '身份证号',
  status: '状态',
  note: '备注',
  reason: '原因',
  kind: '类型',
  day: '日期',
  communityId: '社区',
  compoundId: '小区',
  checkpointId: '卡点',
  gridId: '片区',
  controlLevel: '管控等级',
  staffPerShift: '每班人数',
  lng: '经度',
  lat: '纬度',
  boundary: '边界',
  role: '角色',
  username: '用户名',
  displayName: '姓名',
  disabled: '停用',
  table: '数据表',
  file: '文件',
  sheet: '工作表',
  created: '新增',
  updated: '更新',
  skipped: '跳过',
  communities: '涉及社区',
  refused: '拒绝原因',
  population: '人口',
  households: '户数',
  temperature: '体温',
  qty: '数量',
  warehouseId: '仓库',
  itemId: '物资',
  id: '编号',
  // 批量修改 and the resident edit form (residents.update / bulkUpdate, people.bulkUpdate, stock.count).
  ids: '所选记录',
  set: '修改为',
  building: '楼栋',
  unit: '单元',
  room: '房号',
  relation: '与户主关系',
  flags: '特殊人群',
  origin: '来源地',
  returnDate: '返回日期',
  birthDate: '出生日期',
  gender: '性别',
  health: '健康状况',
  teamId: '队伍',
  weekdays: '可值守的日子',
  partyMember: '党员',
  counted: '实盘数量',
  lines: '明细',
};

const label = (key: string) => FIELD_LABELS[key] ?? key;

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.map(value).join('、') || '（空）';
  if (typeof v === 'object') return `{${describeObject(v as Record<string, unknown>)}}`;
  return String(v);
}

const isChange = (v: unknown): v is { before: unknown; after: unknown } =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && 'before' in v && 'after' in v;

function describeObject(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => (isChange(v) ? `${label(k)}：${value(v.before)} → ${value(v.after)}` : `${label(k)}：${value(v)}`))
    .join('；');
}

/** A stored detail (JSON text) as sentences; text that is not JSON is shown as it is. */
export function describeDetail(detail: string | null): string {
  if (!detail) return '';
  try {
    const parsed = JSON.parse(detail) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? describeObject(parsed as Record<string, unknown>) : value(parsed);
  } catch {
    return detail;
  }
}
