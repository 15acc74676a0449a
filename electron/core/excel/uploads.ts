import crypto from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { Analysis } from './analyze';
import type { Sheet } from './read-workbook';

/**
 * Parsed uploads between preview and commit, in memory only (they may hold personal
 * data and must not outlive the process). Each belongs to the user who uploaded it and
 * expires after 30 minutes. Together they stay within MEMORY_BUDGET: a new upload pushes
 * out the oldest ones (whose owners are told why when they come back), and one is
 * dropped as soon as it is committed or cancelled.
 */
export interface Upload {
  id: string;
  table: string;
  fileName: string;
  sheets: Sheet[];
  userId: number;
  createdAt: number;
  /** Estimated bytes held (cells, then the analysis beside them). */
  bytes: number;
  analysis?: Analysis;
  /** Mapping the user chose (remembered on commit). */
  chosenMapping?: (string | null)[];
  /** Rows done / total of the preview or commit under way, for the page's progress bar. */
  progress?: { phase: 'preview' | 'commit'; done: number; total: number };
}

const TTL_MS = 30 * 60 * 1000;
/** About two 150,000-row rosters with their previews (each ≈ 250 MB as JavaScript objects). */
export const MEMORY_BUDGET = 600 * 1024 * 1024;
const uploads = new Map<string, Upload>();
/** Uploads pushed out by the budget, so their owners get the reason instead of "expired". */
const evicted = new Map<string, number>();

/** JavaScript's cost of the parsed cells: a slot per cell, strings at two bytes a character; analysis about doubles it. */
export function estimateBytes(sheets: Sheet[]): number {
  let bytes = 0;
  for (const s of sheets) {
    for (const row of s.rows) {
      bytes += 64 + (row?.length ?? 0) * 16;
      for (const c of row ?? []) if (typeof c === 'string') bytes += 2 * c.length + 16;
    }
  }
  return bytes * 2.5;
}

const held = () => [...uploads.values()].reduce((n, u) => n + u.bytes, 0);

export function putUpload(u: Omit<Upload, 'id' | 'createdAt' | 'bytes'>): Upload {
  const now = Date.now();
  for (const [id, old] of uploads) if (now - old.createdAt > TTL_MS) uploads.delete(id);
  for (const [id, at] of evicted) if (now - at > TTL_MS) evicted.delete(id);
  const upload: Upload = { ...u, id: crypto.randomUUID(), createdAt: now, bytes: estimateBytes(u.sheets) };
  if (upload.bytes > MEMORY_BUDGET) {
    throw new ApiError(
      'VALIDATION',
      `文件“${u.fileName}”解析后约占 ${Math.round(upload.bytes / 1024 / 1024)} MB 内存，超过导入暂存 ${MEMORY_BUDGET / 1024 / 1024} MB 的上限，请拆分后分批导入`,
    );
  }
  // Oldest first (a Map keeps insertion order).
  for (const [id, old] of uploads) {
    if (held() + upload.bytes <= MEMORY_BUDGET) break;
    uploads.delete(id);
    evicted.set(id, now);
    console.warn(`[excel] upload of ${Math.round(old.bytes / 1024 / 1024)} MB dropped to stay within the memory budget`);
  }
  uploads.set(upload.id, upload);
  return upload;
}

export function getUpload(id: string, userId: number): Upload {
  const u = uploads.get(id);
  if (!u && evicted.has(id)) {
    throw new ApiError(
      'NOT_FOUND',
      `同时待导入的文件过多，已超过导入暂存 ${MEMORY_BUDGET / 1024 / 1024} MB 的内存上限，较早上传的这个文件已被清除。请重新选择文件`,
    );
  }
  if (!u || u.userId !== userId || Date.now() - u.createdAt > TTL_MS) throw new ApiError('NOT_FOUND', '上传的文件已过期，请重新选择文件');
  return u;
}

export const dropUpload = (id: string) => uploads.delete(id);

/** Bytes held now (for the memory test and the slow-call page). */
export const uploadBytes = held;
