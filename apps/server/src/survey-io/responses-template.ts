import ExcelJS from 'exceljs';
import type { Questionnaire } from '@parindex/contracts';
import { QUESTION_TYPE_WORDS } from './survey-words.ts';
import { RESPONSE_COLUMNS } from './responses-import.ts';

/**
 * An empty response file for a questionnaire: sheet "Phiếu trả lời" with the header the import
 * expects (Mã phiếu, Nhóm đối tượng, Đơn vị được đánh giá, Thời gian trả lời (giây), Nộp lúc, Kênh,
 * then one column per question code, its text as a cell note) and a "Hướng dẫn" sheet listing
 * every question with its options.
 */
export async function exportResponsesTemplate(q: Questionnaire): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet('Phiếu trả lời', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const fixed = (['id', 'group', 'unit', 'duration', 'submittedAt', 'channel'] as const).map((k) => RESPONSE_COLUMNS[k][0]);
  const header = ws.getRow(1);
  [...fixed, ...q.questions.map((x) => x.code)].forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    ws.getColumn(i + 1).width = i < fixed.length ? 20 : 8;
    // Codes stay text ("01" must not become 1); the time column shows Vietnamese date-time.
    if (h === RESPONSE_COLUMNS.submittedAt[0]) ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy hh:mm';
    else if (h !== RESPONSE_COLUMNS.duration[0]) ws.getColumn(i + 1).numFmt = '@';
    const question = q.questions[i - fixed.length];
    if (question) cell.note = `${question.text}\n${question.options.map((o) => `${o.code}. ${o.label}`).join('\n')}`;
  });

  const guide = wb.addWorksheet('Hướng dẫn');
  [14, 70, 18, 50].forEach((w, i) => { guide.getColumn(i + 1).width = w; });
  guide.addRow([`Phiếu ${q.code}: ${q.title}`]).font = { bold: true };
  guide.addRow([`Mỗi dòng của trang "Phiếu trả lời" là một phiếu. Cột "${fixed[1]}" ghi mã nhóm: ${q.respondentGroups.map((g) => `${g.code} (${g.name})`).join('; ')}. Câu nhiều lựa chọn: ghi các mã phương án cách nhau bằng dấu chấm phẩy. Có thể để trống "${fixed[0]}": hệ thống tự tạo mã ổn định để nhập lại tệp không bị trùng.`]);
  guide.addRow([]);
  guide.addRow(['Mã câu hỏi', 'Nội dung', 'Loại câu hỏi', 'Phương án (mã. nội dung)']).font = { bold: true };
  for (const x of q.questions) {
    const row = guide.addRow([x.code, x.text, QUESTION_TYPE_WORDS[x.type][0], x.options.map((o) => `${o.code}. ${o.label}`).join('\n')]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
