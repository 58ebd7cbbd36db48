/**
 * Issue 14, item 1: a rubric annex whose "Phương pháp chấm điểm" cells use every new form — typed
 * as an official types them — imports from XLSX, and units compute through it to the figures
 * worked out by hand. A cycle of conditions and a misplaced "Không phát sinh" are refused with the
 * rows involved, and nothing is imported.
 */
import type { LeafInputs } from '@parindex/contracts';
import { type LeafScoreInput, computeCycle, indexRubric, toFixedHalfUp } from '@parindex/engine';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportRubricXlsx, importRubricXlsx } from './rubric-xlsx.ts';
import { sampleRubric } from './sample-rubric.ts';

/** Mã, nội dung, điểm tối đa, phương pháp chấm điểm (empty: a node with children and no condition). */
const ROWS: [string, string, number, string][] = [
  ['1', 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC', 10, ''],
  ['1.1', 'Ban hành kế hoạch CCHC năm', 1, 'Mức: Ban hành đúng hạn = 1; Ban hành chậm = 0,5; Không ban hành = 0'],
  ['1.2', 'Thực hiện kế hoạch CCHC', 5, 'Nếu 1.1 = 0 thì 0 điểm'],
  ['1.2.1', 'Mức độ hoàn thành kế hoạch CCHC', 2, 'Tỷ lệ (Số nhiệm vụ hoàn thành / Số nhiệm vụ trong kế hoạch): ≥ 100%: 2; ≥ 80%: 1; ≥ 0%: 0'],
  ['1.2.2', 'Văn bản thực hiện kế hoạch ban hành chậm', 1, 'Mỗi văn bản ban hành chậm trừ 0,25 điểm, trừ đến hết điểm của tiêu chí'],
  ['1.2.3', 'Họp Ban chỉ đạo CCHC', 2, 'Số lượng (cuộc họp đã tổ chức): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0\nKhông phát sinh: 0'],
  ['1.3', 'Kiểm tra công tác CCHC', 4, ''],
  ['1.3.1', 'Ban hành kế hoạch kiểm tra CCHC', 1, 'Đạt: tối đa; Không đạt: 0'],
  ['1.3.2', 'Kiểm tra các đơn vị trực thuộc', 2, 'Mức: [du] Kiểm tra đủ các đơn vị = 2; [mot_phan] Kiểm tra một phần = 1; [khong] Không kiểm tra = 0; Không phát sinh: không tính (loại khỏi thang điểm)'],
  ['1.3.3', 'Xử lý sau kiểm tra', 1, 'Chấm trực tiếp; Nếu 1.3.1 < 1 thì không tính (loại khỏi thang điểm)'],
  ['2', 'CẢI CÁCH THỦ TỤC HÀNH CHÍNH', 5, ''],
  ['2.1', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 3, 'Tỷ lệ thuận (Số hồ sơ đúng hạn / Số hồ sơ đã giải quyết): điểm tối đa × tỷ lệ; Không phát sinh: tối đa'],
  ['2.2', 'Xin lỗi khi trễ hẹn', 2, 'Mỗi hồ sơ trễ hẹn không có văn bản xin lỗi trừ 0,5 điểm; tối thiểu 0,5'],
];

/** The sample annex with its criteria replaced by `rows`, as an official would fill the template. */
async function annex(rows: [string, string, number, string][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportRubricXlsx(sampleRubric())) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Bộ tiêu chí')!;
  for (let r = 4; r <= ws.rowCount; r++) for (let c = 1; c <= 10; c++) ws.getCell(r, c).value = null;
  rows.forEach(([code, title, max, method], i) => {
    const row = ws.getRow(4 + i);
    row.getCell(2).value = code;
    row.getCell(3).value = title;
    row.getCell(4).value = max;
    if (method) row.getCell(5).value = method;
    if (code.split('.').length > 1 && !['1.2', '1.3'].includes(code)) row.getCell(7).value = 'Tự đánh giá';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const scores = (entries: Record<string, LeafInputs>) => new Map<string, LeafScoreInput>(Object.entries(entries).map(([code, inputs]) => [code, { inputs }]));

describe('an annex using every new rule form', () => {
  it('imports, keeps every form, and two units compute to the hand figures', async () => {
    const result = await importRubricXlsx(await annex(ROWS));
    if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
    const leaf = (code: string) => indexRubric(result.doc).leafByCode.get(code)!;
    expect(leaf('1.2.2').rule).toEqual({ type: 'count_deduction', countLabel: 'văn bản ban hành chậm', perItem: '0.25', floor: '0' });
    expect(leaf('1.2.3').rule).toMatchObject({ type: 'count_tiers', whenNone: 'zero', tiers: [{ count: 4, orMore: true, points: '2' }, { count: 3, points: '1.5' }, { count: 2, points: '0.75' }, { count: 1, points: '0.25' }, { count: 0, points: '0' }] });
    expect(leaf('1.2.1').rule).not.toHaveProperty('whenNone');
    expect(leaf('1.2.1').conditions).toEqual([{ leaf: '1.1', op: 'equal', value: '0', then: 'zero', from: '1.2' }]);
    expect(leaf('1.3.3').conditions).toEqual([{ leaf: '1.3.1', op: 'below', value: '1', then: 'not_applicable', from: '1.3.3' }]);

    const units = [{ unitId: 'a', name: 'Sở A', group: 'so_nganh' }, { unitId: 'b', name: 'Sở B', group: 'so_nganh' }];
    const computed = computeCycle(indexRubric(result.doc), units, new Map([
      ['a', scores({
        '1.1': { level: 'ban_hanh_cham' },                 // 0,5
        '1.2.1': { numerator: 18, denominator: 20 },       // 90 % → 1
        '1.2.2': { count: 2 },                             // 1 − 0,5 = 0,5
        '1.2.3': { count: 3 },                             // 1,5
        '1.3.1': { met: false },                           // 0
        '1.3.2': { noneOccurred: true },                   // không tính: maximum − 2
        '1.3.3': { points: '1' },                          // 1.3.1 < 1: không tính, maximum − 1
        '2.1': { numerator: 4870, denominator: 4902 },     // 3 × 0,993472… = 2,980 (3 decimals)
        '2.2': { count: 5 },                               // tối thiểu 0,5
      })],
      ['b', scores({
        '1.1': { level: 'khong_ban_hanh' },                // 0, so 1.2.1–1.2.3 score 0
        '1.2.1': { numerator: 20, denominator: 20 },
        '1.2.2': { count: 0 },
        '1.2.3': { noneOccurred: true },
        '1.3.1': { met: true },                            // 1
        '1.3.2': { level: 'du' },                          // 2
        '1.3.3': { points: '0.5' },                        // 0,5
        '2.1': { numerator: 0, denominator: 0 },           // không phát sinh: tối đa 3
        '2.2': { count: 1 },                               // 1,5
      })],
    ]));
    const figures = computed.units.map((u) => [u.unitId, u.total.toFixed(), u.max.toFixed(), toFixedHalfUp(u.index, 2), u.classification]);
    // A: 0,5 + 1 + 0,5 + 1,5 + 0 + 2,98 + 0,5 = 6,98 of 12 → 58,17. B: 1 + 2 + 0,5 + 3 + 1,5 = 8 of 15 → 53,33 (both below the sample's 60: Yếu).
    expect(figures).toEqual([['a', '6.98', '12', '58.17', 'Yếu'], ['b', '8', '15', '53.33', 'Yếu']]);
  });

  it('exports back to the same cells and imports to the same document', async () => {
    const first = await importRubricXlsx(await annex(ROWS));
    if (!first.ok) throw new Error('refused');
    const again = await importRubricXlsx(await exportRubricXlsx(first.doc));
    expect(again.ok && again.doc).toStrictEqual(first.doc);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportRubricXlsx(first.doc)) as unknown as ExcelJS.Buffer);
    const cells = new Map<string, unknown>();
    wb.getWorksheet('Bộ tiêu chí')!.eachRow((row) => cells.set(String(row.getCell(2).value), row.getCell(5).value));
    expect(cells.get('1.2')).toBe('Nếu 1.1 = 0 thì 0 điểm');
    expect(cells.get('1.2.2')).toBe('Mỗi văn bản ban hành chậm trừ 0,25 điểm; tối thiểu 0');
    expect(cells.get('1.2.3')).toBe('Số lượng (cuộc họp đã tổ chức): ≥ 4: 2; 3: 1,5; 2: 0,75; 1: 0,25; 0: 0; Không phát sinh: 0');
    expect(cells.get('1.3.3')).toBe('Chấm trực tiếp; Nếu 1.3.1 < 1 thì không tính (loại khỏi thang điểm)');
  });

  it('refuses conditions that form a cycle, naming each row of it, and imports nothing', async () => {
    const rows = ROWS.map((r): [string, string, number, string] => (r[0] === '1.1' ? [r[0], r[1], r[2], `${r[3]}; Nếu 1.2.1 < 1 thì 0 điểm`] : r));
    const result = await importRubricXlsx(await annex(rows));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const cycle = result.issues.filter((i) => i.message.includes('vòng lặp'));
    // 1.1 (row 5) names 1.2.1, and node 1.2 (row 6) makes 1.2.1 depend on 1.1.
    expect(cycle.map((i) => [i.row, i.field])).toEqual([[5, 'Phương pháp chấm điểm'], [6, 'Phương pháp chấm điểm']]);
    expect(cycle[0].message).toContain('1.1 ở dòng 5, 1.2 ở dòng 6');
  });

  it('refuses a condition naming a missing criterion and "Không phát sinh" on a survey leaf, on their rows', async () => {
    const rows = ROWS.map((r): [string, string, number, string] => (r[0] === '1.3.3' ? [r[0], r[1], r[2], 'Chấm trực tiếp; Nếu 1.3.9 < 1 thì 0 điểm'] : r));
    const missing = await importRubricXlsx(await annex(rows));
    expect(missing.ok || missing.issues.map((i) => [i.row, i.message])).toEqual([[13, expect.stringContaining('không có mã 1.3.9')]]);
    const survey = ROWS.map((r): [string, string, number, string] => (r[0] === '2.1' ? [r[0], r[1], r[2], 'Theo kết quả điều tra XHH; Không phát sinh: tối đa'] : r));
    const refused = await importRubricXlsx(await annex(survey));
    expect(refused.ok || refused.issues.map((i) => [i.row, i.message])).toEqual([[15, expect.stringContaining('điều tra XHH không ghi "Không phát sinh"')]]);
  });
});
