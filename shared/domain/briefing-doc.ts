import type { BriefingData } from '../api/briefing';
import { type FigureKey, FIGURES, percent, SECTION_KEYS, SECTIONS, type SectionKey } from './briefing-figures';

/**
 * The briefing as a document: title block, and per section its paragraph and tables. The
 * printed page (HTML → PDF) and the Word file are two renderings of this one model, so
 * they cannot say different things.
 */

export interface DocTable {
  caption: string;
  head: string[];
  rows: string[][];
  /** Columns holding numbers (right-aligned). */
  numeric: number[];
}

export interface DocSection {
  key: SectionKey;
  title: string;
  paragraph: string;
  tables: DocTable[];
}

export interface BriefingDoc {
  title: string;
  issueLine: string;
  officeLine: string;
  dateLine: string;
  sections: DocSection[];
}

const n = (v: number) => v.toLocaleString('zh-CN');
const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Key figures of a section as a two-pair-per-row table (label, value, label, value). */
function figureTable(caption: string, keys: FigureKey[], totals: Record<FigureKey, number>, extra: [string, string][] = []): DocTable {
  const cells: [string, string][] = [...keys.map((k): [string, string] => [FIGURES[k].label, `${n(totals[k])} ${FIGURES[k].unit}`]), ...extra];
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([...cells[i]!, ...(cells[i + 1] ?? ['', ''])]);
  return { caption, head: ['指标', '数值', '指标', '数值'], rows, numeric: [1, 3] };
}

const rate = (part: number, whole: number) => {
  const p = percent(part, whole);
  return p === null ? '—' : `${p}%`;
};

export function briefingDoc(b: Pick<BriefingData, 'day' | 'year' | 'issueNo' | 'figures' | 'narrative'>): BriefingDoc {
  const f = b.figures;
  const t = f.totals;
  const [y, m, d] = b.day.split('-').map(Number);
  const tables: Record<SectionKey, DocTable[]> = {
    overall: [
      figureTable(
        '基本情况',
        ['communities', 'compounds', 'households', 'population', 'compoundsSealed', 'compoundsControlled', 'compoundsPrecaution', 'checkpoints'],
        t,
      ),
    ],
    checkpoints: [
      figureTable('卡点值守与通行登记', ['checkpoints', 'dutyNeeded', 'dutyFilled', 'dutyAbsent', 'regPeople', 'regVehicles', 'regAbnormal', 'regRefused'], t, [
        ['到岗率', rate(t.dutyFilled, t.dutyNeeded)],
      ]),
      {
        caption: '分社区情况',
        head: ['社区（村）', '卡点', '登记人员', '登记车辆', '体温异常', '在管重点人员', '排查覆盖'],
        rows: f.byCommunity.map((c) => [
          c.name,
          n(c.checkpoints),
          n(c.regPeople),
          n(c.regVehicles),
          n(c.regAbnormal),
          n(c.keyUnder),
          c.screenHouseholds ? rate(c.screenReached, c.screenHouseholds) : '—',
        ]),
        numeric: [1, 2, 3, 4, 5, 6],
      },
    ],
    screening: [
      figureTable(
        '重点人员与排查',
        [
          'keyUnder',
          'keyHomeObservation',
          'keyHomeIsolation',
          'keyCentralQuarantine',
          'keyHealthMonitoring',
          'keyNew',
          'keyReleased',
          'followupsDue',
          'followupsDone',
          'screenHouseholds',
          'screenReached',
          'tested',
        ],
        t,
        [
          ['随访完成率', rate(t.followupsDone, t.followupsDue)],
          ['排查覆盖率', rate(t.screenReached, t.screenHouseholds)],
        ],
      ),
    ],
    supplies: [
      {
        caption: '物资收发与库存',
        head: ['物资', '当日入库', '当日发放', '库存', '可用天数', '状态'],
        rows: f.supplies.map((s) => [
          s.name,
          `${n(s.received)} ${s.unit}`,
          `${n(s.issued)} ${s.unit}`,
          `${n(s.onHand)} ${s.unit}`,
          s.daysOfCover === null ? '—' : `${s.daysOfCover} 天`,
          s.low ? '不足' : '正常',
        ]),
        numeric: [1, 2, 3, 4],
      },
    ],
    volunteers: [figureTable('志愿服务', ['people', 'teams', 'dutyPeople', 'needsNew', 'needsDone', 'donations'], t)],
    problems: [
      figureTable(
        '督查整改、消杀与预警',
        [
          'inspections',
          'inspectedPlaces',
          'problemsNew',
          'problemsClosed',
          'problemsOpen',
          'problemsOverdue',
          'disinfectDue',
          'disinfectDone',
          'alertsRaised',
          'alertsHandled',
          'alertsOpen',
          'lowStockItems',
        ],
        t,
        [
          ['消杀完成率', rate(t.disinfectDone, t.disinfectDue)],
          ['随访未完成', `${n(Math.max(0, t.followupsDue - t.followupsDone))} 人次`],
        ],
      ),
      ...(f.alerts.length
        ? [
            {
              caption: '当日预警',
              head: ['时间', '类别', '内容', '处置'],
              rows: f.alerts.map((a) => [
                new Date(Date.parse(a.ts) + 8 * 3_600_000).toISOString().slice(11, 16),
                a.kind === 'temperature' ? '体温异常' : '随访异常',
                a.message,
                a.handled ? '已处置' : '待处置',
              ]),
              numeric: [],
            },
          ]
        : []),
    ],
    next: [],
  };
  return {
    title: `${f.officeName}疫情防控工作简报`,
    issueLine: `${y}年第${b.issueNo}期`,
    officeLine: `${f.officeName}疫情防控指挥部办公室`,
    dateLine: `${y}年${m}月${d}日`,
    sections: SECTION_KEYS.map((k, i) => ({ key: k, title: `${CN_NUM[i]}、${SECTIONS[k]}`, paragraph: b.narrative[k], tables: tables[k] })),
  };
}
