import { AlignmentType, BorderStyle, Document, Footer, ImageRun, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { BriefingData } from '../../../shared/api/briefing';
import { briefingDoc, type DocTable } from '../../../shared/domain/briefing-doc';

/**
 * The briefing as an editable Word file, from the same document model as the printed page:
 * a red title block in the manner of an official 简报 (title, 期数, issuing office and
 * date over a red rule), 仿宋 body text, ruled tables, page numbers in the footer.
 */

const RED = 'C00000';
const BODY = { font: '仿宋', size: 30 } as const; // 三号 = 16pt; body at 15pt keeps a day on two pages
const SMALL = { font: '仿宋', size: 21 } as const;

function table(t: DocTable): (Paragraph | Table)[] {
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: head ? AlignmentType.CENTER : t.numeric.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text, bold: head, ...SMALL })],
        }),
      ],
    });
  return [
    new Paragraph({ spacing: { before: 120, after: 60 }, children: [new TextRun({ text: t.caption, bold: true, ...SMALL })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map((h, i) => cell(h, i, true)) }),
        ...t.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
      ],
    }),
  ];
}

/** A PNG's pixel size from its IHDR, to keep the map's proportions in Word. */
const pngSize = (png: Buffer) => (png.length > 24 && png.readUInt32BE(0) === 0x89504e47 ? { width: png.readUInt32BE(16), height: png.readUInt32BE(20) } : null);

/** `mapPng`: the office map as the browser drew it (the core has no canvas); without it the Word file has no map. */
export async function briefingDocx(b: BriefingData, mapPng: Buffer | null = null): Promise<{ fileName: string; base64: string }> {
  const doc = briefingDoc(b);
  const body: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: doc.title, font: '方正小标宋简体', size: 52, color: RED, bold: true })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [new TextRun({ text: doc.issueLine, ...BODY })] }),
    new Paragraph({
      tabStops: [{ type: 'right', position: 9000 }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      spacing: { after: 300 },
      children: [new TextRun({ text: doc.officeLine, ...SMALL }), new TextRun({ text: `\t${doc.dateLine}`, ...SMALL })],
    }),
  ];
  for (const s of doc.sections) {
    body.push(new Paragraph({ spacing: { before: 240, after: 120 }, children: [new TextRun({ text: s.title, font: '黑体', size: 30 })] }));
    for (const line of s.paragraph.split(/\n+/).filter(Boolean)) {
      body.push(new Paragraph({ indent: { firstLine: 600 }, spacing: { line: 420 }, children: [new TextRun({ text: line, ...BODY })] }));
    }
    const size = s.key === 'overall' && mapPng ? pngSize(mapPng) : null;
    if (size) {
      body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: 'png',
              data: mapPng!,
              transformation: { width: 600, height: Math.round((600 * size.height) / size.width) },
              altText: { name: '辖区小区管控等级示意图', description: '辖区小区管控等级示意图', title: '辖区小区管控等级示意图' },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: '辖区小区管控等级示意图（红：封控区，橙：管控区，绿：防范区，灰：常态；▲ 卡点）', ...SMALL })],
        }),
      );
    }
    for (const t of s.tables) body.push(...table(t));
  }
  const document = new Document({
    creator: b.figures.officeName,
    title: `${doc.title} ${doc.issueLine}`,
    sections: [
      {
        properties: { page: { margin: { top: 1440, bottom: 1300, left: 1500, right: 1400 } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], ...SMALL })] })],
          }),
        },
        children: body,
      },
    ],
  });
  const buffer = await Packer.toBuffer(document);
  return { fileName: `${b.figures.officeName}疫情防控工作简报-${b.year}年第${b.issueNo}期（${b.day}）.docx`, base64: buffer.toString('base64') };
}
