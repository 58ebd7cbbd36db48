import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Issue } from '@parindex/contracts';
import { exportRubricXlsx, importRubricXlsx } from './rubric-xlsx.ts';
import { sampleRubric } from './sample-rubric.ts';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** Exports the sample, lets the test spoil the workbook as a user would, and imports it again. */
async function importAfter(edit: (main: ExcelJS.Worksheet, info: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = await load(await exportRubricXlsx(sampleRubric()));
  edit(wb.getWorksheet('Bộ tiêu chí')!, wb.getWorksheet('Thông tin')!, wb);
  return importRubricXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** The sheet row holding a criterion code (column Mã). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
  throw new Error(`no row for ${code}`);
}
const COL = { code: 2, max: 4, method: 5, source: 7, appliesTo: 9 };

function issuesOf(result: Awaited<ReturnType<typeof importRubricXlsx>>): Issue[] {
  expect(result.ok).toBe(false);
  expect(result).not.toHaveProperty('doc');
  return result.ok ? [] : result.issues;
}

describe('exportRubricXlsx', () => {
  it('lays the main sheet out like a rubric annex: title, header, Roman numerals for fields, Vietnamese notation', async () => {
    const wb = await load(await exportRubricXlsx(sampleRubric()));
    const ws = wb.getWorksheet('Bộ tiêu chí')!;
    expect(String(ws.getCell(1, 1).value)).toContain('BỘ TIÊU CHÍ ĐÁNH GIÁ, XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH');
    expect(ws.getCell(2, 1).value).toBe('(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15/10/2025 của Chủ tịch UBND tỉnh)');
    expect((ws.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['STT', 'Mã', 'Lĩnh vực/Tiêu chí/Tiêu chí thành phần', 'Điểm tối đa']);
    const r2 = rowOf(ws, '2');
    expect(r2).toBe(11);
    expect(ws.getCell(r2, 1).value).toBe('II');
    expect(ws.getCell(r2, 1).font?.bold).toBe(true);
    expect(ws.getCell(rowOf(ws, '1.1.2'), 1).value).toBe('b');
    expect(ws.getCell(rowOf(ws, '1.2'), COL.max).value).toBe(0.125);
    expect(ws.getCell(rowOf(ws, '1.2'), COL.max).numFmt).toBe('0.###');
    expect(ws.getCell(rowOf(ws, '1.1.1'), COL.method).value).toBe('Mức: Ban hành đúng hạn = 0,5; [late] Ban hành chậm = 0,25; Không ban hành = 0');
    expect(ws.getCell(rowOf(ws, '2.1'), COL.method).value)
      .toBe('Tỷ lệ thuận (Số hồ sơ giải quyết đúng hạn / Tổng số hồ sơ đã giải quyết): điểm tối đa × tỷ lệ; Không phát sinh: không tính (loại khỏi thang điểm)');
    expect(ws.getCell(rowOf(ws, '2.4'), 8).value).toBe('Trừ');
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(3).value).toContain('TỔNG CỘNG');
    expect(total.getCell(4).value).toBe(20.125);
  });

  it('writes a readable key/value "Thông tin" sheet', async () => {
    const info = (await load(await exportRubricXlsx(sampleRubric()))).getWorksheet('Thông tin')!;
    const pairs = new Map<string, unknown>();
    info.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(pairs.get('Năm đánh giá')).toBe(2025);
    expect(pairs.get('Đối tượng đánh giá')).toBe('Sở, ban, ngành; Cơ quan đặc thù');
    expect(pairs.get('Xử lý đồng hạng')).toBe('Xét lần lượt: điểm thẩm định; điểm điều tra XHH');
    expect(pairs.get('Xuất sắc')).toBe(90);
    expect(pairs.get('so_nganh')).toBe('Sở, ban, ngành');
  });
});

describe('importRubricXlsx', () => {
  it('reads back exactly the rubric it exported', async () => {
    const result = await importRubricXlsx(await exportRubricXlsx(sampleRubric()));
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    expect(result.doc).toStrictEqual(sampleRubric());
  });

  it('accepts maxima typed as text with a decimal comma or dot', async () => {
    const result = await importAfter((ws) => {
      ws.getCell(rowOf(ws, '2.2'), COL.max).value = '0,25';
      ws.getCell(rowOf(ws, '1.2'), COL.max).value = ' 0.125 ';
    });
    expect(result.ok && result.doc).toStrictEqual(sampleRubric());
  });

  it('names a missing required column in the header row', async () => {
    const issues = issuesOf(await importAfter((ws) => ws.spliceColumns(COL.max, 1)));
    expect(issues).toEqual([{ row: 3, field: 'Điểm tối đa', message: 'Dòng 3: thiếu cột bắt buộc "Điểm tối đa".' }]);
  });

  it('names the row and column of text where a number belongs, without knock-on complaints', async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '2.2'), COL.max).value = 'hai'; }));
    expect(issues).toEqual([{ row: 13, field: 'Điểm tối đa', message: "Dòng 13, cột Điểm tối đa: 'hai' không phải là số." }]);
  });

  it('refuses more than 3 decimals', async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '2.2'), COL.max).value = 0.2505; }));
    expect(issues[0]).toMatchObject({ row: 13, message: expect.stringContaining("'0,2505' có quá 3 chữ số thập phân") });
  });

  it('reports a duplicate code with both rows', async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '2.3'), COL.code).value = '2.2'; }));
    expect(issues).toContainEqual({ row: 14, field: 'Mã', message: 'Dòng 14, cột Mã: mã 2.2 trùng với mã ở dòng 13; mỗi tiêu chí phải có một mã riêng.' });
  });

  it("reports children whose maxima do not add up on the parent's row", async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '2.2'), COL.max).value = 0.5; }));
    expect(issues).toEqual([{
      row: 11, field: 'Điểm tối đa',
      message: expect.stringContaining('Dòng 11, cột Điểm tối đa: Tổng điểm tối đa của các tiêu chí con (6,25) khác điểm tối đa của lĩnh vực 2 (6)'),
    }]);
  });

  it('reports an unreadable scoring method once, with the patterns to use', async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '1.3'), COL.method).value = 'Chấm theo cảm tính'; }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ row: 9, field: 'Phương pháp chấm điểm' });
    expect(issues[0].message).toMatch(/^Dòng 9, cột Phương pháp chấm điểm: Không đọc được phương pháp chấm điểm "Chấm theo cảm tính".*Chấm trực tiếp/);
  });

  it('reports an unknown source and an unknown peer group on their rows', async () => {
    const issues = issuesOf(await importAfter((ws) => {
      ws.getCell(rowOf(ws, '1.3'), COL.source).value = 'Tự chấm';
      ws.getCell(rowOf(ws, '3'), COL.appliesTo).value = 'so_nganh, xa_phuong';
    }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 9, field: 'Nguồn điểm', message: expect.stringContaining("'Tự chấm' không hợp lệ; ghi 'Tự đánh giá' hoặc 'Điều tra XHH'") }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 16, field: 'Áp dụng cho nhóm', message: expect.stringContaining('"xa_phuong" không có trong danh sách') }));
  });

  it('reports a criterion whose parent does not exist', async () => {
    const issues = issuesOf(await importAfter((ws) => { ws.getCell(rowOf(ws, '1.1.2'), COL.code).value = '1.5.2'; }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 7, field: 'Mã', message: expect.stringContaining('không có tiêu chí cha 1.5 của 1.5.2') }));
  });

  it('reports a bad item on the Thông tin sheet with its row, and returns no document', async () => {
    const issues = issuesOf(await importAfter((_, info) => {
      info.eachRow((row) => { if (row.getCell(1).value === 'Năm đánh giá') row.getCell(2).value = 'hai nghìn'; });
    }));
    expect(issues).toEqual([{ row: 5, field: 'Năm đánh giá', message: "Trang 'Thông tin', dòng 5 (Năm đánh giá): 'hai nghìn' phải là số nguyên từ 2000 đến 2100." }]);
  });

  it('collects every problem at once', async () => {
    const issues = issuesOf(await importAfter((ws, info) => {
      ws.getCell(rowOf(ws, '2.2'), COL.max).value = 'hai';
      ws.getCell(rowOf(ws, '1.3'), COL.method).value = 'Tùy ý';
      ws.getCell(rowOf(ws, '3.1'), COL.code).value = '';
      info.getCell(20, 1).value = 'Tốt'; // a second band labelled "Tốt"
    }));
    // Cell problems first (main sheet, then Thông tin), then what the assembled rubric shows:
    // without 3.1, field 3's children no longer add up to its maximum.
    expect(issues.map((i) => i.row)).toEqual([9, 13, 17, 20, 16]);
    expect(issues[3].message).toContain('Xếp loại "Tốt" bị trùng tên');
    expect(issues[4].message).toContain('(3,5) khác điểm tối đa của lĩnh vực 3 (10)');
  });

  it('reports an empty workbook and a main sheet with a header but no criteria', async () => {
    const empty = new ExcelJS.Workbook();
    const none = issuesOf(await importRubricXlsx(Buffer.from(await empty.xlsx.writeBuffer())));
    expect(none).toEqual([expect.objectContaining({ message: expect.stringContaining('Bảng tính trống') })]);

    const headerOnly = issuesOf(await importAfter((ws) => {
      for (let r = 4; r <= ws.rowCount; r++) ws.getRow(r).eachCell((cell) => { cell.value = null; });
    }));
    expect(headerOnly).toEqual([{ row: 3, message: "Trang 'Bộ tiêu chí' chưa có tiêu chí nào dưới dòng tiêu đề (dòng 3)." }]);

    const blankSheet = new ExcelJS.Workbook();
    blankSheet.addWorksheet('Bộ tiêu chí');
    const blank = issuesOf(await importRubricXlsx(Buffer.from(await blankSheet.xlsx.writeBuffer())));
    expect(blank).toContainEqual({ message: "Trang 'Bộ tiêu chí' trống: chưa có dòng tiêu đề cột và tiêu chí nào." });
  });

  it('reports a missing Thông tin sheet', async () => {
    const issues = issuesOf(await importAfter((_, info, wb) => wb.removeWorksheet(info.id)));
    expect(issues).toEqual([{ message: expect.stringContaining("Thiếu trang 'Thông tin'") }]);
  });

  it('refuses a file that is not an xlsx at all', async () => {
    for (const bytes of [Buffer.from('STT,Mã,Nội dung\n1,1,Chỉ đạo điều hành\n'), Buffer.alloc(0)]) {
      expect(await importRubricXlsx(bytes)).toEqual({
        ok: false,
        issues: [{ message: expect.stringContaining('Tệp không phải là bảng tính Excel (.xlsx) hợp lệ') }],
      });
    }
  });
});
