import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError, Questionnaire, type Issue } from '@parindex/contracts';
import { indexRubric } from '@parindex/engine';
import { demoRubric } from '../seed/demo-rubric.ts';
import { exportQuestionnaireXlsx, importQuestionnaireWorkbook, importQuestionnaireXlsx } from './questionnaire-xlsx.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from './sample-questionnaires.ts';

const surveyLeafCodes = indexRubric(demoRubric()).leaves.filter((l) => l.source === 'survey').map((l) => l.code);

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** The row of the "Câu hỏi" sheet holding a question code (column B). */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === code) return r;
  throw new Error(`no row for ${code}`);
}
const COL = { section: 1, code: 2, text: 3, type: 4, leaf: 7, optCode: 12, optLabel: 13, weight: 14 };

/** Exports the sample, lets the test spoil the workbook as a user would, imports again and returns the issues. */
async function issuesAfter(edit: (questions: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void, sample = sampleParQuestionnaire()): Promise<Issue[]> {
  const wb = await load(await exportQuestionnaireXlsx(sample));
  edit(wb.getWorksheet('Câu hỏi')!, wb);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  try {
    const q = await importQuestionnaireXlsx(buf, { surveyLeafCodes });
    throw new Error(`imported without error: ${q.code}`);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION');
    return (e as AppError).issues;
  }
}

describe('questionnaire XLSX', () => {
  it.each([['SIPAS', sampleSipasQuestionnaire], ['PAR', sampleParQuestionnaire]])('round-trips the %s sample: export → import → identical', async (_, make) => {
    const q = make();
    const back = await importQuestionnaireXlsx(await exportQuestionnaireXlsx(q), { surveyLeafCodes });
    expect(back).toStrictEqual(q);
  });

  it('round-trips every field: named units, factor weights, decimal weights, section groups, every fallback', async () => {
    const { description: _, ...base } = sampleSipasQuestionnaire();
    const q = Questionnaire.parse({
      ...base,
      code: 'TUY-CHINH', kind: 'par',
      respondentGroups: [...base.respondentGroups, { code: 'cong_chuc', name: 'Công chức', description: 'Công chức cấp xã' }],
      sections: [...base.sections, { code: 'E', title: 'Phần E. Dành cho công chức', groups: ['cong_chuc'] }],
      questions: [
        ...base.questions,
        { code: 'E1.10', section: 'E', text: 'Chất lượng tham mưu của Sở Nội vụ', type: 'single', required: true,
          options: [{ code: '01', label: 'Tốt', weight: '87.5' }, { code: '02', label: 'Chưa tốt', weight: '12.125' }, { code: '03', label: 'Không rõ' }],
          scoring: { leafCode: '8.7.1', evaluatedUnit: 'named', unitCode: 'so-noi-vu' } },
      ],
      leafScoring: [
        { leafCode: '8.7.1', formula: { type: 'share_at_least', threshold: '87.5' }, minAnswers: 3, fallback: 'use_available' },
        { leafCode: '8.1.1', formula: { type: 'mean_weight' }, minAnswers: 1, fallback: 'zero' },
        { leafCode: '8.1.2', formula: { type: 'mean_weight' }, minAnswers: 2, fallback: 'full' },
        { leafCode: '8.2.1', formula: { type: 'mean_weight' }, minAnswers: 30, fallback: 'not_applicable' },
      ],
      sipas: { satisfiedLevels: [5], factorIndex: 'pooled', overall: 'weighted_factors', factors: base.sipas!.factors.map((f, i) => ({ ...f, weight: String(10 + i * 5) })) },
    });
    const back = await importQuestionnaireXlsx(await exportQuestionnaireXlsx(q), { surveyLeafCodes });
    expect(back).toStrictEqual(q);
  });

  it('lays the form out for an official: sheets, title, header, a section row, a question row with its first option', async () => {
    const wb = await load(await exportQuestionnaireXlsx(sampleParQuestionnaire()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thông tin', 'Nhóm đối tượng', 'Câu hỏi']);
    const ws = wb.getWorksheet('Câu hỏi')!;
    expect(String(ws.getCell(1, 1).value)).toMatch(/^PHIẾU PHIẾU ĐIỀU TRA XÃ HỘI HỌC/);
    expect(ws.getCell(2, 2).value).toBe('Mã câu hỏi');
    expect([ws.getCell(3, 1).value, ws.getCell(3, 3).value]).toEqual(['I', 'I. Thông tin người trả lời']);
    const r = rowOf(ws, 'II1');
    expect([ws.getCell(r, COL.type).value, ws.getCell(r, COL.leaf).value, ws.getCell(r, COL.optCode).value, ws.getCell(r, COL.weight).value])
      .toEqual(['Một lựa chọn', '8.6.1', 'A', 100]);
    expect([ws.getCell(r + 1, COL.code).value, ws.getCell(r + 1, COL.optCode).value, ws.getCell(r + 1, COL.optLabel).value, ws.getCell(r + 1, COL.weight).value])
      .toEqual([null, 'B', 'Tốt', 60]);
    const info = wb.getWorksheet('Thông tin')!;
    const pairs = new Map<string, unknown>();
    info.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(pairs.get('Loại phiếu')).toBe('Điều tra xã hội học (Chỉ số CCHC)');
    expect(pairs.get('8.6.1')).toBe('Bình quân trọng số');
  });

  it('names sheet, row and column: weight outside 0–100%, unknown leaf code, duplicate codes', async () => {
    let rows: Record<string, number> = {};
    const issues = await issuesAfter((ws) => {
      rows = { II1: rowOf(ws, 'II1'), III1: rowOf(ws, 'III1'), IV1: rowOf(ws, 'IV1') };
      ws.getCell(rows.II1, COL.weight).value = 120;
      ws.getCell(rows.III1, COL.leaf).value = '8.9.9';
      ws.getCell(rows.IV1, COL.code).value = 'III1';
      ws.getCell(rows.II1 + 2, COL.optCode).value = 'A';
    });
    const messages = issues.map((i) => i.message);
    expect(messages).toContain(`Trang 'Câu hỏi', dòng ${rows.II1}, cột Trọng số (%): '120' phải là số từ 0 đến 100 (%).`);
    expect(messages.some((m) => m.startsWith(`Trang 'Câu hỏi', dòng ${rows.III1}, cột Tiêu chí chấm điểm: mã tiêu chí '8.9.9' không phải tiêu chí điều tra XHH`))).toBe(true);
    expect(messages).toContain(`Trang 'Câu hỏi', dòng ${rows.IV1}, cột Mã câu hỏi: Trùng mã câu hỏi "III1".`);
    expect(messages).toContain(`Trang 'Câu hỏi', dòng ${rows.II1 + 2}, cột Mã phương án: Câu II1: trùng mã phương án "A".`);
    expect(issues.find((i) => i.message.includes('120'))).toMatchObject({ row: rows.II1, field: 'Trọng số (%)' });
  });

  it('reports missing columns and sheets, and unknown groups', async () => {
    const cols = await issuesAfter((ws) => { ws.getCell(2, COL.optLabel).value = 'Nội dung phương án'; });
    expect(cols.map((i) => i.message)).toEqual(["Trang 'Câu hỏi', dòng 2, cột Phương án trả lời: thiếu cột bắt buộc."]);
    const sheets = await issuesAfter((_, wb) => { wb.removeWorksheet(wb.getWorksheet('Nhóm đối tượng')!.id); });
    expect(sheets[0].message).toContain("Thiếu trang 'Nhóm đối tượng'");
    const groups = await issuesAfter((ws, wb) => {
      wb.getWorksheet('Nhóm đối tượng')!.getCell(2, 1).value = 'dai_bieu_hdnd';
      ws.getCell(rowOf(ws, 'II2'), 6).value = 'dai_bieu; khach';
    });
    expect(groups.map((i) => i.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Trang 'Câu hỏi', dòng \d+, cột Nhóm đối tượng: Nhóm đối tượng "dai_bieu" không có trong phiếu/),
      expect.stringMatching(/cột Nhóm đối tượng: Nhóm đối tượng "khach" không có trong phiếu/),
    ]));
  });

  it('reads the "Thông tin" and SIPAS settings strictly', async () => {
    const issues = await issuesAfter((_, wb) => {
      const info = wb.getWorksheet('Thông tin')!;
      info.eachRow((row) => {
        const label = row.getCell(1).value;
        if (label === 'Năm khảo sát') row.getCell(2).value = 'hai nghìn';
        if (label === 'SIPAS: chỉ số hài lòng chung') row.getCell(2).value = 'Trung vị';
        if (label === '8.1.1') row.getCell(3).value = 150;
      });
    }, sampleSipasQuestionnaire());
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^Trang 'Thông tin', dòng \d+, cột Ngưỡng trọng số \(%\): '150' phải là số từ 0 đến 100/),
      expect.stringMatching(/^Trang 'Thông tin', dòng 4, cột Năm khảo sát: 'hai nghìn' phải là năm/),
      expect.stringMatching(/cột SIPAS: chỉ số hài lòng chung: 'Trung vị' không hợp lệ; ghi 'Bình quân các yếu tố'/),
    ]);
  });

  it('carries the "identified" declaration (Phiếu ghi danh) through export and import; an older sheet without the row is anonymous', async () => {
    const q = sampleParQuestionnaire();
    const yes = await importQuestionnaireWorkbook(await exportQuestionnaireXlsx(q, { identified: true }), { surveyLeafCodes });
    expect(yes).toStrictEqual({ questionnaire: q, identified: true });
    const wb = await load(await exportQuestionnaireXlsx(q));
    const info = wb.getWorksheet('Thông tin')!;
    let row = 0;
    info.eachRow((r, n) => { if (String(r.getCell(1).value).startsWith('Phiếu ghi danh')) row = n; });
    expect(info.getCell(row, 2).value).toBe('Không');
    expect((await importQuestionnaireWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { surveyLeafCodes })).identified).toBe(false);
    info.getCell(row, 2).value = 'Có lẽ';
    const bad = await importQuestionnaireWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { surveyLeafCodes }).catch((e: AppError) => e);
    expect((bad as AppError).issues[0].message).toMatch(new RegExp(`^Trang 'Thông tin', dòng ${row}, cột Phiếu ghi danh người trả lời \\(Có/Không\\): 'Có lẽ' không hợp lệ`));
    info.spliceRows(row, 1);
    expect((await importQuestionnaireWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), { surveyLeafCodes })).identified).toBe(false);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(importQuestionnaireXlsx(Buffer.from('Mã phiếu,Năm\n'))).rejects.toMatchObject({ code: 'INVALID_FILE' });
  });
});

describe('sample questionnaires', () => {
  it('link every survey leaf of the demo rubric, and only survey leaves', () => {
    const linked = [sampleSipasQuestionnaire(), sampleParQuestionnaire()].flatMap((q) => q.questions.flatMap((x) => (x.scoring ? [x.scoring.leafCode] : [])));
    expect([...new Set(linked)].sort()).toEqual([...surveyLeafCodes].sort());
    expect(surveyLeafCodes).toHaveLength(14);
  });
});
