import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError, SurveyResponse } from '@parindex/contracts';
import { C, generateResponsesCsv, SAMPLE_UNITS, uuidOf } from './responses-fixture.ts';
import { importResponses, readResponses, stableResponseId } from './responses-import.ts';
import { exportResponsesTemplate } from './responses-template.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from './sample-questionnaires.ts';

const sipas = sampleSipasQuestionnaire();
const units = SAMPLE_UNITS;
const generateCsv = (n: number) => generateResponsesCsv(n, units);

describe('importResponses', () => {
  it('100,000 rows with 1% bad: every bad row reported with its reason, the rest returned, ids stable', async () => {
    const { csv, bad } = generateCsv(100_000);
    expect(bad.size).toBe(1000);
    const result = await importResponses(csv, sipas, { unitCodes: units });
    expect(result.rows).toBe(100_000);
    expect(result.rejected).toHaveLength(1000);
    for (const r of result.rejected) {
      expect(bad.has(r.row)).toBe(true);
      expect(r.reason).toContain(bad.get(r.row)!);
      expect(r.reason.startsWith(`Dòng ${r.row}: `)).toBe(true);
    }
    expect(result.responses).toHaveLength(99_000);
    const ids = result.responses.map((r) => r.id);
    expect(new Set(ids).size).toBe(99_000);

    const [first, second, third] = result.responses;
    expect(first).toEqual({
      id: uuidOf(0).toLowerCase(), questionnaireCode: 'SH-SIPAS-2025', respondentGroup: 'to_chuc', evaluatedUnitCode: 'u001', channel: 'import',
      durationSeconds: 60, submittedAt: '2025-11-01T00:00:00.000Z',
      answers: { A4: '1', B1: '1', B2: '1', ...Object.fromEntries(C.map((c, k) => [c, String(((k * 3) % 5) + 1)])), C14: '0', D1: ['1', '3'], D2: 'Cần thêm chỗ ngồi, máy lấy số' },
    });
    expect(second.id).toBe(stableResponseId('SH-SIPAS-2025\u0000id\u0000P-1'));
    for (const r of [first, second, third]) expect(SurveyResponse.safeParse(r).success).toBe(true);
    expect(third.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives the same ids on a re-import, whether the file comes whole or streamed in chunks', async () => {
    const { csv } = generateCsv(2_000);
    const once = await importResponses(csv, sipas, { unitCodes: units });
    const chunks = Readable.from(Array.from({ length: Math.ceil(csv.length / 8192) }, (_, k) => csv.subarray(k * 8192, (k + 1) * 8192)));
    const again = await importResponses(chunks, sipas, { unitCodes: units });
    expect(once.responses).toHaveLength(1_980);
    expect(again.responses).toEqual(once.responses);
    expect(again.rejected).toEqual(once.rejected);
  });

  it('reads an XLSX filled from the template: codes or labels, dates, multiple choices, semicolons', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportResponsesTemplate(sipas)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Phiếu trả lời')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['Mã phiếu', 'Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', 'Nộp lúc', 'Kênh']);
    const put = (r: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(r).getCell(header.indexOf(h) + 1).value = v;
    };
    const levels = Object.fromEntries(C.map((c) => [c, 'Hài lòng']));
    put(2, { 'Mã phiếu': 'PG-0001', 'Nhóm đối tượng': 'Người dân', 'Đơn vị được đánh giá': 'u001', 'Nộp lúc': new Date(Date.UTC(2025, 10, 3, 8, 15)), Kênh: 'Phiếu giấy', B1: 1, ...levels, D1: '2; 5' });
    put(3, { 'Nhóm đối tượng': 'to_chuc', 'Đơn vị được đánh giá': 'u002', 'Thời gian trả lời (giây)': 95, B1: 'Trực tuyến trên Cổng dịch vụ công', ...levels, C7: 'Tuyệt vời' });
    const result = await importResponses(Buffer.from(await wb.xlsx.writeBuffer()), sipas, { unitCodes: units });
    expect(result.rows).toBe(2);
    expect(result.responses).toHaveLength(1);
    expect(result.responses[0]).toMatchObject({
      id: stableResponseId('SH-SIPAS-2025\u0000id\u0000PG-0001'), respondentGroup: 'nguoi_dan', channel: 'paper', submittedAt: '2025-11-03T08:15:00+07:00',
      answers: { B1: '1', C1: '4', D1: ['2', '5'] },
    });
    expect(result.rejected).toEqual([{ row: 3, field: 'C7', reason: 'Dòng 3: cột "C7": phương án "Tuyệt vời" không có trong câu C7 (1, 2, 3, 4, 5).' }]);
  });

  it('rejects a row identical to an earlier one without ids, and accepts semicolon CSV with option labels', async () => {
    const par = sampleParQuestionnaire();
    const lines = ['Nhóm đối tượng;Đơn vị được đánh giá;II1;II2;III1;III2;IV1', 'dai_bieu;so-noi-vu;A;B;Rất tốt;C;D', 'dai_bieu;so-noi-vu;A;B;A;C;D', 'cong_chuc;so-tu-phap;A;;B;B;'];
    const result = await importResponses(Buffer.from(lines.join('\n')), par);
    expect(result.responses.map((r) => [r.respondentGroup, r.answers.III1])).toEqual([['dai_bieu', 'A'], ['cong_chuc', 'B']]);
    expect(result.rejected).toEqual([{ row: 3, reason: 'Dòng 3: giống hệt dòng 2 và không có mã phiếu; nếu đây là hai phiếu khác nhau, ghi mã phiếu (cột "Mã phiếu") cho từng phiếu.' }]);
  });

  it('refuses the whole file when the header does not fit the questionnaire', async () => {
    const csv = Buffer.from('Mã phiếu,C1,C99,Ghi chú\nx,4,4,\n');
    const error = await importResponses(csv, sipas).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('VALIDATION');
    expect(error.issues.map((i: { field: string }) => i.field)).toEqual(['C99', 'Nhóm đối tượng', 'Đơn vị được đánh giá']);
    expect(error.issues[0].message).toMatch(/^Dòng 1 \(tiêu đề\), cột "C99": không phải mã câu hỏi nào của phiếu SH-SIPAS-2025/);
    await expect(importResponses(Buffer.alloc(0), sipas)).rejects.toMatchObject({ code: 'INVALID_FILE' });
  });

  it('yields rows one by one for a caller that stores in batches', async () => {
    const { csv } = generateCsv(250);
    let n = 0;
    for await (const r of readResponses(csv, sipas)) {
      n++;
      if (n === 1) expect(r).toMatchObject({ ok: true, row: 2 });
    }
    expect(n).toBe(250);
  });
});
