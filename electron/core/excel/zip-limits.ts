import zlib from 'node:zlib';
import { ApiError } from '../../../shared/api/errors';

/**
 * Limits checked on an .xlsx/.ods (a zip) before SheetJS sees it: a few MB can inflate
 * to gigabytes (one shared string of 400 MB took the process to 2.7 GB), and parsing
 * cannot be stopped halfway on the same thread. Read from the zip's own directory and
 * from the first bytes of each worksheet, so checking costs milliseconds.
 *
 * A real 150,000-row, 12-column roster has a 60 MB worksheet part and 1.8 million cells.
 */
export const MAX_PART_BYTES = 120 * 1024 * 1024;
export const MAX_CELLS = 4_000_000;

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

function entries(zip: Buffer): Entry[] | null {
  const from = Math.max(0, zip.length - 65_557);
  let end = -1;
  for (let i = zip.length - 22; i >= from; i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  let count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  // Zip64: the real count and offset are in the zip64 end record the locator points to.
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && zip.readUInt32LE(end - 20) === EOCD64_LOCATOR) {
    const at = Number(zip.readBigUInt64LE(end - 12));
    if (at + 56 > zip.length) return null;
    count = Number(zip.readBigUInt64LE(at + 32));
    offset = Number(zip.readBigUInt64LE(at + 48));
  }
  const out: Entry[] = [];
  for (let i = 0, p = offset; i < count; i++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) return null;
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    let compressed = zip.readUInt32LE(p + 20);
    let size = zip.readUInt32LE(p + 24);
    let localOffset = zip.readUInt32LE(p + 42);
    // Zip64 extra field (0x0001): 64-bit sizes for the fields stored as 0xFFFFFFFF.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = zip.readUInt16LE(e);
      const len = zip.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) ((size = Number(zip.readBigUInt64LE(q))), (q += 8));
        if (compressed === 0xffffffff) ((compressed = Number(zip.readBigUInt64LE(q))), (q += 8));
        if (localOffset === 0xffffffff) localOffset = Number(zip.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    out.push({ name: zip.toString('utf8', p + 46, p + 46 + nameLen), method: zip.readUInt16LE(p + 10), compressed, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * The opening of a part: its first 2 KB of compressed data inflated (at most ~2 MB even
 * for a bomb; a worksheet names its <dimension> in its first few hundred bytes).
 */
function head(zip: Buffer, e: Entry): string {
  if (e.localOffset + 30 > zip.length || zip.readUInt32LE(e.localOffset) !== LOCAL) return '';
  const start = e.localOffset + 30 + zip.readUInt16LE(e.localOffset + 26) + zip.readUInt16LE(e.localOffset + 28);
  const data = zip.subarray(start, Math.min(zip.length, start + Math.min(e.compressed, 2048)));
  if (e.method === 0) return data.toString('utf8');
  try {
    return zlib.inflateRawSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 4 * 1024 * 1024 }).toString('utf8', 0, 8192);
  } catch {
    return '';
  }
}

const colNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/** Cells of an <dimension ref="A1:L150001"/>, or null when the sheet does not say. */
function dimensionCells(xml: string): number | null {
  const m = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(xml);
  if (!m) return null;
  if (!m[3]) return 1;
  return (Math.abs(colNumber(m[3]) - colNumber(m[1]!)) + 1) * (Math.abs(Number(m[4]) - Number(m[2])) + 1);
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Throws a Chinese message naming the limit when a zip workbook would inflate past it. */
export function checkZipLimits(zip: Buffer, fileName: string): void {
  const list = entries(zip);
  if (!list) return; // Not a readable zip directory: SheetJS will say the file is not a workbook.
  let cells = 0;
  for (const e of list) {
    if (e.size > MAX_PART_BYTES) {
      throw new ApiError(
        'VALIDATION',
        `文件“${fileName}”解压后过大：其中“${e.name}”有 ${mb(e.size)}，超过每部分 ${mb(MAX_PART_BYTES)} 的上限，未读取。请确认文件来源，或拆分后分批导入`,
      );
    }
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) cells += dimensionCells(head(zip, e)) ?? 0;
  }
  if (cells > MAX_CELLS) {
    throw new ApiError(
      'VALIDATION',
      `文件“${fileName}”共有约 ${cells.toLocaleString()} 个单元格，超过 ${MAX_CELLS.toLocaleString()} 个单元格的上限，未读取。请删除多余的行列或拆分后分批导入`,
    );
  }
}
