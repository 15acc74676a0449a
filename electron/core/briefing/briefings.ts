import type Database from 'better-sqlite3-multiple-ciphers';
import type { BriefingData, BriefingFiguresData } from '../../../shared/api/briefing';
import { ApiError } from '../../../shared/api/errors';
import { FIGURE_KEYS, FIGURES, SECTION_KEYS, SECTIONS, type SectionKey } from '../../../shared/domain/briefing-figures';
import { readJobOr, worthAThread } from '../db/read-job-or';
import { stmt } from '../db/statements';
import { dayFigures } from './figures';
import { dayFiguresJob } from './figures-job';
import { prefill } from './narrative';

/**
 * A briefing is a record: figures frozen at generation (what was printed stays what was
 * printed), paragraphs as edited, a version row for every change. Regenerating refreshes
 * the figures and the paragraphs nobody edited; edited ones are kept.
 */

type Db = Database.Database;
type Who = { username: string; now: Date };
type Narrative = Record<SectionKey, string>;

interface Row {
  id: number;
  day: string;
  year: number;
  issue_no: number;
  figures: string;
  narrative: string;
  edited: string;
  generated_at: string;
  generated_by: string;
  updated_at: string;
  updated_by: string;
}

const load = (db: Db, id: number) => {
  const r = stmt(db, 'SELECT * FROM briefings WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new ApiError('NOT_FOUND', `简报不存在（编号 ${id}）`);
  return r;
};

/** What differs between the frozen figures and the data now, figure by figure. */
export function changesSince(frozen: BriefingFiguresData, now: BriefingFiguresData) {
  return FIGURE_KEYS.filter((k) => frozen.totals[k] !== now.totals[k]).map((k) => ({
    key: k,
    label: FIGURES[k].label,
    then: frozen.totals[k],
    now: now.totals[k],
  }));
}

function toBriefing(r: Row, changes: BriefingData['changes']): BriefingData {
  return {
    id: r.id,
    day: r.day,
    year: r.year,
    issueNo: r.issue_no,
    figures: JSON.parse(r.figures) as BriefingFiguresData,
    narrative: JSON.parse(r.narrative) as Narrative,
    edited: JSON.parse(r.edited) as SectionKey[],
    generatedAt: r.generated_at,
    generatedBy: r.generated_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    changes,
  };
}

/**
 * A day's figures, counted on a read job's thread once the office holds thousands of
 * residents (their counts are most of the work), else on the caller's.
 */
export const countDay = (db: Db, day: string, map = true): Promise<BriefingFiguresData> =>
  readJobOr(db, worthAThread(db, 'residents'), { module: new URL('./figures-job.ts', import.meta.url), fn: 'dayFiguresJob' }, { day, map }, dayFiguresJob);

/** The briefing with what changed in its day's data since it was generated (counted by countDay). */
export async function readBriefing(db: Db, id: number): Promise<BriefingData> {
  const day = load(db, id).day;
  const now = await countDay(db, day, false);
  // Read again after the count: an edit made meanwhile is shown.
  const r = load(db, id);
  return toBriefing(r, changesSince(JSON.parse(r.figures) as BriefingFiguresData, now));
}

/** The briefing as it was frozen, without comparing it with the data now (the Word file and the workbook print the frozen figures). */
export const frozenBriefing = (db: Db, id: number): BriefingData => toBriefing(load(db, id), []);

/** The day of a briefing, for counting its figures before regenerating it. */
export const briefingDay = (db: Db, id: number): string => load(db, id).day;

function addVersion(db: Db, id: number, action: 'generate' | 'regenerate' | 'edit', sections: string[], who: Who) {
  const r = load(db, id);
  const next = (stmt(db, 'SELECT coalesce(max(version), 0) + 1 AS v FROM briefing_versions WHERE briefing_id = ?').get(id) as { v: number }).v;
  stmt(db, 'INSERT INTO briefing_versions (briefing_id, version, ts, username, action, sections, figures, narrative) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    id,
    next,
    who.now.toISOString(),
    who.username,
    action,
    JSON.stringify(sections),
    r.figures,
    r.narrative,
  );
}

/** Refuses a second briefing of a day: before its figures are counted, and again in the write. */
export function refuseSecond(db: Db, day: string): void {
  const existing = stmt(db, 'SELECT id, issue_no FROM briefings WHERE day = ?').get(day) as { id: number; issue_no: number } | undefined;
  if (existing) throw new ApiError('CONFLICT', `${day} 的简报已生成（第 ${existing.issue_no} 期），请打开它，需要时选择“重新生成”`);
}

/** `figures`: the day's, counted by countDay before the write's transaction (counted here when absent). */
export function generateBriefing(db: Db, day: string, who: Who, figures = dayFigures(db, day)): BriefingData {
  refuseSecond(db, day);
  const year = Number(day.slice(0, 4));
  // Numbers follow the order of issue within the year and are never reused.
  const issueNo = (stmt(db, 'SELECT coalesce(max(issue_no), 0) + 1 AS n FROM briefings WHERE year = ?').get(year) as { n: number }).n;
  const at = who.now.toISOString();
  const id = Number(
    stmt(
      db,
      'INSERT INTO briefings (day, year, issue_no, figures, narrative, edited, generated_at, generated_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(day, year, issueNo, JSON.stringify(figures), JSON.stringify(prefill(figures)), '[]', at, who.username, at, who.username).lastInsertRowid,
  );
  addVersion(db, id, 'generate', [], who);
  return toBriefing(load(db, id), []);
}

export function regenerateBriefing(db: Db, id: number, who: Who, counted?: BriefingFiguresData): BriefingData {
  const r = load(db, id);
  const figures = counted ?? dayFigures(db, r.day);
  const edited = JSON.parse(r.edited) as SectionKey[];
  const old = JSON.parse(r.narrative) as Narrative;
  const fresh = prefill(figures);
  const narrative = Object.fromEntries(SECTION_KEYS.map((k) => [k, edited.includes(k) ? old[k] : fresh[k]])) as Narrative;
  const at = who.now.toISOString();
  stmt(db, 'UPDATE briefings SET figures = ?, narrative = ?, generated_at = ?, generated_by = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    JSON.stringify(figures),
    JSON.stringify(narrative),
    at,
    who.username,
    at,
    who.username,
    id,
  );
  addVersion(db, id, 'regenerate', [], who);
  return toBriefing(load(db, id), []);
}

/** Saves the edited paragraphs; the caller reads the briefing back (readBriefing) once the write is committed. */
export function saveNarrative(db: Db, id: number, changes: Partial<Narrative>, who: Who): void {
  const r = load(db, id);
  const narrative = JSON.parse(r.narrative) as Narrative;
  const edited = new Set(JSON.parse(r.edited) as SectionKey[]);
  const touched: SectionKey[] = [];
  for (const k of SECTION_KEYS) {
    const text = changes[k];
    if (text === undefined || text === narrative[k]) continue;
    narrative[k] = text;
    edited.add(k);
    touched.push(k);
  }
  if (touched.length) {
    stmt(db, 'UPDATE briefings SET narrative = ?, edited = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
      JSON.stringify(narrative),
      JSON.stringify(SECTION_KEYS.filter((k) => edited.has(k))),
      who.now.toISOString(),
      who.username,
      id,
    );
    addVersion(
      db,
      id,
      'edit',
      touched.map((k) => SECTIONS[k]),
      who,
    );
  }
}

export const listBriefings = (db: Db, year?: number) =>
  stmt(
    db,
    `SELECT id, day, year, issue_no AS issueNo, generated_at AS generatedAt, generated_by AS generatedBy, updated_at AS updatedAt, updated_by AS updatedBy
     FROM briefings WHERE (? IS NULL OR year = ?) ORDER BY day DESC LIMIT 400`,
  ).all(year ?? null, year ?? null) as Omit<BriefingData, 'figures' | 'narrative' | 'edited' | 'changes'>[];

export function versions(db: Db, id: number) {
  load(db, id);
  return (
    stmt(db, 'SELECT version, ts, username, action, sections FROM briefing_versions WHERE briefing_id = ? ORDER BY version DESC').all(id) as {
      version: number;
      ts: string;
      username: string;
      action: 'generate' | 'regenerate' | 'edit';
      sections: string;
    }[]
  ).map((v) => ({ ...v, sections: JSON.parse(v.sections) as string[] }));
}
