import { z } from 'zod';
import { method } from './contract';
import { Day, Id } from './common';
import { FIGURE_KEYS, type FigureKey, SECTION_KEYS, type SectionKey } from '../domain/briefing-figures';
import { ControlLevel } from '../domain/enums';

/** The 总览 (live) and the 每日简报 (frozen per day), both read from one figures function. */

const int = z.number().int();
export const Totals = z.object(Object.fromEntries(FIGURE_KEYS.map((k) => [k, int])) as Record<FigureKey, typeof int>);

export const CommunityRow = z.object({
  name: z.string(),
  checkpoints: int,
  regPeople: int,
  regVehicles: int,
  regAbnormal: int,
  keyUnder: int,
  screenHouseholds: int,
  screenReached: int,
});

export const SupplyRow = z.object({
  name: z.string(),
  unit: z.string(),
  issued: int,
  received: int,
  onHand: int,
  daysOfCover: z.number().nullable(),
  low: z.boolean(),
});

export const BriefingFigures = z.object({
  day: Day,
  officeName: z.string(),
  divisionCode: z.string().nullable(),
  totals: Totals,
  campaignName: z.string().nullable(),
  /** The item with the fewest days of cover (at last week's rate of issue). */
  scarcest: z.object({ name: z.string(), daysOfCover: z.number() }).nullable(),
  byCommunity: z.array(CommunityRow),
  supplies: z.array(SupplyRow),
  /** The day's alerts (names already masked in their messages). */
  alerts: z.array(z.object({ ts: z.string(), kind: z.enum(['temperature', 'followup']), message: z.string(), handled: z.boolean() })),
  /** The office for the printed map: compounds [lng, lat, control level] and active checkpoints [lng, lat]. */
  map: z.object({
    compounds: z.array(z.tuple([z.number(), z.number(), z.enum(ControlLevel.values)])),
    checkpoints: z.array(z.tuple([z.number(), z.number()])),
  }),
});

const Narrative = z.object(Object.fromEntries(SECTION_KEYS.map((k) => [k, z.string().max(3000, '每段不超过 3000 字')])) as Record<SectionKey, z.ZodString>);

export const Briefing = z.object({
  id: Id,
  day: Day,
  year: int,
  issueNo: int,
  figures: BriefingFigures,
  narrative: Narrative,
  /** Sections whose paragraph a person has edited (regenerating keeps them). */
  edited: z.array(z.enum(SECTION_KEYS)),
  generatedAt: z.string(),
  generatedBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Figures that differ now from those frozen in the briefing (the data for that day changed). */
  changes: z.array(z.object({ key: z.string(), label: z.string(), then: int, now: int })),
});

export const BriefingRow = Briefing.pick({
  id: true,
  day: true,
  year: true,
  issueNo: true,
  generatedAt: true,
  generatedBy: true,
  updatedAt: true,
  updatedBy: true,
});

const File = z.object({ fileName: z.string(), base64: z.string() });

export const RollupUnit = z.object({
  unitName: z.string(),
  divisionCode: z.string().nullable(),
  fileName: z.string(),
  generatedAt: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  totals: Totals,
});
export const Rollup = z.object({ day: Day, units: z.array(RollupUnit), sum: Totals });

export const DashboardLive = z.object({
  now: z.string(),
  today: BriefingFigures.omit({ map: true }),
  yesterday: Totals,
  /** Yesterday's registrations up to this time of day: flows are compared like with like. */
  yesterdaySoFar: z.object({ regPeople: int, regVehicles: int, regAbnormal: int, regRefused: int }),
  /** Checkpoints a roster covers this very shift, and those with fewer people than needed. */
  shift: z.object({ required: int, staffed: int, short: z.array(z.string()) }),
  /** The 14 complete days up to yesterday (today's figures are the tiles). */
  trend: z.array(z.object({ day: Day, regPeople: int, regVehicles: int, keyUnder: int, followupsDue: int, followupsDone: int })),
});

