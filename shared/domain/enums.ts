/**
 * Enumerations stored as short English codes (stable in SQL CHECKs and code) with the
 * Chinese label the UI, exports and imports use. Order here is display order.
 */
function enumOf<const T extends Record<string, string>>(labels: T) {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { values, labels, label: (v: keyof T & string) => labels[v] };
}

export const CommunityKind = enumOf({ community: '社区', village: '村', committee: '居委会' });
export const ManagementType = enumOf({ managed: '物业', self: '自管', unmanaged: '三不管' });
export const ControlLevel = enumOf({ sealed: '封控区', controlled: '管控区', precaution: '防范区', normal: '常态' });
export const CheckpointKind = enumOf({ gate: '小区门岗', road: '道路卡点', village: '村口卡点', unit: '单位门岗' });
export const CheckpointHours = enumOf({ allDay: '24小时', daytime: '白天' });
export const CheckpointStatus = enumOf({ active: '值守中', paused: '暂停', removed: '已撤除' });

export type CommunityKindCode = (typeof CommunityKind.values)[number];
export type ManagementTypeCode = (typeof ManagementType.values)[number];
export type ControlLevelCode = (typeof ControlLevel.values)[number];
export type CheckpointKindCode = (typeof CheckpointKind.values)[number];
export type CheckpointHoursCode = (typeof CheckpointHours.values)[number];
export type CheckpointStatusCode = (typeof CheckpointStatus.values)[number];

// ---- supplies
export const SupplyCategory = enumOf({ protective: '防护物资', disinfection: '消杀物资', living: '生活物资' });
export const DonorKind = enumOf({ enterprise: '企业', association: '协会/社会组织', individual: '个人' });
/** Ledger movements; the sign of qty says in (+) or out (−). */
export const MoveKind = enumOf({
  purchase: '采购入库',
  upper: '上级调拨',
  donation: '社会捐赠',
  issue: '分配出库',
  use: '领用出库',
  transfer_out: '调拨调出',
  transfer_in: '调拨调入',
  adjust: '盘点调整',
  loss: '报损',
  reversal: '冲正',
});
export const PlanStatus = enumOf({ draft: '草稿', approved: '已审批', issued: '已发放' });
export const PlanBasis = enumOf({ population: '按人口', checkpoints: '按卡点数', staff: '按每日在岗人数', observed: '按居家观察人数', equal: '平均分配' });
export const RecipientKind = enumOf({ community: '社区', checkpoint: '卡点' });

// ---- volunteers
export const PersonKind = enumOf({
  party: '党员',
  volunteer: '志愿者',
  cadre: '社区干部',
  grid: '网格员',
  property: '物业人员',
  police: '民警',
  medical: '医务人员',
  building: '楼长',
  sinking: '单位下沉干部',
});
export const Gender = enumOf({ M: '男', F: '女' });
export const AgeGroup = enumOf({ '18-35': '18–35 岁', '36-50': '36–50 岁', '51-60': '51–60 岁', '60+': '60 岁以上' });
export const Health = enumOf({ healthy: '健康', observe: '居家观察', unwell: '身体不适' });
export const TeamKind = enumOf({ vanguard: '党员先锋队', service: '志愿服务队', branch: '临时党支部', building: '楼栋党小组', custom: '其他' });
export const Attendance = enumOf({ present: '到岗', absent: '缺岗', substituted: '替班' });

// ---- inspections (督查整改), premises, disinfection
export const PremisesKind = enumOf({
  supermarket: '商超',
  market: '农贸市场',
  pharmacy: '药店',
  hotel: '宾馆酒店',
  restaurant: '餐饮',
  petrol: '加油站',
  shop: '沿街商铺',
  unit: '单位',
});
export const PremisesStatus = enumOf({ open: '营业', paused: '暂停营业', closed: '关闭' });
export const InspectionSlot = enumOf({ am: '早', noon: '中', pm: '晚' });
export const InspectionKind = enumOf({ routine: '例行', covert: '暗访', special: '专项' });
export const TargetKind = enumOf({ checkpoint: '卡点', compound: '小区', premises: '经营场所' });
/** 逾期 is not stored: a problem still 待整改 after its deadline day is overdue. */
export const ProblemStatus = enumOf({ open: '待整改', fixed: '已整改待复查', closed: '已销号', overdue: '逾期' });
export const Responsible = enumOf({ property: '物业', community: '社区', premisesManager: '场所负责人', checkpointLead: '卡点组长' });
/** "反馈4类12条问题": the four kinds the offices report problems under, and 其他. */
export const ProblemCategory = enumOf({ duty: '值守登记', measures: '防控措施', hygiene: '环境消杀', publicity: '宣传张贴', other: '其他' });
export const DisinfectArea = enumOf({
  elevator: '电梯',
  corridor: '楼道',
  unitDoor: '单元门',
  toilet: '公共卫生间',
  garbage: '垃圾点',
  whole: '全域',
  around: '居家观察户周边',
});
export const DisinfectAgent = enumOf({ chlorine: '含氯消毒液', alcohol: '酒精', peracetic: '过氧乙酸', other: '其他' });

export type TargetKindCode = (typeof TargetKind.values)[number];
export type ProblemCategoryCode = (typeof ProblemCategory.values)[number];
