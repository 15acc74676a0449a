/**
 * The briefing's headline figures: one fixed list of counts, each with its Chinese label
 * and what it counts. The 总览, the printed and Word briefing, and the report workbook that
 * offices send upwards all read this list, so a figure means the same thing everywhere and
 * a higher level can add the workbooks of several units column by column.
 */
export const FIGURES = {
  communities: { label: '社区（村）数', unit: '个', means: '登记的社区（村）' },
  compounds: { label: '小区数', unit: '个', means: '登记的居民小区' },
  households: { label: '户数', unit: '户', means: '各小区登记的户数之和' },
  population: { label: '人口数', unit: '人', means: '各小区登记的人口之和' },
  compoundsSealed: { label: '封控区小区', unit: '个', means: '管控等级为封控区的小区' },
  compoundsControlled: { label: '管控区小区', unit: '个', means: '管控等级为管控区的小区' },
  compoundsPrecaution: { label: '防范区小区', unit: '个', means: '管控等级为防范区的小区' },
  checkpoints: { label: '卡点数', unit: '个', means: '状态为启用的卡点' },
  dutyNeeded: { label: '应到岗人次', unit: '人次', means: '当日排班表中卡点岗位各班次需要的人数之和' },
  dutyFilled: { label: '实到岗人次', unit: '人次', means: '当日卡点岗位已排且未缺岗的人数（每班不超过需要人数）' },
  dutyPeople: { label: '在岗人员', unit: '人', means: '当日有排班且未缺岗的人员（去重）' },
  dutyAbsent: { label: '缺岗人次', unit: '人次', means: '当日标记为缺岗的班次' },
  regPeople: { label: '登记人员', unit: '人次', means: '当日卡点登记的人员进出' },
  regVehicles: { label: '登记车辆', unit: '辆次', means: '当日卡点登记的车辆进出' },
  regAbnormal: { label: '体温异常', unit: '人次', means: '当日登记中体温异常的' },
  regRefused: { label: '劝返', unit: '人次', means: '当日登记为劝返的' },
  keyUnder: { label: '在管重点人员', unit: '人', means: '当日处于管控期、未解除或转出的重点人员' },
  keyHomeObservation: { label: '居家观察', unit: '人', means: '在管重点人员中措施为居家观察的' },
  keyHomeIsolation: { label: '居家隔离', unit: '人', means: '在管重点人员中措施为居家隔离的' },
  keyCentralQuarantine: { label: '集中隔离', unit: '人', means: '在管重点人员中措施为集中隔离的' },
  keyHealthMonitoring: { label: '健康监测', unit: '人', means: '在管重点人员中措施为健康监测的' },
  keyNew: { label: '新增重点人员', unit: '人', means: '管控开始日期为当日的' },
  keyReleased: { label: '解除管控', unit: '人', means: '当日办理解除的，及管控期于当日届满的' },
  followupsDue: { label: '应随访人次', unit: '人次', means: '在管重点人员每人每天上午、下午各一次' },
  followupsDone: { label: '已随访人次', unit: '人次', means: '在管重点人员当日已记录的随访' },
  screenHouseholds: { label: '排查应覆盖户数', unit: '户', means: '当日进行中（或最近一次）入户排查范围内的户数' },
  screenReached: { label: '已排查户数', unit: '户', means: '截至当日已排查或确认空置的户数' },
  tested: { label: '核酸检测', unit: '人次', means: '检测日期为当日的各轮次已检测人数' },
  alertsRaised: { label: '新增预警', unit: '条', means: '当日产生的体温与随访预警' },
  alertsHandled: { label: '处置预警', unit: '条', means: '当日确认处置的预警' },
  alertsOpen: { label: '待处置预警', unit: '条', means: '截至当日末尚未处置的预警' },
  needsNew: { label: '新增群众需求', unit: '件', means: '当日登记的买菜、就医、购药等需求' },
  needsDone: { label: '办结群众需求', unit: '件', means: '当日办结的需求' },
  donations: { label: '接收捐赠', unit: '批', means: '当日登记的捐赠' },
  plansIssued: { label: '物资发放', unit: '批', means: '当日发放的分配方案' },
  lowStockItems: { label: '库存不足物资', unit: '种', means: '当日末低于预警量或可用天数不足的物资' },
  inspections: { label: '督查次数', unit: '次', means: '当日的早、中、晚督查（含暗访、专项）' },
  inspectedPlaces: { label: '督查点位', unit: '处', means: '当日督查到的卡点、小区和经营场所' },
  problemsNew: { label: '发现问题', unit: '条', means: '当日督查发现的问题' },
  problemsClosed: { label: '整改销号', unit: '条', means: '当日复查通过销号的问题' },
  problemsOpen: { label: '未销号问题', unit: '条', means: '截至当日末尚未销号的问题' },
  problemsOverdue: { label: '逾期问题', unit: '条', means: '整改期限已过、当日末仍未报告整改的问题' },
  disinfectDue: { label: '应消杀', unit: '次', means: '当日各消杀区域应消杀次数之和' },
  disinfectDone: { label: '已消杀', unit: '次', means: '当日已消杀次数（每个区域不超过应消杀次数）' },
  premises: { label: '经营场所', unit: '家', means: '营业中的经营场所' },
  people: { label: '志愿者与党员', unit: '人', means: '人员名册中的人数' },
  teams: { label: '队伍', unit: '支', means: '登记的志愿服务队、党员先锋队等' },
} as const;

export type FigureKey = keyof typeof FIGURES;
export const FIGURE_KEYS = Object.keys(FIGURES) as FigureKey[];
export type Totals = Record<FigureKey, number>;

/** A share as a whole percentage, or null when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The briefing's sections, in print order. */
export const SECTIONS = {
  overall: '总体情况',
  checkpoints: '卡点值守',
  screening: '人员排查与重点人员',
  supplies: '物资保障',
  volunteers: '志愿服务',
  problems: '问题与整改',
  next: '下步工作',
} as const;
export type SectionKey = keyof typeof SECTIONS;
export const SECTION_KEYS = Object.keys(SECTIONS) as SectionKey[];