export const briefing = {
  'dashboard.live': method({
    scope: 'office',
    summary: '总览：今日关键数字（与昨日相比）、14 天趋势、库存与排查覆盖',
    perm: 'briefing:read',
    write: false,
    input: z.object({}),
    output: DashboardLive,
  }),
  'system.changes': method({
    scope: 'office',
    summary: '数据版本：任何写入后改变，用于自动刷新（含局域网其他电脑的写入）',
    perm: 'session',
    write: false,
    input: z.object({}),
    output: z.object({ version: z.string() }),
  }),
  'briefings.list': method({
    scope: 'office',
    summary: '每日简报列表（按日期倒序）',
    perm: 'briefing:read',
    write: false,
    input: z.object({ year: int.min(2000).max(2100).optional() }),
    output: z.array(BriefingRow),
  }),
  'briefings.get': method({
    scope: 'office',
    summary: '一期简报（冻结的数字、编辑后的文字，以及此后数据的变化）',
    perm: 'briefing:read',
    write: false,
    input: z.object({ id: Id }),
    output: Briefing,
  }),
  'briefings.generate': method({
    summary: '按所选日期生成简报（数字取自数据，文字按数字预填）',
    perm: 'briefing:write',
    // 'self': the day's figures are counted before the write (in a big office on a read job's thread), then written in one transaction.
    write: 'self',
    input: z.object({ day: Day }),
    output: Briefing,
  }),
  'briefings.regenerate': method({
    summary: '重新生成：按当前数据更新数字；未手工修改的段落随之更新，修改过的保留',
    perm: 'briefing:write',
    write: 'self',
    input: z.object({ id: Id }),
    output: Briefing,
  }),
  'briefings.saveNarrative': method({
    summary: '保存各部分文字',
    perm: 'briefing:write',
    // 'self': saved in one transaction, then read back with the day's figures counted as generate counts them.
    write: 'self',
    input: z.object({ id: Id, narrative: Narrative.partial() }),
    output: Briefing,
  }),
  'briefings.versions': method({
    scope: 'office',
    summary: '简报的修改历史',
    perm: 'briefing:read',
    write: false,
    input: z.object({ id: Id }),
    output: z.array(
      z.object({ version: int, ts: z.string(), username: z.string(), action: z.enum(['generate', 'regenerate', 'edit']), sections: z.array(z.string()) }),
    ),
  }),
  'briefings.docx': method({
    scope: 'office',
    summary: '导出 Word 文档（可编辑）；mapPng 为浏览器绘制的辖区示意图',
    audit: 'export',
    perm: 'briefing:read',
    write: false,
    maxBodyBytes: 4 * 1024 * 1024,
    input: z.object({ id: Id, mapPng: z.string().max(3_000_000, '示意图过大').optional() }),
    output: File,
  }),
  'briefings.workbook': method({
    scope: 'office',
    summary: '导出数字报表（固定格式的上报工作簿）',
    audit: 'export',
    perm: 'briefing:read',
    write: false,
    input: z.object({ id: Id }),
    output: File,
  }),
  'rollup.import': method({
    summary: '汇总：导入下级单位的上报工作簿（全部通过才导入）',
    perm: 'briefing:write',
    write: 'tx',
    maxBodyBytes: 40 * 1024 * 1024,
    input: z.object({
      day: Day,
      files: z
        .array(File.extend({ fileName: z.string().min(1).max(200) }))
        .min(1, '请选择文件')
        .max(60, '一次最多导入 60 个文件'),
    }),
    output: Rollup,
  }),
  'rollup.get': method({
    scope: 'office',
    summary: '某日的汇总：各单位数字与合计',
    perm: 'briefing:read',
    write: false,
    input: z.object({ day: Day }),
    output: Rollup,
  }),
  'rollup.remove': method({
    summary: '删除某单位某日的上报（以便导入更正后的文件）',
    perm: 'briefing:write',
    write: 'tx',
    input: z.object({ day: Day, unitName: z.string().min(1).max(60) }),
    output: Rollup,
  }),
  'rollup.workbook': method({
    scope: 'office',
    summary: '导出汇总合计（作为本单位的上报工作簿交上级）',
    audit: 'export',
    perm: 'briefing:read',
    write: false,
    input: z.object({ day: Day }),
    output: File,
  }),
};

export type BriefingFiguresData = z.output<typeof BriefingFigures>;
export type BriefingData = z.output<typeof Briefing>;
export type TotalsData = z.output<typeof Totals>;
export type RollupData = z.output<typeof Rollup>;
