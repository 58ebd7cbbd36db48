/** Biên bản họp Hội đồng thẩm định: generated from the council's decisions, as a DOCX to sign. */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import type { CouncilItem } from './assessment.service.ts';

const vi = (s: string | null) => (s === null ? '' : s.replace('.', ','));
const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'Times New Roman', size: 24 })] })] });

export async function councilMinutesDocx(cycle: Cycle, items: CouncilItem[]): Promise<Buffer> {
  const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: [new TextRun({ text, bold: opts.bold, font: 'Times New Roman', size: 28 })] });
  const decided = items.filter((i) => i.councilPoints !== null);
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['STT', 'Đơn vị', 'Tiêu chí', 'Tự chấm', 'Đề xuất', 'Hội đồng', 'Lý do'].map((h) => cell(h, true)) }),
      ...items.map(
        (i, n) =>
          new TableRow({
            children: [cell(String(n + 1)), cell(i.unitName), cell(`${i.leafCode}. ${i.leafTitle}`), cell(vi(i.selfPoints)), cell(vi(i.proposedPoints)), cell(vi(i.councilPoints) || 'chưa quyết định'), cell(i.councilReason ?? '')],
          }),
      ),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          p('BIÊN BẢN HỌP HỘI ĐỒNG THẨM ĐỊNH', { bold: true, center: true }),
          p(`Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm ${cycle.year}`, { center: true }),
          p(`Hội đồng đã xem xét ${items.length} nội dung đơn vị có ý kiến giải trình khác với điểm đề xuất thẩm định; đã quyết định ${decided.length} nội dung như sau:`),
          table,
          p(''),
          p('THƯ KÝ HỘI ĐỒNG                                        CHỦ TỊCH HỘI ĐỒNG', { bold: true, center: true }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
