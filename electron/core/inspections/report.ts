import type Database from 'better-sqlite3-multiple-ciphers';
import type { z } from 'zod';
import type { Report } from '../../../shared/api/inspections';
import { localDay } from '../../../shared/domain/days';
import { ProblemCategory, Responsible, TargetKind } from '../../../shared/domain/enums';
import { stmt } from '../db/statements';

/**
 * 督查通报 for a date range: the problems found, by category, community and kind of place;
 * how many were fixed by their deadline; and the overdue ones by name, oldest first.
 * Grouped in SQL over the found_on range; fixed "on time" compares the Beijing day of the
 * fix with the deadline.
 */
export function inspectionReport(db: Database.Database, from: string, to: string, now: Date): z.input<typeof Report> {
  const p = { from, to, today: localDay(now) };
  const group = (expr: string) =>
    stmt(
      db,
      `SELECT ${expr} AS k, count(*) AS found, coalesce(sum(p.status = 'closed'), 0) AS closed FROM problems p LEFT JOIN communities m ON m.id = p.community_id WHERE p.found_on BETWEEN @from AND @to GROUP BY 1 ORDER BY found DESC`,
    ).all(p) as {
      k: string;
      found: number;
      closed: number;
    }[];
  const totals = stmt(
    db,
    `SELECT (SELECT count(*) FROM inspections WHERE day BETWEEN @from AND @to) AS inspections,
       (SELECT count(*) FROM inspection_targets t JOIN inspections i ON i.id = t.inspection_id WHERE i.day BETWEEN @from AND @to) AS targets,
       (SELECT count(*) FROM problems WHERE found_on BETWEEN @from AND @to) AS problems,
       (SELECT count(*) FROM problems WHERE found_on BETWEEN @from AND @to AND status = 'closed' AND date(fixed_at, '+8 hours') <= deadline) AS fixedOnTime,
       (SELECT count(*) FROM problems WHERE found_on BETWEEN @from AND @to AND status = 'closed' AND date(fixed_at, '+8 hours') > deadline) AS fixedLate`,
  ).get(p) as { inspections: number; targets: number; problems: number; fixedOnTime: number; fixedLate: number };
  const overdue = (
    stmt(
      db,
      `SELECT id, target_name AS targetName, item, deadline, responsible_kind AS kind, responsible_name AS name, CAST(julianday(@today) - julianday(deadline) AS INTEGER) AS daysOver
       FROM problems WHERE status = 'open' AND deadline < @today AND found_on BETWEEN @from AND @to ORDER BY deadline, id LIMIT 500`,
    ).all(p) as {
      id: number;
      targetName: string;
      item: string;
      deadline: string;
      kind: keyof typeof Responsible.labels;
      name: string | null;
      daysOver: number;
    }[]
  ).map(({ kind, name, ...o }) => ({ ...o, responsible: `${Responsible.labels[kind]}${name ? ` ${name}` : ''}` }));
  return {
    from,
    to,
    ...totals,
    byCategory: group('p.category').map((r) => ({
      key: r.k,
      label: ProblemCategory.labels[r.k as keyof typeof ProblemCategory.labels] ?? r.k,
      found: r.found,
      closed: r.closed,
    })),
    byCommunity: group("coalesce(m.name, '未知社区')").map((r) => ({ label: r.k, found: r.found, closed: r.closed })),
    byTargetKind: group('p.target_kind').map((r) => ({
      key: r.k,
      label: TargetKind.labels[r.k as keyof typeof TargetKind.labels] ?? r.k,
      found: r.found,
      closed: r.closed,
    })),
    overdue,
  };
}
