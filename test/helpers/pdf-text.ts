import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The text of each page of a PDF, for assertions: NFKC-normalised (CJK fonts map some
 * glyphs to Kangxi radicals, e.g. ⽅ for 方) and without whitespace (the text runs of a
 * table cell are split at arbitrary places), so "建设路社区 800" reads "建设路社区800".
 */
/**
 * Noto CJK maps some simplified glyphs to the CJK Radicals Supplement block, which NFKC
 * leaves alone; these are the ones that turn up in names and documents.
 */
const RADICALS: Record<string, string> = {
  '⺠': '民',
  '⻆': '角',
  '⻓': '长',
  '⻔': '门',
  '⻢': '马',
  '⻄': '西',
  '⻘': '青',
  '⻜': '飞',
  '⻝': '食',
  '⻅': '见',
  '⻋': '车',
  '⻩': '黄',
  '⻬': '齐',
  '⻰': '龙',
  '⻳': '龟',
  '⺟': '母',
  '⺩': '王',
  '⻛': '风',
  '⻚': '页',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻨': '麦',
  '⻉': '贝',
  '⻮': '齿',
  '⻈': '讠',
  '⻗': '雨',
  '⻙': '韦',
  '⻤': '鬼',
  '⻣': '骨',
  '⻧': '卤',
  '⻪': '黾',
  '⻭': '齿',
};
const plain = (s: string) => s.normalize('NFKC').replace(/[\u2e80-\u2eff]/g, (c) => RADICALS[c] ?? c);

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(plain(content.items.map((it) => ('str' in it ? it.str : '')).join('')).replace(/\s+/g, ''));
  }
  await doc.destroy();
  return pages;
}
