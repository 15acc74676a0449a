import crypto from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import type { Analysis } from './analyze';
import type { Sheet } from './read-workbook';

/**
 * Parsed uploads between preview and commit, in memory only (they may hold personal
 * data and must not outlive the process). Each belongs to the user who uploaded it and
 * expires after 30 minutes.
 */
export interface Upload {
  id: string;
  table: string;
  fileName: string;
  sheets: Sheet[];
  userId: number;
  createdAt: number;
  analysis?: Analysis;
  /** Mapping the user chose (remembered on commit). */
  chosenMapping?: (string | null)[];
}

const TTL_MS = 30 * 60 * 1000;
const uploads = new Map<string, Upload>();

export function putUpload(u: Omit<Upload, 'id' | 'createdAt'>): Upload {
  for (const [id, old] of uploads) if (Date.now() - old.createdAt > TTL_MS) uploads.delete(id);
  const upload = { ...u, id: crypto.randomUUID(), createdAt: Date.now() };
  uploads.set(upload.id, upload);
  return upload;
}

export function getUpload(id: string, userId: number): Upload {
  const u = uploads.get(id);
  if (!u || u.userId !== userId || Date.now() - u.createdAt > TTL_MS) throw new ApiError('NOT_FOUND', '上传的文件已过期，请重新选择文件');
  return u;
}

export const dropUpload = (id: string) => uploads.delete(id);
