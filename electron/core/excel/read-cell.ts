import { HIDDEN_TEXT } from '../../../shared/domain/mask';
import { checkIdNumber, checkPhone, cleanText, cleanTypedText, normalizeHeader, parseDate, parseNumber } from '../../../shared/domain/values';
import type { ColumnSpec } from './table-schema';

export type CoordSystem = 'WGS84' | 'GCJ02' | 'BD09';

const COORD_SYSTEMS: Record<string, CoordSystem> = {
  wgs84: 'WGS84',
  gps: 'WGS84',
  天地图: 'WGS84',
  cgcs2000: 'WGS84',
  gcj02: 'GCJ02',
  火星坐标: 'GCJ02',
  高德: 'GCJ02',
  腾讯: 'GCJ02',
  高德地图: 'GCJ02',
  腾讯地图: 'GCJ02',
  bd09: 'BD09',
  百度: 'BD09',
  百度地图: 'BD09',
};

const isEmpty = (raw: unknown) => raw === null || raw === undefined || (typeof raw === 'string' && cleanText(raw) === '');

/**
 * Reads one cell for its column: normalised value, or a Chinese reason it cannot be used,
 * and a note when the value was completed or converted (a date without a year, a 15-digit
 * ID), which the preview shows. `now` gives the year a date without one takes.
 */
export function readCell(col: ColumnSpec, raw: unknown, now?: Date): { value: unknown; error?: string; note?: string; masked?: true } {
  if (isEmpty(raw)) return col.required ? { value: null, error: `请填写${col.label}` } : { value: null };
  // A masked export (张*伟, 138****5678, （含个人信息，已隐藏）) imported back would overwrite real data with stars.
  if (col.personal && typeof raw === 'string' && (/[*＊]/.test(raw) || raw.trim() === HIDDEN_TEXT)) {
    return { value: raw, masked: true, error: `${col.label}是脱敏后的内容，不能导入：请使用勾选“导出完整信息”导出的文件，或填写完整信息` };
  }
  switch (col.kind) {
    case 'text': {
      // Exports neutralise formula-like text with a leading apostrophe; take it off again.
      const text = cleanTypedText(String(raw));
      return { value: /^'[=+\-@]/.test(text) ? text.slice(1) : text };
    }
    case 'int':
    case 'number': {
      const n = parseNumber(raw);
      if (!n.ok) return { value: raw, error: `${col.label}${n.reason}` };
      if (col.kind === 'int' && !Number.isInteger(n.value)) return { value: raw, error: `${col.label}应为整数` };
      return { value: n.value };
    }
    case 'enum': {
      const wanted = normalizeHeader(raw);
      const hit = Object.entries(col.enumLabels!).find(([code, label]) => normalizeHeader(label) === wanted || code.toLowerCase() === wanted);
      if (!hit) return { value: raw, error: `${col.label}应为 ${Object.values(col.enumLabels!).join(' / ')} 之一` };
      return { value: hit[0] };
    }
    case 'idNumber': {
      const id = checkIdNumber(raw);
      if (!id.ok) return { value: raw, error: id.reason };
      return id.note ? { value: id.value, note: id.note } : { value: id.value };
    }
    case 'phone': {
      const p = checkPhone(raw);
      return p.ok ? { value: p.value } : { value: raw, error: p.reason };
    }
    case 'date': {
      const d = parseDate(raw, now);
      if (!d.ok) return { value: raw, error: d.reason };
      return d.note ? { value: d.value, note: d.note } : { value: d.value };
    }
    case 'coordSystem': {
      const sys = COORD_SYSTEMS[normalizeHeader(raw)];
      return sys ? { value: sys } : { value: raw, error: '坐标系应为 WGS-84、GCJ-02（高德/腾讯）或 BD-09（百度）' };
    }
  }
}
