import { CFB, type ParsingOptions, read, type Range, set_cptable, utils, type WorkBook } from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';
import { ApiError } from '../../../shared/api/errors';
import { checkZipLimits } from './zip-limits';

// Excel 2.x–95 files store text in the file's code page (936, GBK, in China): without the
// tables SheetJS reads it as Latin-1.
set_cptable(cptable);

/** Limits that keep a malformed or huge file from hanging the app; said in the error. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_ROWS = 200_000;

export interface Sheet {
  name: string;
  /** Cell values as stored: numbers stay numbers (so a damaged ID can be recognised). */
  rows: unknown[][];
  merges: Range[];
}

const startsWith = (b: Buffer, sig: number[]) => sig.every((v, i) => b[i] === v);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The BOF record that opens an Excel 2.x, 3.0 and 4.0 file (no OLE container before Excel 5). */
const OLD_BIFF: Record<number, string> = { 0x00: 'Excel 2.x', 0x02: 'Excel 3.0', 0x04: 'Excel 4.0' };
const oldBiff = (b: Buffer) => (b.length >= 8 && b[0] === 0x09 ? OLD_BIFF[b[1]!] : undefined);

/**
 * CSV from Chinese Windows is usually GB18030/GBK, from elsewhere UTF-8 (with or without
 * BOM). Valid UTF-8 is taken as UTF-8; anything else is decoded as GB18030.
 */
export function decodeText(bytes: Buffer): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return bytes.subarray(3).toString('utf8');
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function isEncryptedPackage(bytes: Buffer): boolean {
  try {
    return !!CFB.find(CFB.read(bytes, { type: 'buffer' }), 'EncryptionInfo');
  } catch {
    return false;
  }
}

function looksLikeText(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096);
  return !head.includes(0) || startsWith(bytes, [0xff, 0xfe]);
}

const PARSE_OPTIONS = { dense: true, cellDates: false, cellHTML: false, cellFormula: false, sheetRows: MAX_ROWS + 50 } as const;

/** What to hand to SheetJS: bytes for binary formats, decoded text for CSV (raw, so IDs stay text). */
export type ParsePlan = { kind: 'binary'; bytes: Uint8Array; options: ParsingOptions } | { kind: 'text'; text: string; options: ParsingOptions };

/** Checks that need no parsing: size, emptiness, password protection, text encoding. */
export function planParse(bytes: Buffer, fileName: string): ParsePlan {
  if (bytes.length === 0)
    throw new ApiError('VALIDATION', `文件“${fileName}”是空的（0 字节），里面没有任何内容；请确认选对了文件，或在 Excel/WPS 中重新保存后再导入`);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new ApiError('VALIDATION', `文件“${fileName}”超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限，请拆分后分批导入`);
  }
  if (startsWith(bytes, ZIP)) checkZipLimits(bytes, fileName);
  // Office wraps a password-protected .xlsx in an OLE container with an EncryptionInfo stream.
  if (startsWith(bytes, OLE) && isEncryptedPackage(bytes)) {
    throw new ApiError('VALIDATION', `文件“${fileName}”设置了打开密码，请在 Excel/WPS 中取消密码后再导入`);
  }
  const version = oldBiff(bytes);
  // A BIFF4 workbook (BOF type 0x0100) bundles sheets in a layout SheetJS does not read; single sheets of Excel 2.x–4.0 it does.
  if (version === 'Excel 4.0' && bytes.readUInt16LE(6) === 0x0100) {
    throw new ApiError('VALIDATION', `文件“${fileName}”是 Excel 4.0 工作簿（多工作表的旧格式），无法直接读取；请在 Excel/WPS 中打开后另存为 .xlsx 再导入`);
  }
  if (version || startsWith(bytes, ZIP) || startsWith(bytes, OLE)) return { kind: 'binary', bytes, options: { ...PARSE_OPTIONS, type: 'buffer' } };
  if (looksLikeText(bytes)) return { kind: 'text', text: decodeText(bytes), options: { ...PARSE_OPTIONS, type: 'string', raw: true } };
  throw new ApiError('VALIDATION', `文件“${fileName}”不是可识别的表格文件（支持 .xlsx、.xls、.et、.csv、.ods）`);
}

/** Row limit and "no data" checks on parsed sheets. */
export function toSheets(sheets: Sheet[], fileName: string): Sheet[] {
  const big = sheets.find((s) => s.rows.length > MAX_ROWS);
  if (big) throw new ApiError('VALIDATION', `文件“${fileName}”的工作表“${big.name}”超过 ${MAX_ROWS.toLocaleString()} 行上限，请拆分后分批导入`);
  if (sheets.every((s) => s.rows.every((r) => r.every((c) => c === null || c === '')))) {
    throw new ApiError('VALIDATION', `文件“${fileName}”中没有数据`);
  }
  return sheets;
}

/**
 * Reads .xlsx, .xls (BIFF8, also WPS .et), .ods and .csv into plain rows, on this
 * thread (the API uses parse-job.ts to do the same in a worker). Every failure is a
 * Chinese message naming the file.
 */
export function readWorkbook(bytes: Buffer, fileName: string): Sheet[] {
  const plan = planParse(bytes, fileName);
  let book: WorkBook;
  try {
    book = read(plan.kind === 'text' ? plan.text : plan.bytes, plan.options);
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    if (/password|encrypt/i.test(msg)) throw new ApiError('VALIDATION', `文件“${fileName}”设置了打开密码，请在 Excel/WPS 中取消密码后再导入`);
    throw new ApiError('VALIDATION', `文件“${fileName}”不是可识别的表格文件（支持 .xlsx、.xls、.et、.csv、.ods）`);
  }
  const sheets = book.SheetNames.map((name) => {
    const ws = book.Sheets[name]!;
    const rows = utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
    return { name, rows, merges: ws['!merges'] ?? [] };
  });
  return toSheets(sheets, fileName);
}
